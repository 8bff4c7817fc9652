package reports

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/xuri/excelize/v2"
)

// The data sheets of the Excel report: indicator points, values, appraisal,
// criteria, provenance and rejected files.

// pointsPerPage is the most indicator columns the points sheet prints
// on one page.
const pointsPerPage = 16

// pointsWidths are the widths of the points sheet's rank, code, unit and
// index columns, and then of every indicator column.
var pointsWidths = []float64{7, 9, 28, 10, 8}

// pointsScale is the print scale (per cent) at which the points sheet's
// widest page (the four first columns and per indicator columns) fits the
// width of A4 landscape: 842 points less margins of 0.75 inch, a unit of
// column width taking 7 points at 100 % (LibreOffice 25.2 printed a
// page of 142 units and 15 columns about 990 points wide, measured on its
// PDF; Excel's own 7 pixels
// and 5 of padding a column are narrower, so its pages have room to
// spare).
func pointsScale(widths []float64, per int) uint {
	units := 0.0
	for _, w := range widths[:len(widths)-1] {
		units += w
	}
	units += float64(per) * widths[len(widths)-1]
	return uint(min(100, math.Floor(100*(842-2*54)/(7*units))))
}

// pillarBreaks returns the columns before which the points sheet starts
// a new printed page: pillars are packed whole onto pages of at most per
// indicator columns (the first indicator column is nfix+1), so that a
// pillar's header prints over all its columns; a pillar wider than a page
// starts a page and is split every per columns.
func pillarBreaks(ps []pillar, nfix, per int) []int {
	var out []int
	col, used := nfix+1, 0
	for _, p := range ps {
		n := len(p.inds)
		if n == 0 {
			continue
		}
		if used > 0 && used+n > per {
			out = append(out, col)
			used = 0
		}
		for n > per-used {
			col += per - used
			n -= per - used
			out = append(out, col)
			used = 0
		}
		col += n
		used += n
	}
	return out
}

// points writes one row per unit, one column per indicator, grouped under
// pillar headings, with the max points row at the top. It streams.
func (x *xw) points(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	if x.Err != nil {
		return
	}
	fw := ev.Framework
	nfix := 4
	ncols := nfix
	for _, p := range ps {
		ncols += len(p.inds)
	}
	// A streamed sheet takes its print setup from the sheet as it is when
	// the stream starts; set after, it would be lost. The sheet prints
	// across pages, each repeating the rank, code and unit columns and the
	// three header rows, its pages broken between pillars; spreadsheet
	// programs ignore manual breaks on a sheet fitted to a number of
	// pages, so it is scaled instead, the widest page fitting A4
	// landscape.
	x.PrintSetup(sheet, true, 1, 3)
	x.printTitles(sheet, "$A:$C", "$1:$3")
	fit := false
	scale := pointsScale(pointsWidths, pointsPerPage)
	x.Do(x.F.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	x.Do(x.F.SetPageLayout(sheet, &excelize.PageLayoutOptions{AdjustTo: &scale}))
	for _, c := range pillarBreaks(ps, nfix, pointsPerPage) {
		x.Do(x.F.InsertPageBreak(sheet, xl.Cell(c, 1)))
	}
	sw, err := x.F.NewStreamWriter(sheet)
	if err != nil {
		x.Do(err)
		return
	}
	for i, wd := range pointsWidths[:nfix] {
		x.Do(sw.SetColWidth(i+1, i+1, wd))
	}
	if ncols > nfix {
		x.Do(sw.SetColWidth(nfix+1, ncols, pointsWidths[nfix]))
	}
	x.Do(sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 3, TopLeftCell: "D4", ActivePane: "bottomRight"}))
	hc := func(v any) excelize.Cell { return excelize.Cell{StyleID: st.header, Value: v} }
	row1 := []any{hc(lang.Pick("Hạng", "Rank")), hc(lang.Pick("Mã", "Code")), hc(lang.Pick("Đơn vị", "Unit")), hc(lang.Pick("Chỉ số", "Index"))}
	row2 := []any{hc(""), hc(""), hc(""), hc("")}
	row3 := []any{excelize.Cell{StyleID: st.max, Value: ""}, excelize.Cell{StyleID: st.max, Value: ""}, excelize.Cell{StyleID: st.max, Value: lang.Pick("Điểm tối đa", "Max points")}, excelize.Cell{StyleID: st.max, Value: fw.TotalMaxPoints()}}
	var merges [][2]string
	col := nfix + 1
	for _, p := range ps {
		if len(p.inds) == 0 {
			continue
		}
		for i, j := range p.inds {
			label := ""
			if i == 0 {
				label = p.name(lang)
			}
			row1 = append(row1, excelize.Cell{StyleID: st.group, Value: label})
			row2 = append(row2, hc(fw.Indicators[j].Code))
			row3 = append(row3, excelize.Cell{StyleID: st.max, Value: fw.Indicators[j].MaxOr(0)})
		}
		merges = append(merges, [2]string{xl.Cell(col, 1), xl.Cell(col+len(p.inds)-1, 1)})
		col += len(p.inds)
	}
	x.Do(sw.SetRow("A1", row1, excelize.RowOpts{Height: 30}))
	x.Do(sw.SetRow("A2", row2))
	x.Do(sw.SetRow("A3", row3))
	r := 4
	vals := make([]any, ncols)
	for _, u := range ev.Units {
		vals[0] = excelize.Cell{StyleID: st.int, Value: rankValue(u)}
		vals[1] = excelize.Cell{StyleID: st.text, Value: u.Code}
		vals[2] = cellText(u.Name, st.text)
		vals[3] = excelize.Cell{StyleID: st.score, Value: numOrNil(score(u.Score, u.HasScore))}
		c := nfix
		for _, p := range ps {
			for _, j := range p.inds {
				ir := indicatorAt(ev, u, j)
				var v any = "NA"
				switch {
				case ir.Status.Counted():
					v = ir.Points
				case ir.Status == scoring.Unscored:
					v = nil
				case ir.Status == scoring.Excluded:
					v = "–"
				}
				vals[c] = excelize.Cell{StyleID: st.points, Value: v}
				c++
			}
		}
		x.Do(sw.SetRow(xl.Cell(1, r), vals))
		r++
	}
	for _, m := range merges {
		x.Do(sw.MergeCell(m[0], m[1]))
	}
	x.Do(sw.Flush())
}

func rankValue(u *dti.Unit) any {
	if u.Rank > 0 {
		return u.Rank
	}
	return "–"
}

func numOrNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// values writes, per unit and indicator, the self-assessed and appraised
// values side by side, the value used and the evidence. It streams.
func (x *xw) values(sheet string, ev *dti.Evaluation, st xstyles, lang indicators.Lang) {
	if x.Err != nil {
		return
	}
	fw := ev.Framework
	x.PrintSetup(sheet, true, 1, 1) // before the stream, as in points
	sw, err := x.F.NewStreamWriter(sheet)
	if err != nil {
		x.Do(err)
		return
	}
	head := []string{lang.Pick("Mã đơn vị", "Unit code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Mã chỉ tiêu", "Indicator"), lang.Pick("Chỉ tiêu", "Indicator name"),
		lang.Pick("Tự đánh giá", "Self-assessed"), lang.Pick("Thẩm định", "Appraised"), lang.Pick("Giá trị sử dụng", "Value used"), lang.Pick("Nguồn giá trị", "Basis"),
		lang.Pick("Điểm", "Points"), lang.Pick("Tối đa", "Max"), lang.Pick("Tài liệu kiểm chứng", "Evidence"), lang.Pick("Ghi chú", "Note")}
	widths := []float64{10, 26, 9, 50, 14, 14, 14, 12, 9, 8, 40, 30}
	for i, wd := range widths {
		x.Do(sw.SetColWidth(i+1, i+1, wd))
	}
	x.Do(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	hr := make([]any, len(head))
	for i, h := range head {
		hr[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	x.Do(sw.SetRow("A1", hr, excelize.RowOpts{Height: 30}))
	r := 2
	row := make([]any, len(head))
	for _, u := range ev.Units {
		for j := range fw.Indicators {
			ind := &fw.Indicators[j]
			ir := indicatorAt(ev, u, j)
			var self, appr, used any
			b := ir.Basis.Text(lang)
			var evid, note string
			if e := ir.Entry; e.OK() {
				self, appr = valueCell(ind, e.Self()), valueCell(ind, e.Appraised())
				evid, note = strings.Join(e.Evidence(), "; "), e.Note()
				if e.NA() {
					self, b = "NA", lang.Pick("không áp dụng", "not applicable")
				}
			}
			switch ir.Basis {
			case "appraised":
				used = appr
			case "self":
				used = self
			}
			var pts any
			if ir.Status.Counted() {
				pts = ir.Points
			}
			name := ind.DisplayName(lang)
			row[0], row[1], row[2], row[3] = cellText(u.Code, st.text), cellText(u.Name, st.wrap), cellText(ind.Code, st.text), cellText(name, st.wrap)
			row[4], row[5], row[6], row[7] = excelize.Cell{StyleID: st.wrap, Value: self}, excelize.Cell{StyleID: st.wrap, Value: appr}, excelize.Cell{StyleID: st.wrap, Value: used}, cellText(b, st.wrap)
			row[8], row[9], row[10], row[11] = excelize.Cell{StyleID: st.points, Value: pts}, excelize.Cell{StyleID: st.points, Value: ir.Max}, cellText(evid, st.wrap), cellText(note, st.wrap)
			// Streamed rows get their height now: as tall as the longest
			// wrapped text (names, categorical values, evidence, note).
			n := max(xl.Lines(u.Name, widths[1]), xl.Lines(name, widths[3]), xl.Lines(evid, widths[10]), xl.Lines(note, widths[11]), xl.Lines(textOf(self), widths[4]), xl.Lines(textOf(appr), widths[5]))
			var ro []excelize.RowOpts
			if n > 1 {
				ro = append(ro, excelize.RowOpts{Height: xl.RowHeight(n)})
			}
			x.Do(sw.SetRow(xl.Cell(1, r), row, ro...))
			r++
		}
	}
	if r > 2 {
		no := false
		x.Do(sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:L%d", r-1), Name: "Values", StyleName: "TableStyleLight1", ShowRowStripes: &no}))
	}
	x.Do(sw.Flush())
}

// textOf is a cell value's text for sizing its row: a string as it is,
// numbers and nothing as "".
func textOf(v any) string {
	s, _ := v.(string)
	return s
}

func cellText(s string, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: xl.Text(s)}
}

// valueCell returns a reported value as a number, or as its text for
// yes/no and categorical indicators; nil when not given.
func valueCell(ind *indicators.Indicator, v submission.Value) any {
	if !v.Set {
		return nil
	}
	if ind.Rule != nil && (ind.Rule.Kind == indicators.RuleCategorical || ind.Rule.Kind == indicators.RuleBoolean || (ind.Rule.Kind == indicators.RulePassFail && ind.Rule.Pass == nil)) || ind.Unit == "yes/no" {
		return v.Raw
	}
	return v.Num
}

// appraisalWidths are the column widths of the appraisal sheet.
var appraisalWidths = []float64{10, 26, 9, 50, 14, 14, 12, 12, 11, 50}

func (x *xw) appraisal(sheet string, ev *dti.Evaluation, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	head := []string{lang.Pick("Mã đơn vị", "Unit code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Mã chỉ tiêu", "Indicator"), lang.Pick("Chỉ tiêu", "Indicator name"),
		lang.Pick("Tự đánh giá", "Self-assessed"), lang.Pick("Thẩm định", "Appraised"), lang.Pick("Điểm tự chấm", "Points claimed"), lang.Pick("Điểm thẩm định", "Points given"),
		lang.Pick("Chênh lệch", "Difference"), lang.Pick("Lý do", "Reason")}
	x.header(sheet, 1, head, st)
	r := 2
	for _, u := range ev.Units {
		for j := range fw.Indicators {
			ind := &fw.Indicators[j]
			ir := indicatorAt(ev, u, j)
			e := ir.Entry
			if ir.Status == scoring.NA && e.OK() {
				// declared not applicable: listed for the appraiser
				why := e.Note()
				if why == "" {
					why = e.Reason()
				}
				x.Set(sheet, 1, r, u.Code, st.text)
				x.Set(sheet, 2, r, u.Name, st.wrap)
				x.Set(sheet, 3, r, ind.Code, st.text)
				x.Set(sheet, 4, r, ind.DisplayName(lang), st.wrap)
				x.Set(sheet, 5, r, "NA", st.text)
				text := lang.Pick("Khai báo không áp dụng, cần thẩm định", "Declared not applicable, for the appraiser") + orNote(why)
				x.Set(sheet, 10, r, text, st.wrap)
				x.FitRow(sheet, r, []string{"", u.Name, "", ind.DisplayName(lang), "", "", "", "", "", text}, appraisalWidths)
				r++
				continue
			}
			if !e.OK() || !e.Appraised().Set || !e.Self().Set || e.Appraised().Num == e.Self().Num {
				continue
			}
			x.Set(sheet, 1, r, u.Code, st.text)
			x.Set(sheet, 2, r, u.Name, st.wrap)
			x.Set(sheet, 3, r, ind.Code, st.text)
			x.Set(sheet, 4, r, ind.DisplayName(lang), st.wrap)
			x.Set(sheet, 5, r, valueCell(ind, e.Self()), st.text)
			x.Set(sheet, 6, r, valueCell(ind, e.Appraised()), st.text)
			x.Set(sheet, 7, r, ir.SelfPts, st.points)
			x.Set(sheet, 8, r, ir.Points, st.points)
			x.Set(sheet, 9, r, ir.Points-ir.SelfPts, st.points)
			x.Set(sheet, 10, r, e.Reason(), st.wrap)
			x.FitRow(sheet, r, []string{"", u.Name, "", ind.DisplayName(lang), "", "", "", "", "", e.Reason()}, appraisalWidths)
			r++
		}
	}
	for i, wd := range appraisalWidths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if r > 2 {
		x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A1:J%d", r-1), nil))
	}
	x.PrintSetup(sheet, true, 1, 1)
}

// orNote returns ": why", or "" when there is no reason.
func orNote(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// mapsOf returns the mappings of an indicator to one source framework.
func mapsOf(ind *indicators.Indicator, prefix string) string {
	var out []string
	for _, m := range ind.Maps {
		if strings.HasPrefix(m, prefix) {
			out = append(out, m)
		}
	}
	return strings.Join(out, "; ")
}

// dataFrom says where an indicator's number comes from: the unit itself,
// or the system or survey the framework names.
func dataFrom(ind *indicators.Indicator, lang indicators.Lang) string {
	switch {
	case ind.DataOrigin != "":
		return ind.DataOrigin
	case ind.DataSource == "self":
		return lang.Pick("Đơn vị tự báo cáo", "Reported by the unit")
	}
	return ""
}

// criteriaWidths are the column widths of the criteria sheet.
var criteriaWidths = []float64{8, 50, 22, 12, 9, 36, 22, 18, 14, 14, 20, 50, 36}

func (x *xw) criteria(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	head := []string{lang.Pick("Mã", "Code"), lang.Pick("Chỉ tiêu", "Indicator"), lang.Pick("Trụ cột", "Pillar"), lang.Pick("Đơn vị tính", "Unit"), lang.Pick("Điểm tối đa", "Max points"),
		lang.Pick("Cách tính điểm", "How it is scored"), lang.Pick("Lĩnh vực", "Domains"), "DTI", "PAR", "766", lang.Pick("Đô thị thông minh", "Smart city"), lang.Pick("Nguồn", "Source"), lang.Pick("Số liệu lấy từ", "Data from")}
	x.header(sheet, 1, head, st)
	r := 2
	for _, p := range ps {
		for _, j := range p.inds {
			ind := &fw.Indicators[j]
			var doms []string
			for _, d := range ind.Domains {
				doms = append(doms, fw.DomainName(d, lang))
			}
			x.Set(sheet, 1, r, ind.Code, st.text)
			x.Set(sheet, 2, r, ind.DisplayName(lang), st.wrap)
			x.Set(sheet, 3, r, p.name(lang), st.wrap)
			x.Set(sheet, 4, r, ind.UnitText(lang), st.wrap)
			x.Set(sheet, 5, r, ind.MaxOr(0), st.points)
			x.Set(sheet, 6, r, fw.RuleText(ind, lang), st.wrap)
			x.Set(sheet, 7, r, strings.Join(doms, "; "), st.wrap)
			x.Set(sheet, 8, r, mapsOf(ind, "DTI"), st.wrap)
			x.Set(sheet, 9, r, mapsOf(ind, "PAR"), st.wrap)
			x.Set(sheet, 10, r, mapsOf(ind, "QD766"), st.wrap)
			x.Set(sheet, 11, r, mapsOf(ind, "SC"), st.wrap)
			x.Set(sheet, 12, r, ind.Source, st.wrap)
			x.Set(sheet, 13, r, dataFrom(ind, lang), st.wrap)
			x.FitRow(sheet, r, []string{"", ind.DisplayName(lang), p.name(lang), ind.UnitText(lang), "", fw.RuleText(ind, lang), strings.Join(doms, "; "), mapsOf(ind, "DTI"), mapsOf(ind, "PAR"), mapsOf(ind, "QD766"), mapsOf(ind, "SC"), ind.Source, dataFrom(ind, lang)}, criteriaWidths)
			r++
		}
	}
	for i, wd := range criteriaWidths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A1:M%d", max(r-1, 2)), nil))
	x.PrintSetup(sheet, true, 1, 1)
	x.acrossPages(sheet, 2, "$A:$B", "$1:$1") // 13 columns: two pages wide, code and name repeated
}

// acrossPages prints a wide sheet pages wide, each page repeating the
// columns cols and the rows rows (e.g. "$A:$C", "$1:$3").
func (x *xw) acrossPages(sheet string, pages int, cols, rows string) {
	zero := 0
	x.Do(x.F.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &pages, FitToHeight: &zero}))
	x.printTitles(sheet, cols, rows)
}

// printTitles repeats the columns cols and the rows rows on every printed
// page of sheet.
func (x *xw) printTitles(sheet, cols, rows string) {
	x.Do(x.F.DeleteDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet}))
	x.Do(x.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!%s,'%s'!%s", sheet, cols, sheet, rows), Scope: sheet}))
}

func (x *xw) provenance(sheet string, ev *dti.Evaluation, opts *Options, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	ts := "–"
	if !opts.Timestamp.IsZero() {
		ts = opts.Timestamp.UTC().Format(time.RFC3339)
	}
	rows := [][2]string{
		{lang.Pick("Khung tiêu chí", "Framework"), fw.ID},
		{lang.Pick("Tên khung", "Framework name"), fw.DisplayName(lang)},
		{lang.Pick("Phiên bản", "Version"), fw.Version},
		{lang.Pick("Mã băm khung (SHA-256)", "Framework hash (SHA-256)"), ev.Hash},
		{lang.Pick("Giá trị chấm", "Basis"), ev.Basis.Text(lang)},
		{lang.Pick("Số đơn vị được chấm", "Units scored"), fmt.Sprint(len(ev.Units))},
		{lang.Pick("Số bài nộp bị loại", "Submissions rejected"), fmt.Sprint(len(ev.Rejected))},
		{lang.Pick("Lệnh", "Command line"), opts.Command},
		{lang.Pick("Phiên bản phần mềm", "Tool version"), opts.ToolVersion},
		{lang.Pick("Thời điểm chạy (UTC)", "Time of the run (UTC)"), ts},
	}
	if opts != nil && opts.RunID != "" {
		rows = append(rows, [2]string{lang.Pick("Mã lần chạy", "Run id"), opts.RunID})
	}
	x.Set(sheet, 1, 1, lang.Pick("THÔNG TIN NGUỒN GỐC", "PROVENANCE"), st.title)
	r := 3
	for _, kv := range rows {
		x.Set(sheet, 1, r, kv[0], st.header)
		x.Set(sheet, 2, r, kv[1], st.wrap)
		x.FitRow(sheet, r, []string{kv[0], kv[1]}, []float64{36, 70})
		r++
	}
	r++
	x.header(sheet, r, []string{lang.Pick("Tệp đầu vào", "Input file"), "SHA-256", lang.Pick("Kích thước (byte)", "Size (bytes)")}, st)
	r++
	for _, in := range ev.Inputs {
		x.Set(sheet, 1, r, in.File, st.wrap)
		x.Set(sheet, 2, r, in.SHA256, st.text)
		x.Set(sheet, 3, r, in.Size, st.int)
		x.FitRow(sheet, r, []string{in.File}, []float64{36})
		r++
	}
	x.Do(x.F.SetColWidth(sheet, "A", "A", 36))
	x.Do(x.F.SetColWidth(sheet, "B", "B", 70))
	x.Do(x.F.SetColWidth(sheet, "C", "C", 16))
	x.PrintSetup(sheet, true, 1, 1)
}

// warningsWidths are the column widths of the warnings sheet.
var warningsWidths = []float64{10, 26, 10, 44, 70}

// warnings lists every warning: per unit with the indicator and where the
// value stands (file, sheet and cell, or line and column), then those of
// the whole batch.
func (x *xw) warnings(sheet string, ev *dti.Evaluation, st xstyles, lang indicators.Lang) {
	x.header(sheet, 1, []string{lang.Pick("Mã đơn vị", "Unit code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Chỉ tiêu", "Indicator"), lang.Pick("Vị trí", "Location"), lang.Pick("Cảnh báo", "Warning")}, st)
	x.Do(x.F.SetRowHeight(sheet, 1, 30))
	r := 2
	put := func(code, name, ind, where, msg string) {
		for c, v := range []string{code, name, ind, where, msg} {
			x.Set(sheet, c+1, r, v, st.wrap)
		}
		x.FitRow(sheet, r, []string{code, name, ind, where, msg}, warningsWidths)
		r++
	}
	for _, u := range ev.Units {
		for _, w := range u.Warnings {
			put(u.Code, u.Name, w.Indicator, w.Where(lang), lang.Pick(w.VI, w.EN))
		}
	}
	for _, w := range ev.Warnings {
		put("", "", "", "", w)
	}
	if r == 2 {
		x.Set(sheet, 1, r, lang.Pick("Không có cảnh báo.", "No warnings."), st.text)
	}
	for i, wd := range warningsWidths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if r > 2 {
		x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A1:E%d", r-1), nil))
	}
	x.PrintSetup(sheet, true, 1, 1)
}

func (x *xw) rejected(sheet string, ev *dti.Evaluation, st xstyles, lang indicators.Lang) {
	x.header(sheet, 1, []string{lang.Pick("Tệp", "File"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Lỗi", "Errors")}, st)
	r := 2
	for _, rj := range ev.Rejected {
		for _, e := range rj.Errors {
			x.Set(sheet, 1, r, rj.File, st.wrap)
			x.Set(sheet, 2, r, rj.Unit, st.text)
			x.Set(sheet, 3, r, e.Message(lang), st.wrap)
			x.FitRow(sheet, r, []string{rj.File, rj.Unit, e.Message(lang)}, []float64{40, 12, 100})
			r++
		}
	}
	x.Do(x.F.SetColWidth(sheet, "A", "A", 40))
	x.Do(x.F.SetColWidth(sheet, "B", "B", 12))
	x.Do(x.F.SetColWidth(sheet, "C", "C", 100))
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.PrintSetup(sheet, true, 1, 1)
}
