package submission

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/xuri/excelize/v2"
)

// TemplateOptions fill the unit fields of a template and choose its
// language ("vi" by default, "en").
type TemplateOptions struct {
	Unit, Name string
	Year       int
	Lang       indicators.Lang
	// Appraiser opens the appraisal columns (appraised value and reason)
	// for the appraisal council's copy; in the ward's copy they are locked.
	Appraiser bool
}

// Sheet names of the template, per language.
var (
	formSheet  = map[indicators.Lang]string{indicators.Vietnamese: "Biểu mẫu", indicators.English: "Form"}
	guideSheet = map[indicators.Lang]string{indicators.Vietnamese: "Hướng dẫn", indicators.English: "Instructions"}
)

// MetaSheet is the hidden sheet holding the framework id, version and
// hash, the unit and the year.
const MetaSheet = "_meta"

// Template layout: unit fields and the table.
const (
	tplUnitRow   = 3 // C3 unit code
	tplNameRow   = 4 // C4 unit name
	tplYearRow   = 5 // C5 year
	colAttrLabel = 7 // G3–G5 name the unit attributes, H3–H5 hold them
	tplHeaderRow = 7
	colCode      = 1 // A
	colIndName   = 2
	colUnit      = 3
	colMax       = 4
	colRule      = 5
	colSelf      = 6 // F
	colEvidence  = 7 // G
	colAppraised = 8 // H
	colReason    = 9 // I
	colNote      = 10
)

var headerVI = []string{"Mã", "Chỉ tiêu", "Đơn vị tính", "Điểm tối đa", "Cách tính điểm", "Giá trị tự đánh giá", "Tài liệu kiểm chứng (số văn bản, đường dẫn, tên tệp)", "Giá trị thẩm định", "Lý do điều chỉnh (hội đồng thẩm định)", "Ghi chú",
	"Điểm tự đánh giá (tạm tính)", "Điểm tối đa áp dụng", "Cách tính / điểm trụ cột (thang điểm)"}
var headerEN = []string{"Code", "Indicator", "Unit", "Max points", "How it is scored", "Self-assessed value", "Evidence (document no., link, file name)", "Appraised value", "Reason for adjustment (appraisal council)", "Note",
	"Self-assessed points (provisional)", "Applicable max points", "Scoring note / pillar score (on the scale)"}

func lang(l indicators.Lang) indicators.Lang {
	if l == indicators.English {
		return l
	}
	return indicators.Vietnamese
}

func cell(col, row int) string { return xl.Cell(col, row) }

// WriteTemplate writes the submission workbook for fw: instructions, the
// form with one row per indicator under its pillar and group headings,
// data validation on the value cells, locked labels, and a hidden
// metadata sheet that identifies the framework version.
func WriteTemplate(w io.Writer, fw *indicators.Framework, opts *TemplateOptions) error {
	o := TemplateOptions{}
	if opts != nil {
		o = *opts
	}
	l := lang(o.Lang)
	f := excelize.NewFile()
	defer f.Close()
	x := &xl.Writer{F: f}
	form, guide := formSheet[l], guideSheet[l]
	x.Do(f.SetSheetName("Sheet1", form))
	_, err := f.NewSheet(guide)
	x.Do(err)
	_, err = f.NewSheet(MetaSheet)
	x.Do(err)
	if x.Err != nil {
		return x.Err
	}
	writeGuide(x, guide, fw, l)
	writeForm(x, form, fw, &o, l)
	writeMeta(x, fw, &o, l)
	if x.Err != nil {
		return x.Err
	}
	idx, _ := f.GetSheetIndex(form)
	f.SetActiveSheet(idx)
	title := "Biểu mẫu tự đánh giá chuyển đổi số"
	if l == indicators.English {
		title = "Digital transformation self-assessment form"
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Subject: fw.DisplayName(l), Creator: "dti", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z", Language: l.Pick("vi-VN", "en-US")}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeMeta(x *xl.Writer, fw *indicators.Framework, o *TemplateOptions, l indicators.Lang) {
	rows := [][2]any{
		{"framework_id", fw.ID},
		{"framework_version", fw.Version},
		{"framework_hash", indicators.Hash(fw)},
		{"unit", o.Unit},
		{"name", o.Name},
		{"year", o.Year},
		{"lang", l},
		{"template", "dti-template-1"},
	}
	for i, r := range rows {
		x.Set(MetaSheet, 1, i+1, r[0], 0)
		x.Set(MetaSheet, 2, i+1, r[1], 0)
	}
	x.Do(x.F.SetSheetVisible(MetaSheet, false))
}

func writeGuide(x *xl.Writer, sheet string, fw *indicators.Framework, l indicators.Lang) {
	var naCodes, perCodes []string
	for i := range fw.Indicators {
		ind := &fw.Indicators[i]
		if ind.NAPolicy() != indicators.NANever {
			naCodes = append(naCodes, ind.Code)
		}
		if ind.Per != "" {
			perCodes = append(perCodes, ind.Code)
		}
	}
	lines := []string{
		l.Pick("HƯỚNG DẪN ĐIỀN BIỂU MẪU", "HOW TO FILL IN THIS FORM"),
		fw.DisplayName(l) + l.Pick(" (phiên bản ", " (version ") + fw.Version + ")",
		"",
		l.Pick("1. Tại trang \""+formSheet[l]+"\", nhập mã đơn vị, tên đơn vị và năm đánh giá vào các ô C3, C4, C5.",
			"1. On the sheet \""+formSheet[l]+"\", type your unit code, unit name and year in cells C3, C4 and C5."),
		l.Pick("2. Với mỗi chỉ tiêu, nhập giá trị tự đánh giá vào cột F: số với chỉ tiêu tỷ lệ % và số lượng (87,5 hoặc 87.5; chấp nhận 87,5%), Có hoặc Không với chỉ tiêu có/không, hoặc chọn trong danh sách thả xuống.",
			"2. For each indicator row, type your value in column F (self-assessed value): a number for % and counts (87.5 or 87,5; 87,5% is accepted), Có or Không for yes/no, or pick an option from the drop-down list."),
		l.Pick("3. Cột G ghi tài liệu kiểm chứng: số văn bản, đường dẫn hoặc tên tệp, cách nhau bằng dấu chấm phẩy. Chỉ tiêu yêu cầu tài liệu kiểm chứng mà không có thì đơn vị không đủ điều kiện khen thưởng.",
			"3. In column G list the evidence (tài liệu kiểm chứng): document numbers, links or file names, separated by semicolons. Indicators marked as requiring evidence without it make the unit ineligible for awards."),
	}
	// What the framework itself allows: NA only where its policy lets a
	// unit declare it, the attributes only where an indicator is scored
	// per resident, area or household.
	if len(naCodes) > 0 {
		lines = append(lines, l.Pick("4. Chỉ được ghi NA (hoặc KAD) ở cột F, khi chỉ tiêu không áp dụng với đơn vị, đối với: "+strings.Join(naCodes, ", ")+". Chỉ tiêu đó được loại khỏi mẫu số và được liệt kê để Hội đồng thẩm định xem xét. Ghi NA ở chỉ tiêu khác sẽ bị báo lỗi.",
			"4. NA (or KAD) in column F, for an indicator that does not apply to your unit, is allowed only for: "+strings.Join(naCodes, ", ")+". It then leaves the denominator and is listed for the appraisal council. NA on any other indicator is an error."))
	} else {
		lines = append(lines, l.Pick("4. Mọi chỉ tiêu đều phải có giá trị: khung tiêu chí này không cho phép ghi NA (không áp dụng).",
			"4. Every indicator needs a value: this framework does not allow NA (not applicable)."))
	}
	lines = append(lines,
		l.Pick("5. Ở các dòng chỉ tiêu, cột H và I dành cho Hội đồng thẩm định: giá trị thẩm định và lý do điều chỉnh. Đơn vị để trống.",
			"5. On the indicator rows, columns H and I are for the appraisal council (thẩm định): the appraised value and the reason for any change. Leave them empty."),
		l.Pick("6. Không đổi tên trang, không di chuyển cột, không sửa mã ở cột A: tệp được đọc lại bằng phần mềm.",
			"6. Do not rename the sheets, move the columns or change the codes in column A: the file is read back by program."))
	if len(perCodes) > 0 {
		lines = append(lines, l.Pick("7. Nhập dân số, diện tích (km²) và số hộ của đơn vị vào các ô H3–H5: chỉ tiêu "+strings.Join(perCodes, ", ")+" được tính trên số dân, diện tích hoặc số hộ.",
			"7. Type the unit's population, area (km²) and households in cells H3–H5: indicators "+strings.Join(perCodes, ", ")+" are scored per resident, km² or household."))
	}
	lines = append(lines, "", l.Pick("CÁCH TÍNH ĐIỂM", "HOW POINTS ARE COMPUTED"))
	if fw.Aggregation == indicators.AggSum || fw.Aggregation == "" {
		total := indicators.FormatNumber(fw.TotalMaxPoints(), l)
		lines = append(lines, l.Pick("Mỗi chỉ tiêu được tính điểm theo cách ghi ở cột E, tối đa bằng điểm ở cột D. Điểm của trụ cột bằng tổng điểm chia tổng điểm tối đa; chỉ số chung là tổng điểm các chỉ tiêu (trên "+total+" điểm).",
			"Each indicator earns points by the rule in column E, up to the max points in column D. A pillar's score is its points divided by its max points; the index is the sum of all points (out of "+total+")."))
	} else {
		scale := indicators.FormatNumber(fw.Scale, l)
		lines = append(lines, l.Pick("Mỗi chỉ tiêu được tính điểm theo cách ghi ở cột E; điểm các chỉ tiêu và trụ cột được gộp theo trọng số lên chỉ số chung (trên thang "+scale+").",
			"Each indicator is scored by the rule in column E; indicator and pillar scores are combined by their weights into the index (on a scale of "+scale+")."))
	}
	switch fw.Missing {
	case indicators.MissingReweight:
		lines = append(lines, l.Pick("Chỉ tiêu bỏ trống không được tính vào nhóm của nó; trọng số được chia lại cho các chỉ tiêu còn lại.",
			"A missing value leaves its group; the weights are shared among the indicators that have values."))
	case indicators.MissingError:
		lines = append(lines, l.Pick("Chỉ tiêu bỏ trống là lỗi: bài nộp thiếu giá trị không được chấm.",
			"A missing value is an error: a submission with missing values is not scored."))
	default:
		lines = append(lines, l.Pick("Chỉ tiêu bỏ trống được tính 0 điểm.", "A missing value scores 0 points."))
	}
	if len(naCodes) > 0 {
		lines = append(lines, l.Pick("Chỉ tiêu ghi NA (nếu được phép) được loại khỏi cả điểm đạt và điểm tối đa.",
			"An indicator marked NA (where allowed) leaves both the points and the max points."))
	}
	lines = append(lines, l.Pick("Xếp loại: ", "Classes: ")+classLine(fw, l)+".")
	if formComputes(fw) {
		lines = append(lines, l.Pick("Biểu mẫu tự tính: cột K là điểm tự đánh giá của từng chỉ tiêu theo giá trị ở cột F; trên dòng trụ cột, cột K là tổng điểm và cột M là điểm trụ cột trên thang điểm. Ô K3 là chỉ số tự đánh giá, K4 là xếp loại dự kiến (kể cả điều kiện loại trừ), K5 là số chỉ tiêu chưa nhập. Đây là kết quả tạm tính trước thẩm định: tỉnh chấm lại theo giá trị thẩm định. Ô hiện \"?\" là giá trị biểu mẫu không đọc được (ví dụ số nhập dạng chữ); phần mềm sẽ đọc và báo lại.",
			"The form scores itself: column K gives each indicator's self-assessed points from the value in column F; on a pillar row, K is its points and M its score on the scale. K3 is the self-assessed index, K4 the class it would reach (veto included), K5 the number of indicators left empty. These are provisional, before appraisal: the province scores the appraised values. A cell showing \"?\" holds a value the form cannot read (a number typed as text, for instance); the program reads it and reports."))
	}
	bold := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	wrap := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	// One column as wide as a portrait A4 page, each row as tall as its
	// wrapped text: nothing is cut at the right margin when printed.
	x.Width(sheet, 1, 1, 70)
	for i, s := range lines {
		style := wrap
		if i == 0 || strings.HasPrefix(s, "CÁCH") || strings.HasPrefix(s, "HOW POINTS") {
			style = bold
		}
		x.Set(sheet, 1, i+1, s, style)
		x.Do(x.F.SetRowHeight(sheet, i+1, 15*float64(wrapLines(s, 72))+2))
	}
	x.PrintSetup(sheet, false, 1, 1)
	x.Do(x.F.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: l.Pick("&CTrang &P/&N", "&CPage &P of &N")}))
}

func classLine(fw *indicators.Framework, l indicators.Lang) string {
	var parts []string
	for _, c := range fw.Classes {
		parts = append(parts, fmt.Sprintf("%s ≥ %s", fw.ClassName(c.Name, l), indicators.FormatNumber(c.Min, l)))
	}
	return strings.Join(parts, "; ")
}

type formStyles struct {
	title, label, header, group, subgroup, text, num, input, inputText int
	locked, lockedText, points, groupPoints, total, note, center       int
	unit                                                               int
}

func newFormStyles(x *xl.Writer) formStyles {
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1}, {Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	unlocked := &excelize.Protection{Locked: false}
	return formStyles{
		title:       x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}}),
		label:       x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		header:      x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("1F4E78"), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}),
		group:       x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("BDD7EE"), Border: border}),
		subgroup:    x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Italic: true}, Fill: fill("DDEBF7"), Border: border}),
		text:        x.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		num:         x.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, NumFmt: 2}),
		unit:        x.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "center"}}),
		input:       x.NewStyle(&excelize.Style{Border: border, Fill: fill("FFF2CC"), Protection: unlocked, Alignment: &excelize.Alignment{Vertical: "top"}}),
		inputText:   x.NewStyle(&excelize.Style{Border: border, Fill: fill("FFF2CC"), Protection: unlocked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		locked:      x.NewStyle(&excelize.Style{Border: border, Fill: fill("EDEDED"), Alignment: &excelize.Alignment{Vertical: "top"}}),
		lockedText:  x.NewStyle(&excelize.Style{Border: border, Fill: fill("EDEDED"), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		points:      x.NewStyle(&excelize.Style{Border: border, Fill: fill("E2EFDA"), CustomNumFmt: ptr("0.00"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}),
		groupPoints: x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Fill: fill("C6E0B4"), CustomNumFmt: ptr("0.00"), Alignment: &excelize.Alignment{Horizontal: "right"}}),
		total:       x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: border, Fill: fill("C6E0B4"), CustomNumFmt: ptr("0.00"), Alignment: &excelize.Alignment{Horizontal: "center"}}),
		note:        x.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Italic: true, Size: 9, Color: "404040"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		center:      x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}),
	}
}

func ptr[T any](v T) *T { return &v }

func writeForm(x *xl.Writer, sheet string, fw *indicators.Framework, o *TemplateOptions, l indicators.Lang) {
	st := newFormStyles(x)
	title := "BIỂU MẪU TỰ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP XÃ"
	labels := []string{"Mã đơn vị", "Tên đơn vị", "Năm đánh giá"}
	head := headerVI
	if l == indicators.English {
		title = "COMMUNE AND WARD DIGITAL TRANSFORMATION SELF-ASSESSMENT FORM"
		labels = []string{"Unit code", "Unit name", "Year"}
		head = headerEN
	}
	x.Set(sheet, 1, 1, title, st.title)
	x.Set(sheet, 1, 2, fw.DisplayName(l)+" – "+fw.Version, 0)
	for i, lb := range labels {
		r := tplUnitRow + i
		x.Set(sheet, 1, r, lb, st.label)
		x.Merge(sheet, 1, r, 2, r)
		x.Style(sheet, 3, r, 5, r, st.inputText)
		x.Merge(sheet, 3, r, 5, r)
	}
	attrLabels := []string{"Dân số (người)", "Diện tích (km²)", "Số hộ gia đình"}
	if l == indicators.English {
		attrLabels = []string{"Population (residents)", "Area (km²)", "Households"}
	}
	for i, lb := range attrLabels {
		r := tplUnitRow + i
		x.Set(sheet, colAttrLabel, r, lb, st.label)
		x.Style(sheet, colAttrLabel+1, r, colAttrLabel+1, r, st.input)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(colAttrLabel+1, tplUnitRow) + ":" + cell(colAttrLabel+1, tplUnitRow+len(attrLabels)-1)
	x.Do(dv.SetRange(0, 1e9, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleWarning, l.Pick("Giá trị ngoài khoảng", "Value out of range"), l.Pick("Cần một số không âm.", "Expected a number of at least 0."))
	x.Do(x.F.AddDataValidation(sheet, dv))
	x.Set(sheet, 3, tplUnitRow, o.Unit, 0)
	x.Set(sheet, 3, tplNameRow, o.Name, 0)
	if o.Year > 0 {
		x.Set(sheet, 3, tplYearRow, o.Year, 0)
	}
	for i, h := range head {
		x.Set(sheet, i+1, tplHeaderRow, h, st.header)
	}
	x.Do(x.F.SetRowHeight(sheet, tplHeaderRow, 45))
	for i, wd := range []float64{8, 44, 12, 8, 30, 18, 28, 14, 24, 20, 12, 10, 22} {
		x.Width(sheet, i+1, i+1, wd)
	}
	x.Do(x.F.SetColVisible(sheet, colName(colApplies-1), false))
	computes := formComputes(fw)
	row := tplHeaderRow + 1
	rowOf := map[string]int{}
	var vetoRows []int
	first := row
	fw.Walk(func(depth int, n *indicators.Node, ind *indicators.Indicator) {
		defer func() { row++ }()
		if ind != nil {
			rowOf[ind.Code] = row
			writeIndicatorRow(x, sheet, fw, ind, row, st, l, o.Appraiser)
			if computes {
				f := selfPointsFormula(fw, ind, row, l)
				if f.points != "" {
					x.Do(x.F.SetCellFormula(sheet, cell(colPoints, row), f.points))
					x.Do(x.F.SetCellFormula(sheet, cell(colApplies, row), f.applies))
					if ind.Veto {
						vetoRows = append(vetoRows, row)
					}
				}
				x.Set(sheet, colScore, row, f.note, 0)
			}
			x.Style(sheet, colPoints, row, colApplies, row, st.points)
			x.Style(sheet, colScore, row, colScore, row, st.note)
			return
		}
		rowOf[n.Code] = row
		x.Set(sheet, colCode, row, n.Code, 0)
		x.Set(sheet, colIndName, row, n.DisplayName(l), 0)
		if n.MaxPoints != nil {
			x.Set(sheet, colMax, row, *n.MaxPoints, 0)
		}
		s := st.group
		if depth > 0 {
			s = st.subgroup
		}
		x.Style(sheet, 1, row, colNote, row, s)
		x.Style(sheet, colPoints, row, colScore, row, st.groupPoints)
	})
	last := row - 1
	// A node's points and applicable max are the sums of its children's.
	var top []string
	if computes {
		for i := range fw.Nodes {
			n := &fw.Nodes[i]
			nodes, inds := fw.Children(n.Code)
			var kids []string
			for _, c := range inds {
				kids = append(kids, strconv.Itoa(rowOf[c.Code]))
			}
			for _, c := range nodes {
				kids = append(kids, strconv.Itoa(rowOf[c.Code]))
			}
			r := rowOf[n.Code]
			x.Do(x.F.SetCellFormula(sheet, cell(colPoints, r), sumOf(colPoints, kids)))
			x.Do(x.F.SetCellFormula(sheet, cell(colApplies, r), sumOf(colApplies, kids)))
			k, a := cell(colPoints, r), cell(colApplies, r)
			x.Do(x.F.SetCellFormula(sheet, cell(colScore, r), fmt.Sprintf("IF(%s=0,\"\",%s/%s*%s)", a, k, a, num(fw.Scale))))
			if n.Parent == "" {
				top = append(top, strconv.Itoa(r))
			}
		}
		for _, ind := range fw.Indicators {
			if ind.Parent == "" {
				top = append(top, strconv.Itoa(rowOf[ind.Code]))
			}
		}
	}
	writeSummary(x, sheet, fw, top, vetoRows, first, last, computes, st, l)
	writeSignature(x, sheet, last+2, st, l)
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: tplHeaderRow, XSplit: 2, TopLeftCell: cell(3, tplHeaderRow+1), ActivePane: "bottomRight"}))
	x.PrintSetup(sheet, true, tplHeaderRow, tplHeaderRow)
	x.Do(x.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, colName(colScore-1), last+8), Scope: sheet}))
	footer := l.Pick("&CTrang &P/&N", "&CPage &P of &N")
	x.Do(x.F.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}))
	x.Do(x.F.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
}

func writeIndicatorRow(x *xl.Writer, sheet string, fw *indicators.Framework, ind *indicators.Indicator, row int, st formStyles, l indicators.Lang, appraiser bool) {
	name := ind.DisplayName(l)
	if ind.Evidence {
		if l == indicators.English {
			name += " (evidence required)"
		} else {
			name += " (yêu cầu tài liệu kiểm chứng)"
		}
	}
	if ind.Veto {
		if l == indicators.English {
			name += " [veto]"
		} else {
			name += " [điều kiện loại trừ]"
		}
	}
	rule := fw.RuleText(ind, l)
	x.Set(sheet, colCode, row, ind.Code, st.text)
	x.Set(sheet, colIndName, row, name, st.text)
	x.Set(sheet, colUnit, row, ind.UnitText(l), st.unit) // "đạt/không đạt" wraps instead of running over its neighbours
	x.Set(sheet, colMax, row, ind.MaxOr(0), st.num)
	x.Set(sheet, colRule, row, rule, st.text)
	// Spreadsheet programs do not always grow rows for wrapped text:
	// size the row for the longest of the name, the unit and the rule.
	lines := max(wrapLines(name, 46), wrapLines(ind.UnitText(l), 11), wrapLines(rule, 32), 1)
	x.Do(x.F.SetRowHeight(sheet, row, 15*float64(lines)))
	x.Style(sheet, colSelf, row, colSelf, row, st.input)
	x.Style(sheet, colEvidence, row, colEvidence, row, st.inputText)
	// The appraisal columns belong to the council: locked in the ward's
	// copy, open in the appraiser's.
	if appraiser {
		x.Style(sheet, colAppraised, row, colAppraised, row, st.input)
		x.Style(sheet, colReason, row, colReason, row, st.inputText)
	} else {
		x.Style(sheet, colAppraised, row, colAppraised, row, st.locked)
		x.Style(sheet, colReason, row, colReason, row, st.lockedText)
	}
	x.Style(sheet, colNote, row, colNote, row, st.inputText)
	// One validation for both value cells (a sqref of two cells): half
	// the worksheet's validations, which every reading of a form parses.
	if dv := validationFor(ind, l); dv != nil {
		dv.SetSqref(cell(colSelf, row))
		dv.SetSqref(cell(colAppraised, row))
		if err := x.F.AddDataValidation(sheet, dv); err != nil {
			x.Do(fmt.Errorf("indicator %s: data validation: %w", ind.Code, err))
		}
	}
}

// wrapLines estimates how many lines s takes in a column of width chars.
func wrapLines(s string, width int) int {
	n, line := 1, 0
	for _, w := range strings.Fields(s) {
		l := utf8.RuneCountInString(w)
		if line > 0 && line+1+l > width {
			n++
			line = 0
		}
		if line > 0 {
			line++
		}
		line += l
	}
	return n
}

// validationFor returns the data validation of an indicator's value cells.
// Numeric rules warn rather than stop, so that free text (an allowed
// "NA"/"KAD", a decimal comma) stays possible; the reader judges it.
func validationFor(ind *indicators.Indicator, l indicators.Lang) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	msg := l.Pick
	var na []string // offered only where the framework lets a unit declare it
	orNA, orNAen := "", ""
	if ind.NAPolicy() != indicators.NANever {
		na, orNA, orNAen = []string{"NA"}, " (hoặc NA nếu không áp dụng)", " (or NA when not applicable)"
	}
	var kind indicators.RuleKind
	if ind.Rule != nil {
		kind = ind.Rule.Kind
	}
	switch {
	case kind == indicators.RuleCategorical:
		opts := append(ind.Rule.OptionLabels(), na...)
		if err := dv.SetDropList(opts); err != nil {
			return nil
		}
	case kind == indicators.RuleBoolean || ind.Unit == "yes/no":
		yes, no := "Có", "Không"
		dv.SetDropList(append([]string{yes, no}, na...))
	case kind == indicators.RulePassFail && ind.Rule.Pass == nil:
		dv.SetDropList(append([]string{"Đạt", "Không đạt"}, na...))
	default:
		// The range the reader checks, said as a person would say it.
		lo, hi := math.Inf(-1), math.Inf(1)
		whole := false
		switch ind.Unit {
		case "%":
			lo, hi = 0, 100
		case "count":
			lo, whole = 0, true
		}
		if ind.Min != nil {
			lo = *ind.Min
		}
		if ind.Max != nil {
			hi = *ind.Max
		}
		f := func(v float64) string { return indicators.FormatNumber(v, l) }
		var vi, en string
		switch {
		case whole && lo == 0 && math.IsInf(hi, 1):
			vi, en = "Cần số nguyên không âm", "Expected a whole number of at least 0"
		case ind.Unit == "%" && lo == 0 && hi == 100:
			vi, en = "Cần số từ 0 đến 100 (%)", "Expected a number from 0 to 100 (%)"
		case !math.IsInf(lo, -1) && !math.IsInf(hi, 1):
			vi, en = "Cần số từ "+f(lo)+" đến "+f(hi), "Expected a number from "+f(lo)+" to "+f(hi)
		case !math.IsInf(lo, -1):
			vi, en = "Cần số từ "+f(lo)+" trở lên", "Expected a number of at least "+f(lo)
		case !math.IsInf(hi, 1):
			vi, en = "Cần số không quá "+f(hi), "Expected a number of at most "+f(hi)
		default:
			vi, en = "Cần một số", "Expected a number"
		}
		typ := excelize.DataValidationTypeDecimal
		if whole {
			typ = excelize.DataValidationTypeWhole
		}
		// Spreadsheet programs need finite bounds.
		vlo, vhi := max(lo, -1e15), min(hi, 1e15)
		if err := dv.SetRange(vlo, vhi, typ, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, msg("Giá trị ngoài khoảng", "Value out of range"), msg(vi+orNA+".", en+orNAen+"."))
		return dv
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, msg("Giá trị không hợp lệ", "Invalid value"), msg("Chọn một giá trị trong danh sách.", "Pick a value from the list."))
	return dv
}
