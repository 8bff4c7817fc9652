package dti

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/xuri/excelize/v2"
)

// TemplateOptions fill the unit fields of a template and choose its
// language ("vi" by default, "en").
type TemplateOptions struct {
	Unit, Name string
	Year       int
	Lang       string
}

// Sheet names of the template, per language.
var (
	formSheet  = map[string]string{"vi": "Biểu mẫu", "en": "Form"}
	guideSheet = map[string]string{"vi": "Hướng dẫn", "en": "Instructions"}
)

// MetaSheet is the hidden sheet holding the framework id, version and
// hash, the unit and the year.
const MetaSheet = "_meta"

// Template layout: unit fields and the table.
const (
	tplUnitRow   = 3 // C3 unit code
	tplNameRow   = 4 // C4 unit name
	tplYearRow   = 5 // C5 year
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

func lang(l string) string {
	if l == "en" {
		return "en"
	}
	return "vi"
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

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
	form, guide := formSheet[l], guideSheet[l]
	if err := f.SetSheetName("Sheet1", form); err != nil {
		return err
	}
	if _, err := f.NewSheet(guide); err != nil {
		return err
	}
	if _, err := f.NewSheet(MetaSheet); err != nil {
		return err
	}
	if err := writeGuide(f, guide, fw, l); err != nil {
		return err
	}
	if err := writeForm(f, form, fw, &o, l); err != nil {
		return err
	}
	if err := writeMeta(f, fw, &o, l); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(form)
	f.SetActiveSheet(idx)
	title := "Biểu mẫu tự đánh giá chuyển đổi số"
	if l == "en" {
		title = "Digital transformation self-assessment form"
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Subject: fw.DisplayName(l), Creator: "dti", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z", Language: map[string]string{"vi": "vi-VN", "en": "en-US"}[l]}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func writeMeta(f *excelize.File, fw *indicators.Framework, o *TemplateOptions, l string) error {
	rows := [][]any{
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
		if err := f.SetSheetRow(MetaSheet, cell(1, i+1), &r); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(MetaSheet, false)
}

func writeGuide(f *excelize.File, sheet string, fw *indicators.Framework, l string) error {
	var lines []string
	if l == "en" {
		lines = []string{
			"HOW TO FILL IN THIS FORM",
			fw.DisplayName(l) + " (version " + fw.Version + ")",
			"",
			"1. On the sheet \"" + formSheet[l] + "\", type your unit code, unit name and year in cells C3, C4 and C5.",
			"2. For each indicator row, type your value in column F (self-assessed value): a number for % and counts (87.5 or 87,5; 87,5% is accepted), Có or Không for yes/no, or pick an option from the drop-down list.",
			"3. In column G list the evidence (tài liệu kiểm chứng): document numbers, links or file names, separated by semicolons. Indicators marked as requiring evidence without it make the unit ineligible for awards.",
			"4. Type NA (or KAD) in column F when an indicator does not apply to your unit: it then leaves the denominator.",
			"5. Columns H and I are for the appraisal council (thẩm định): the appraised value and the reason for any change. Leave them empty.",
			"6. Do not rename the sheets, move the columns or change the codes in column A: the file is read back by program.",
			"",
			"HOW POINTS ARE COMPUTED",
			"Each indicator earns points by the rule in column E, up to the max points in column D. A pillar's score is its points divided by its max points; the index is the sum of all points (out of " + indicators.FormatNumber(fw.TotalMaxPoints(), l) + ").",
			"A missing value scores 0 points. A value declared NA leaves both the points and the max points.",
			"Classes: " + classLine(fw, l) + ".",
		}
	} else {
		lines = []string{
			"HƯỚNG DẪN ĐIỀN BIỂU MẪU",
			fw.DisplayName(l) + " (phiên bản " + fw.Version + ")",
			"",
			"1. Tại trang \"" + formSheet[l] + "\", nhập mã đơn vị, tên đơn vị và năm đánh giá vào các ô C3, C4, C5.",
			"2. Với mỗi chỉ tiêu, nhập giá trị tự đánh giá vào cột F: số với chỉ tiêu tỷ lệ % và số lượng (87,5 hoặc 87.5; chấp nhận 87,5%), Có hoặc Không với chỉ tiêu có/không, hoặc chọn trong danh sách thả xuống.",
			"3. Cột G ghi tài liệu kiểm chứng: số văn bản, đường dẫn hoặc tên tệp, cách nhau bằng dấu chấm phẩy. Chỉ tiêu yêu cầu tài liệu kiểm chứng mà không có thì đơn vị không đủ điều kiện khen thưởng.",
			"4. Nhập NA (hoặc KAD) vào cột F nếu chỉ tiêu không áp dụng với đơn vị: chỉ tiêu đó được loại khỏi mẫu số.",
			"5. Cột H và I dành cho Hội đồng thẩm định: giá trị thẩm định và lý do điều chỉnh. Đơn vị để trống.",
			"6. Không đổi tên trang, không di chuyển cột, không sửa mã ở cột A: tệp được đọc lại bằng phần mềm.",
			"",
			"CÁCH TÍNH ĐIỂM",
			"Mỗi chỉ tiêu được tính điểm theo cách ghi ở cột E, tối đa bằng điểm ở cột D. Điểm của trụ cột bằng tổng điểm chia tổng điểm tối đa; chỉ số chung là tổng điểm các chỉ tiêu (trên " + indicators.FormatNumber(fw.TotalMaxPoints(), l) + " điểm).",
			"Chỉ tiêu bỏ trống được tính 0 điểm. Chỉ tiêu ghi NA được loại khỏi cả điểm đạt và điểm tối đa.",
			"Xếp loại: " + classLine(fw, l) + ".",
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	f.SetColWidth(sheet, "A", "A", 110)
	for i, s := range lines {
		c := cell(1, i+1)
		f.SetCellStr(sheet, c, s)
		if i == 0 || strings.HasPrefix(s, "CÁCH") || strings.HasPrefix(s, "HOW POINTS") {
			f.SetCellStyle(sheet, c, c, bold)
		} else {
			f.SetCellStyle(sheet, c, c, wrap)
		}
	}
	return nil
}

func classLine(fw *indicators.Framework, l string) string {
	var parts []string
	for _, c := range fw.Classes {
		parts = append(parts, fmt.Sprintf("%s ≥ %s", fw.ClassName(c.Name, l), indicators.FormatNumber(c.Min, l)))
	}
	return strings.Join(parts, "; ")
}

type formStyles struct {
	title, label, header, group, subgroup, text, num, input, inputText int
}

func newFormStyles(f *excelize.File) formStyles {
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1}, {Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	var s formStyles
	s.title, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}})
	s.label, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.header, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}})
	s.group, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BDD7EE"}}, Border: border})
	s.subgroup, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Italic: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: border})
	s.text, _ = f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.num, _ = f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, NumFmt: 2})
	unlocked := &excelize.Protection{Locked: false}
	s.input, _ = f.NewStyle(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: unlocked, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.inputText, _ = f.NewStyle(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Protection: unlocked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return s
}

func writeForm(f *excelize.File, sheet string, fw *indicators.Framework, o *TemplateOptions, l string) error {
	st := newFormStyles(f)
	title := "BIỂU MẪU TỰ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP PHƯỜNG, XÃ"
	labels := []string{"Mã đơn vị", "Tên đơn vị", "Năm đánh giá"}
	head := headerVI
	if l == "en" {
		title = "WARD AND COMMUNE DIGITAL TRANSFORMATION SELF-ASSESSMENT FORM"
		labels = []string{"Unit code", "Unit name", "Year"}
		head = headerEN
	}
	f.SetCellStr(sheet, "A1", title)
	f.SetCellStyle(sheet, "A1", "A1", st.title)
	f.SetCellStr(sheet, "A2", fw.DisplayName(l)+" – "+fw.Version)
	for i, lb := range labels {
		r := tplUnitRow + i
		f.SetCellStr(sheet, cell(1, r), lb)
		f.MergeCell(sheet, cell(1, r), cell(2, r))
		f.SetCellStyle(sheet, cell(1, r), cell(1, r), st.label)
		f.SetCellStyle(sheet, cell(3, r), cell(5, r), st.inputText)
		f.MergeCell(sheet, cell(3, r), cell(5, r))
	}
	f.SetCellStr(sheet, cell(3, tplUnitRow), o.Unit)
	f.SetCellStr(sheet, cell(3, tplNameRow), o.Name)
	if o.Year > 0 {
		f.SetCellInt(sheet, cell(3, tplYearRow), int64(o.Year))
	}
	hr := make([]any, len(head))
	for i, h := range head {
		hr[i] = h
	}
	f.SetSheetRow(sheet, cell(1, tplHeaderRow), &hr)
	f.SetCellStyle(sheet, cell(1, tplHeaderRow), cell(colNote, tplHeaderRow), st.header)
	f.SetRowHeight(sheet, tplHeaderRow, 45)
	for col, wd := range map[string]float64{"A": 8, "B": 48, "C": 11, "D": 8, "E": 34, "F": 14, "G": 30, "H": 14, "I": 28, "J": 22} {
		f.SetColWidth(sheet, col, col, wd)
	}
	row := tplHeaderRow + 1
	var emit func(parent string, depth int) error
	emit = func(parent string, depth int) error {
		nodes, inds := fw.Children(parent)
		for _, ind := range inds {
			if err := writeIndicatorRow(f, sheet, fw, ind, row, st, l); err != nil {
				return err
			}
			row++
		}
		for _, n := range nodes {
			f.SetCellStr(sheet, cell(colCode, row), n.Code)
			name := n.DisplayName(l)
			f.SetCellStr(sheet, cell(colIndName, row), name)
			if n.MaxPoints != nil {
				f.SetCellFloat(sheet, cell(colMax, row), *n.MaxPoints, -1, 64)
			}
			s := st.group
			if depth > 0 {
				s = st.subgroup
			}
			f.SetCellStyle(sheet, cell(1, row), cell(colNote, row), s)
			row++
			if err := emit(n.Code, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := emit("", 0); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: tplHeaderRow, XSplit: 2, TopLeftCell: cell(3, tplHeaderRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	size, orient, one, zero := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, tplHeaderRow, tplHeaderRow), Scope: sheet}); err != nil {
		return err
	}
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
}

func writeIndicatorRow(f *excelize.File, sheet string, fw *indicators.Framework, ind *indicators.Indicator, row int, st formStyles, l string) error {
	name := ind.DisplayName(l)
	if ind.Evidence {
		if l == "en" {
			name += " (evidence required)"
		} else {
			name += " (yêu cầu tài liệu kiểm chứng)"
		}
	}
	if ind.Veto {
		if l == "en" {
			name += " [veto]"
		} else {
			name += " [điều kiện loại trừ]"
		}
	}
	f.SetCellStr(sheet, cell(colCode, row), ind.Code)
	f.SetCellStr(sheet, cell(colIndName, row), name)
	f.SetCellStr(sheet, cell(colUnit, row), unitText(ind.Unit, l))
	f.SetCellFloat(sheet, cell(colMax, row), ind.MaxOr(0), -1, 64)
	rule := fw.RuleText(ind, l)
	f.SetCellStr(sheet, cell(colRule, row), rule)
	// Spreadsheet programs do not always grow rows for wrapped text:
	// size the row for the longer of the name and the rule.
	lines := max(wrapLines(name, 46), wrapLines(rule, 32), 1)
	f.SetRowHeight(sheet, row, 15*float64(lines))
	f.SetCellStyle(sheet, cell(colCode, row), cell(colIndName, row), st.text)
	f.SetCellStyle(sheet, cell(colUnit, row), cell(colMax, row), st.num)
	f.SetCellStyle(sheet, cell(colRule, row), cell(colRule, row), st.text)
	f.SetCellStyle(sheet, cell(colSelf, row), cell(colSelf, row), st.input)
	f.SetCellStyle(sheet, cell(colEvidence, row), cell(colEvidence, row), st.inputText)
	f.SetCellStyle(sheet, cell(colAppraised, row), cell(colAppraised, row), st.input)
	f.SetCellStyle(sheet, cell(colReason, row), cell(colNote, row), st.inputText)
	for _, col := range []int{colSelf, colAppraised} {
		dv := validationFor(ind, l)
		if dv == nil {
			continue
		}
		dv.SetSqref(cell(col, row))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return fmt.Errorf("indicator %s: data validation: %w", ind.Code, err)
		}
	}
	return nil
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

func unitText(u, l string) string {
	if l == "en" {
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
// Free text "NA"/"KAD" must stay possible, so numeric rules warn rather
// than stop.
func validationFor(ind *indicators.Indicator, l string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	msg := func(vi, en string) string {
		if l == "en" {
			return en
		}
		return vi
	}
	kind := ""
	if ind.Rule != nil {
		kind = ind.Rule.Kind
	}
	switch {
	case kind == indicators.RuleCategorical:
		opts := append(ind.Rule.OptionLabels(), "NA")
		if err := dv.SetDropList(opts); err != nil {
			return nil
		}
	case kind == indicators.RuleBoolean || ind.Unit == "yes/no":
		yes, no := "Có", "Không"
		dv.SetDropList([]string{yes, no, "NA"})
	case kind == indicators.RulePassFail && ind.Rule.Pass == nil:
		dv.SetDropList([]string{"Đạt", "Không đạt", "NA"})
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
			msg("Cần số từ "+strconv.FormatFloat(lo, 'f', -1, 64)+" đến "+strconv.FormatFloat(hi, 'f', -1, 64)+" (hoặc NA nếu không áp dụng).", "Expected a number from "+strconv.FormatFloat(lo, 'f', -1, 64)+" to "+strconv.FormatFloat(hi, 'f', -1, 64)+" (or NA when not applicable)."))
		return dv
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, msg("Giá trị không hợp lệ", "Invalid value"), msg("Chọn một giá trị trong danh sách.", "Pick a value from the list."))
	return dv
}
