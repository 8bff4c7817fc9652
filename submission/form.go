package submission

import (
	"fmt"
	"io"
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

var headerVI = []string{"Mã", "Chỉ tiêu", "Đơn vị tính", "Điểm tối đa", "Cách tính điểm", "Giá trị tự đánh giá", "Tài liệu kiểm chứng (số văn bản, đường dẫn, tên tệp)", "Giá trị thẩm định", "Lý do điều chỉnh (hội đồng thẩm định)", "Ghi chú"}
var headerEN = []string{"Code", "Indicator", "Unit", "Max points", "How it is scored", "Self-assessed value", "Evidence (document no., link, file name)", "Appraised value", "Reason for adjustment (appraisal council)", "Note"}

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
	bold := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	wrap := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.Width(sheet, 1, 1, 110)
	for i, s := range lines {
		style := wrap
		if i == 0 || strings.HasPrefix(s, "CÁCH") || strings.HasPrefix(s, "HOW POINTS") {
			style = bold
		}
		x.Set(sheet, 1, i+1, s, style)
	}
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
}

func newFormStyles(x *xl.Writer) formStyles {
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1}, {Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	unlocked := &excelize.Protection{Locked: false}
	return formStyles{
		title:     x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}}),
		label:     x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		header:    x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("1F4E78"), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}),
		group:     x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("BDD7EE"), Border: border}),
		subgroup:  x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Italic: true}, Fill: fill("DDEBF7"), Border: border}),
		text:      x.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		num:       x.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, NumFmt: 2}),
		input:     x.NewStyle(&excelize.Style{Border: border, Fill: fill("FFF2CC"), Protection: unlocked, Alignment: &excelize.Alignment{Vertical: "top"}}),
		inputText: x.NewStyle(&excelize.Style{Border: border, Fill: fill("FFF2CC"), Protection: unlocked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
}

func writeForm(x *xl.Writer, sheet string, fw *indicators.Framework, o *TemplateOptions, l indicators.Lang) {
	st := newFormStyles(x)
	title := "BIỂU MẪU TỰ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP PHƯỜNG, XÃ"
	labels := []string{"Mã đơn vị", "Tên đơn vị", "Năm đánh giá"}
	head := headerVI
	if l == indicators.English {
		title = "WARD AND COMMUNE DIGITAL TRANSFORMATION SELF-ASSESSMENT FORM"
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
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell(colAttrLabel+1, r)
		x.Do(dv.SetRange(0, 1e9, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		x.Do(x.F.AddDataValidation(sheet, dv))
	}
	x.Set(sheet, 3, tplUnitRow, o.Unit, 0)
	x.Set(sheet, 3, tplNameRow, o.Name, 0)
	if o.Year > 0 {
		x.Set(sheet, 3, tplYearRow, o.Year, 0)
	}
	for i, h := range head {
		x.Set(sheet, i+1, tplHeaderRow, h, st.header)
	}
	x.Do(x.F.SetRowHeight(sheet, tplHeaderRow, 45))
	for i, wd := range []float64{8, 48, 11, 8, 34, 14, 30, 14, 28, 22} {
		x.Width(sheet, i+1, i+1, wd)
	}
	row := tplHeaderRow + 1
	fw.Walk(func(depth int, n *indicators.Node, ind *indicators.Indicator) {
		defer func() { row++ }()
		if ind != nil {
			writeIndicatorRow(x, sheet, fw, ind, row, st, l)
			return
		}
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
	})
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: tplHeaderRow, XSplit: 2, TopLeftCell: cell(3, tplHeaderRow+1), ActivePane: "bottomRight"}))
	x.PrintSetup(sheet, true, tplHeaderRow, tplHeaderRow)
	x.Do(x.F.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
}

func writeIndicatorRow(x *xl.Writer, sheet string, fw *indicators.Framework, ind *indicators.Indicator, row int, st formStyles, l indicators.Lang) {
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
	x.Set(sheet, colUnit, row, unitText(ind.Unit, l), st.num)
	x.Set(sheet, colMax, row, ind.MaxOr(0), st.num)
	x.Set(sheet, colRule, row, rule, st.text)
	// Spreadsheet programs do not always grow rows for wrapped text:
	// size the row for the longer of the name and the rule.
	lines := max(wrapLines(name, 46), wrapLines(rule, 32), 1)
	x.Do(x.F.SetRowHeight(sheet, row, 15*float64(lines)))
	x.Style(sheet, colSelf, row, colSelf, row, st.input)
	x.Style(sheet, colEvidence, row, colEvidence, row, st.inputText)
	x.Style(sheet, colAppraised, row, colAppraised, row, st.input)
	x.Style(sheet, colReason, row, colNote, row, st.inputText)
	for _, col := range []int{colSelf, colAppraised} {
		dv := validationFor(ind, l)
		if dv == nil {
			continue
		}
		dv.SetSqref(cell(col, row))
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

func unitText(u string, l indicators.Lang) string {
	if l == indicators.English {
		return u
	}
	switch u {
	case "count":
		return "số lượng"
	case "yes/no":
		return "có/không"
	case "category":
		return "lựa chọn"
	case "score":
		return "điểm"
	}
	return u
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
		lo, hi := 0.0, 1e15
		switch {
		case ind.Unit == "%":
			hi = 100
		case ind.Unit == "count" || ind.Min != nil:
		default:
			lo = -1e15
		}
		if ind.Min != nil {
			lo = *ind.Min
		}
		if ind.Max != nil {
			hi = *ind.Max
		}
		if err := dv.SetRange(lo, hi, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, msg("Giá trị ngoài khoảng", "Value out of range"),
			msg("Cần số từ "+strconv.FormatFloat(lo, 'f', -1, 64)+" đến "+strconv.FormatFloat(hi, 'f', -1, 64)+orNA+".", "Expected a number from "+strconv.FormatFloat(lo, 'f', -1, 64)+" to "+strconv.FormatFloat(hi, 'f', -1, 64)+orNAen+"."))
		return dv
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, msg("Giá trị không hợp lệ", "Invalid value"), msg("Chọn một giá trị trong danh sách.", "Pick a value from the list."))
	return dv
}
