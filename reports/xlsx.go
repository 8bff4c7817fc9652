package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the Excel report, per language.
var sheetNames = map[indicators.Lang][7]string{
	indicators.Vietnamese: {"Xếp hạng", "Điểm chi tiết", "Số liệu", "Thẩm định", "Tiêu chí", "Thông tin", "Bị loại"},
	indicators.English:    {"Ranking", "Indicator points", "Values", "Appraisal", "Criteria", "Provenance", "Rejected"},
}

// Rows of the ranking sheet.
const (
	rankHeaderRow = 4
	rankFirstRow  = 5
)

type xstyles struct {
	title, subtitle, header, text, wrap, int, score, points, max, group int
}

func newXStyles(f *excelize.File, prec int) (xstyles, error) {
	var s xstyles
	var err error
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}, {Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	scoreFmt := "0.00"
	if prec >= 0 {
		scoreFmt = "0"
		if prec > 0 {
			scoreFmt = "0." + strings.Repeat("0", prec)
		}
	}
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}})
	s.subtitle = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "404040"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}})
	s.group = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"BDD7EE"}}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Border: border})
	s.wrap = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.int = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	s.score = mk(&excelize.Style{Border: border, CustomNumFmt: &scoreFmt})
	pf := "0.00"
	s.points = mk(&excelize.Style{Border: border, CustomNumFmt: &pf})
	s.max = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Border: border, CustomNumFmt: &pf})
	return s, err
}

// xw writes the report's sheets.
type xw struct{ *xl.Writer }

// WriteXLSX writes the ranked Excel report: the ranking with a chart, the
// indicator points, the values side by side, the appraisal changes, the
// criteria, the provenance, and the rejected submissions when there are
// any. Numbers are stored as numbers; text from submissions is stored as
// text, never as a formula.
func WriteXLSX(w io.Writer, ev *dti.Evaluation, opts *Options) error {
	buf, err := buildXLSX(ev, opts)
	if err != nil {
		return err
	}
	// The workbook is closed and its memory free while the file is copied.
	return sortedZip(w, buf.Bytes())
}

// buildXLSX makes the workbook and returns the file excelize writes.
func buildXLSX(ev *dti.Evaluation, opts *Options) (*bytes.Buffer, error) {
	lang := opts.lang()
	if opts == nil {
		opts = &Options{}
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &xw{&xl.Writer{F: f}}
	names := sheetNames[lang]
	st, err := newXStyles(f, ev.Precision())
	if err != nil {
		return nil, err
	}
	x.Do(f.SetSheetName("Sheet1", names[0]))
	for _, n := range names[1:6] {
		_, err := f.NewSheet(n)
		x.Do(err)
	}
	if len(ev.Rejected) > 0 {
		_, err := f.NewSheet(names[6])
		x.Do(err)
	}
	ps := pillars(ev.Framework)
	x.ranking(names[0], ev, ps, st, lang)
	x.points(names[1], ev, ps, st, lang)
	x.values(names[2], ev, st, lang)
	x.appraisal(names[3], ev, st, lang)
	x.criteria(names[4], ev, ps, st, lang)
	x.provenance(names[5], ev, opts, st, lang)
	if len(ev.Rejected) > 0 {
		x.rejected(names[6], ev, st, lang)
	}
	if x.Err != nil {
		return nil, x.Err
	}
	ts := ""
	if !opts.Timestamp.IsZero() {
		ts = opts.Timestamp.UTC().Format(time.RFC3339)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    lang.Pick("Kết quả đánh giá chuyển đổi số", "Digital transformation evaluation results"),
		Subject:  ev.Framework.DisplayName(lang) + " – " + ev.Framework.Version,
		Creator:  "dti",
		Created:  ts,
		Modified: ts,
		Language: lang.Pick("vi-VN", "en-US"),
	}); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	// excelize lists the image types a drawing may hold, and writes the
	// streamed sheets, in the order of a map. Sorted, and the archive's
	// parts copied in order of name, the file has the same bytes from run
	// to run.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	return f.WriteToBuffer()
}

// sortedZip copies the zip archive src to w with its parts in order of
// name, as they are, without compressing them again.
func sortedZip(w io.Writer, src []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return err
	}
	parts := slices.Clone(zr.File)
	slices.SortFunc(parts, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	if g, ok := w.(interface{ Grow(int) }); ok {
		g.Grow(len(src)) // the copy has the same size: a buffer grows once
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		raw, err := p.OpenRaw()
		if err != nil {
			return err
		}
		h := p.FileHeader
		out, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

func (x *xw) header(sheet string, row int, cols []string, st xstyles) {
	for i, h := range cols {
		x.Set(sheet, i+1, row, h, st.header)
	}
	x.Do(x.F.SetRowHeight(sheet, row, 78))
}

// rankingColumns lists the ranking sheet's header in lang.
func rankingColumns(ev *dti.Evaluation, ps []pillar, lang indicators.Lang) []string {
	cols := []string{lang.Pick("Hạng", "Rank"), lang.Pick("Mã", "Code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Chỉ số", "Index"), lang.Pick("Xếp loại", "Class"), lang.Pick("Khen thưởng", "Award")}
	for _, p := range ps {
		cols = append(cols, p.name(lang))
	}
	for _, d := range indicators.Domains {
		cols = append(cols, indicators.DomainName(d, lang))
	}
	return append(cols, lang.Pick("Tự đánh giá", "Self-assessed"), lang.Pick("Điểm mất khi thẩm định", "Points lost at appraisal"))
}

func (x *xw) ranking(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	x.Set(sheet, 1, 1, lang.Pick("KẾT QUẢ XẾP HẠNG CHUYỂN ĐỔI SỐ", "DIGITAL TRANSFORMATION RANKING"), st.title)
	sub := fmt.Sprintf("%s – %s · %s: %s · %d %s", fw.DisplayName(lang), fw.Version, lang.Pick("giá trị chấm", "basis"),
		lang.Pick(map[dti.Basis]string{dti.BasisAppraised: "thẩm định", dti.BasisSelf: "tự đánh giá"}[ev.Basis], string(ev.Basis)), len(ev.Units), lang.Pick("đơn vị", "units"))
	x.Set(sheet, 1, 2, sub, st.subtitle)
	cols := rankingColumns(ev, ps, lang)
	x.header(sheet, rankHeaderRow, cols, st)
	row := rankFirstRow
	for _, u := range ev.Units {
		c := 1
		if u.Rank > 0 {
			x.Set(sheet, c, row, u.Rank, st.int)
		} else {
			x.Set(sheet, c, row, "–", st.int)
		}
		c++
		x.Set(sheet, c, row, u.Code, st.text)
		c++
		x.Set(sheet, c, row, u.Name, st.text)
		c++
		x.Set(sheet, c, row, score(u.Score, u.HasScore), st.score)
		c++
		x.Set(sheet, c, row, fw.ClassName(u.Class, lang), st.text)
		c++
		x.Set(sheet, c, row, awardText(fw, u, lang), st.text)
		c++
		for _, p := range ps {
			v := p.score(ev, u)
			x.Set(sheet, c, row, v, st.score)
			c++
		}
		for d := range indicators.Domains {
			x.Set(sheet, c, row, u.Domains[d], st.score)
			c++
		}
		x.Set(sheet, c, row, score(u.Claimed, u.HasClaimed), st.score)
		c++
		x.Set(sheet, c, row, u.Loss, st.points)
		row++
	}
	last := row - 1
	widths := []float64{7, 9, 28, 10, 12, 34}
	for i, wd := range widths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetColWidth(sheet, xl.Col(len(widths)+1), xl.Col(len(cols)), 14))
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: rankHeaderRow, TopLeftCell: xl.Cell(4, rankFirstRow), ActivePane: "bottomRight"}))
	if len(ev.Units) == 0 {
		x.PrintSetup(sheet, true, rankHeaderRow, rankHeaderRow)
		return
	}
	x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", rankHeaderRow, xl.Col(len(cols)), last), nil))
	// Colour scale on the index, pillar and domain scores.
	scale := []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max", MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B"}}
	x.Do(x.F.SetConditionalFormat(sheet, fmt.Sprintf("D%d:D%d", rankFirstRow, last), scale))
	first, end := 7, 6+len(ps)+len(indicators.Domains)
	for c := first; c <= end; c++ {
		x.Do(x.F.SetConditionalFormat(sheet, fmt.Sprintf("%s%d:%s%d", xl.Col(c), rankFirstRow, xl.Col(c), last), scale))
	}
	// A bar chart of the index in rank order, one colour, below the table
	// (so that printing fits the table's width); at most chartMax bars.
	no := false
	gap := uint(40)
	shown := min(len(ev.Units), chartMax)
	ref := func(col int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, xl.Col(col), rankFirstRow, xl.Col(col), rankFirstRow+shown-1)
	}
	title := lang.Pick("Chỉ số theo thứ hạng", "Index in rank order")
	if shown < len(ev.Units) {
		title = fmt.Sprintf(lang.Pick("Chỉ số của %d đơn vị dẫn đầu", "Index of the top %d units"), shown)
	}
	x.Do(x.F.AddChart(sheet, xl.Cell(2, last+3), &excelize.Chart{
		Type:       excelize.Bar,
		Series:     []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$D$%d", sheet, rankHeaderRow), Categories: ref(3), Values: ref(4), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E75B6"}}}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: &no,
		GapWidth:   &gap,
		Dimension:  excelize.ChartDimension{Width: 900, Height: uint(140 + 20*shown)},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "262626", Size: 9}},
		YAxis:      excelize.ChartAxis{Maximum: &fw.Scale, Minimum: zeroPtr(), Font: excelize.Font{Color: "262626", Size: 9}},
	}))
	x.PrintSetup(sheet, true, rankHeaderRow, rankHeaderRow)
}

// chartMax is the most bars the ranking chart shows.
const chartMax = 60

func zeroPtr() *float64 { z := 0.0; return &z }

func score(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

// points writes one row per unit, one column per indicator, grouped under
// pillar headings, with the max points row at the top. It streams.
func (x *xw) points(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	if x.Err != nil {
		return
	}
	fw := ev.Framework
	// A streamed sheet takes its print setup from the sheet as it is when
	// the stream starts; set after, it would be lost.
	x.PrintSetup(sheet, true, 1, 3)
	sw, err := x.F.NewStreamWriter(sheet)
	if err != nil {
		x.Do(err)
		return
	}
	nfix := 4
	ncols := nfix
	for _, p := range ps {
		ncols += len(p.inds)
	}
	x.Do(sw.SetColWidth(1, 1, 7))
	x.Do(sw.SetColWidth(2, 2, 9))
	x.Do(sw.SetColWidth(3, 3, 28))
	x.Do(sw.SetColWidth(4, 4, 10))
	if ncols > nfix {
		x.Do(sw.SetColWidth(nfix+1, ncols, 8))
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
		vals[2] = excelize.Cell{StyleID: st.text, Value: u.Name}
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
	for i, wd := range []float64{10, 26, 9, 50, 14, 14, 14, 12, 9, 8, 40, 30} {
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
			if e := ir.Entry; e != nil {
				self, appr = valueCell(ind, e.Self), valueCell(ind, e.Appraised)
				evid, note = strings.Join(e.Evidence, "; "), e.Note
				if e.NA {
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
			row[0], row[1], row[2], row[3] = cellText(u.Code, st.text), cellText(u.Name, st.text), cellText(ind.Code, st.text), cellText(ind.DisplayName(lang), st.text)
			row[4], row[5], row[6], row[7] = excelize.Cell{StyleID: st.text, Value: self}, excelize.Cell{StyleID: st.text, Value: appr}, excelize.Cell{StyleID: st.text, Value: used}, cellText(b, st.text)
			row[8], row[9], row[10], row[11] = excelize.Cell{StyleID: st.points, Value: pts}, excelize.Cell{StyleID: st.points, Value: ir.Max}, cellText(evid, st.text), cellText(note, st.text)
			x.Do(sw.SetRow(xl.Cell(1, r), row))
			r++
		}
	}
	if r > 2 {
		no := false
		x.Do(sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:L%d", r-1), Name: "Values", StyleName: "TableStyleLight1", ShowRowStripes: &no}))
	}
	x.Do(sw.Flush())
}

func cellText(s string, style int) excelize.Cell { return excelize.Cell{StyleID: style, Value: s} }

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
			if e == nil || !e.Appraised.Set || !e.Self.Set || e.Appraised.Num == e.Self.Num {
				continue
			}
			x.Set(sheet, 1, r, u.Code, st.text)
			x.Set(sheet, 2, r, u.Name, st.text)
			x.Set(sheet, 3, r, ind.Code, st.text)
			x.Set(sheet, 4, r, ind.DisplayName(lang), st.wrap)
			x.Set(sheet, 5, r, valueCell(ind, e.Self), st.text)
			x.Set(sheet, 6, r, valueCell(ind, e.Appraised), st.text)
			x.Set(sheet, 7, r, ir.SelfPts, st.points)
			x.Set(sheet, 8, r, ir.Points, st.points)
			x.Set(sheet, 9, r, ir.Points-ir.SelfPts, st.points)
			x.Set(sheet, 10, r, e.Reason, st.wrap)
			r++
		}
	}
	for i, wd := range []float64{10, 26, 9, 50, 14, 14, 12, 12, 11, 50} {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if r > 2 {
		x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A1:J%d", r-1), nil))
	}
	x.PrintSetup(sheet, true, 1, 1)
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

func (x *xw) criteria(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	head := []string{lang.Pick("Mã", "Code"), lang.Pick("Chỉ tiêu", "Indicator"), lang.Pick("Trụ cột", "Pillar"), lang.Pick("Đơn vị tính", "Unit"), lang.Pick("Điểm tối đa", "Max points"),
		lang.Pick("Cách tính điểm", "How it is scored"), lang.Pick("Lĩnh vực", "Domains"), "DTI", "PAR", "766", lang.Pick("Đô thị thông minh", "Smart city"), lang.Pick("Nguồn", "Source")}
	x.header(sheet, 1, head, st)
	r := 2
	for _, p := range ps {
		for _, j := range p.inds {
			ind := &fw.Indicators[j]
			var doms []string
			for _, d := range ind.Domains {
				doms = append(doms, indicators.DomainName(d, lang))
			}
			x.Set(sheet, 1, r, ind.Code, st.text)
			x.Set(sheet, 2, r, ind.DisplayName(lang), st.wrap)
			x.Set(sheet, 3, r, p.name(lang), st.wrap)
			x.Set(sheet, 4, r, ind.Unit, st.text)
			x.Set(sheet, 5, r, ind.MaxOr(0), st.points)
			x.Set(sheet, 6, r, fw.RuleText(ind, lang), st.wrap)
			x.Set(sheet, 7, r, strings.Join(doms, "; "), st.wrap)
			x.Set(sheet, 8, r, mapsOf(ind, "DTI"), st.wrap)
			x.Set(sheet, 9, r, mapsOf(ind, "PAR"), st.wrap)
			x.Set(sheet, 10, r, mapsOf(ind, "QD766"), st.wrap)
			x.Set(sheet, 11, r, mapsOf(ind, "SC"), st.wrap)
			x.Set(sheet, 12, r, ind.Source, st.wrap)
			r++
		}
	}
	for i, wd := range []float64{8, 50, 22, 10, 9, 36, 22, 18, 14, 14, 20, 50} {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A1:L%d", max(r-1, 2)), nil))
	x.PrintSetup(sheet, true, 1, 1)
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
		{lang.Pick("Giá trị chấm", "Basis"), string(ev.Basis)},
		{lang.Pick("Số đơn vị được chấm", "Units scored"), fmt.Sprint(len(ev.Units))},
		{lang.Pick("Số bài nộp bị loại", "Submissions rejected"), fmt.Sprint(len(ev.Rejected))},
		{lang.Pick("Lệnh", "Command line"), opts.Command},
		{lang.Pick("Phiên bản phần mềm", "Tool version"), opts.ToolVersion},
		{lang.Pick("Thời điểm chạy (UTC)", "Time of the run (UTC)"), ts},
	}
	x.Set(sheet, 1, 1, lang.Pick("THÔNG TIN NGUỒN GỐC", "PROVENANCE"), st.title)
	r := 3
	for _, kv := range rows {
		x.Set(sheet, 1, r, kv[0], st.header)
		x.Set(sheet, 2, r, kv[1], st.text)
		r++
	}
	r++
	x.header(sheet, r, []string{lang.Pick("Tệp đầu vào", "Input file"), "SHA-256", lang.Pick("Kích thước (byte)", "Size (bytes)")}, st)
	r++
	for _, in := range ev.Inputs {
		x.Set(sheet, 1, r, in.File, st.text)
		x.Set(sheet, 2, r, in.SHA256, st.text)
		x.Set(sheet, 3, r, in.Size, st.int)
		r++
	}
	x.Do(x.F.SetColWidth(sheet, "A", "A", 36))
	x.Do(x.F.SetColWidth(sheet, "B", "B", 70))
	x.Do(x.F.SetColWidth(sheet, "C", "C", 16))
	x.PrintSetup(sheet, true, 1, 1)
}

func (x *xw) rejected(sheet string, ev *dti.Evaluation, st xstyles, lang indicators.Lang) {
	x.header(sheet, 1, []string{lang.Pick("Tệp", "File"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Lỗi", "Errors")}, st)
	r := 2
	for _, rj := range ev.Rejected {
		for _, e := range rj.Errors {
			x.Set(sheet, 1, r, rj.File, st.text)
			x.Set(sheet, 2, r, rj.Unit, st.text)
			x.Set(sheet, 3, r, e.Message(lang), st.wrap)
			r++
		}
	}
	x.Do(x.F.SetColWidth(sheet, "A", "A", 40))
	x.Do(x.F.SetColWidth(sheet, "B", "B", 12))
	x.Do(x.F.SetColWidth(sheet, "C", "C", 100))
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.PrintSetup(sheet, true, 1, 1)
}
