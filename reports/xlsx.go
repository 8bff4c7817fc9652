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
	"github.com/xuri/excelize/v2"
)

// A spreadsheet's limits (Excel's, which LibreOffice shares).
const (
	MaxSheetRows = 1048576
	MaxSheetCols = 16384
)

// LimitError says that a report format cannot hold an evaluation, and
// which limit it passes; it is returned before anything is written.
type LimitError struct {
	File        string // report.xlsx
	VI, EN      string
	Need, Limit int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: %s cần %d, tối đa %d / %s needs %d, at most %d", e.File, e.VI, e.Need, e.Limit, e.EN, e.Need, e.Limit)
}

// CheckXLSX returns a *LimitError when the evaluation does not fit in a
// workbook: the values sheet has a row per unit and indicator, the points
// sheet a column per indicator.
func CheckXLSX(ev *dti.Evaluation) error {
	nI := len(ev.Framework.Indicators)
	if need := 1 + len(ev.Units)*nI; need > MaxSheetRows {
		return &LimitError{File: "report.xlsx", VI: "trang Số liệu (một dòng cho mỗi đơn vị và chỉ tiêu) số dòng", EN: "the Values sheet (a row per unit and indicator) rows", Need: need, Limit: MaxSheetRows}
	}
	if need := 4 + nI + 1; need > MaxSheetCols {
		return &LimitError{File: "report.xlsx", VI: "trang Điểm chi tiết (một cột cho mỗi chỉ tiêu) số cột", EN: "the Indicator points sheet (a column per indicator) columns", Need: need, Limit: MaxSheetCols}
	}
	return nil
}

// Sheet names of the Excel report, per language.
var sheetNames = map[indicators.Lang][8]string{
	indicators.Vietnamese: {"Xếp hạng", "Điểm chi tiết", "Số liệu", "Thẩm định", "Tiêu chí", "Thông tin", "Bị loại", "Cảnh báo"},
	indicators.English:    {"Ranking", "Indicator points", "Values", "Appraisal", "Criteria", "Provenance", "Rejected", "Warnings"},
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
	top := &excelize.Alignment{Vertical: "top"}
	s.text = mk(&excelize.Style{Border: border, Alignment: top})
	s.wrap = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.int = mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	s.score = mk(&excelize.Style{Border: border, CustomNumFmt: &scoreFmt, Alignment: top})
	pf := "0.00"
	s.points = mk(&excelize.Style{Border: border, CustomNumFmt: &pf, Alignment: top})
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
	if err := CheckXLSX(ev); err != nil {
		return err
	}
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
	x := &xw{&xl.Writer{F: f, Footer: lang.Pick("&CTrang &P/&N", "&CPage &P of &N")}}
	names := sheetNames[lang]
	st, err := newXStyles(f, ev.Precision())
	if err != nil {
		return nil, err
	}
	x.Do(f.SetSheetName("Sheet1", names[0]))
	// Ranking, points, values, appraisal, warnings, criteria, provenance.
	for _, n := range []string{names[1], names[2], names[3], names[7], names[4], names[5]} {
		_, err := f.NewSheet(n)
		x.Do(err)
	}
	trust := trustSheets[lang]
	_, err = f.NewSheet(trust[0])
	x.Do(err)
	_, err = f.NewSheet(trust[3])
	x.Do(err)
	if len(opts.Uncertainty) > 0 {
		_, err := f.NewSheet(trust[1])
		x.Do(err)
	}
	if len(opts.Changes) > 0 {
		_, err := f.NewSheet(trust[2])
		x.Do(err)
	}
	if len(ev.Rejected) > 0 {
		_, err := f.NewSheet(names[6])
		x.Do(err)
	}
	// Before any sheet is streamed: SetActiveSheet reads every sheet back
	// into excelize's model, and a streamed sheet read back is marshalled
	// again from the model when the file is written. The same bytes;
	// BenchmarkXLSX (3,321 units) 1.40 → 1.01 GB and 27.6 → 22.5 million
	// allocations per op; `dti score --format xlsx` of the 3,321 forms
	// 11.2–11.5 → 9.7–10.0 s and 362–411 → 294–315 MB (three runs each).
	f.SetActiveSheet(0)
	ps := pillars(ev.Framework)
	x.ranking(names[0], ev, ps, st, lang)
	x.points(names[1], ev, ps, st, lang)
	x.values(names[2], ev, st, lang)
	x.appraisal(names[3], ev, st, lang)
	x.warnings(names[7], ev, st, lang)
	x.criteria(names[4], ev, ps, st, lang)
	x.provenance(names[5], ev, opts, st, lang)
	ar := opts.audit(ev, true)
	x.auditSheet(trust[0], ar, opts.sensitivity(), st, lang)
	x.correlationSheet(trust[3], ar, st, lang)
	if len(opts.Uncertainty) > 0 {
		x.uncertaintySheet(trust[1], ev, opts.Uncertainty, st, lang)
	}
	if len(opts.Changes) > 0 {
		x.progressSheet(trust[2], ev, opts.Changes, st, lang)
	}
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
	for _, d := range ev.Domains {
		cols = append(cols, d.DisplayName(lang))
	}
	return append(cols, lang.Pick("Tự đánh giá", "Self-assessed"), lang.Pick("Điểm mất khi thẩm định", "Points lost at appraisal"), lang.Pick("Lý do xếp loại và khen thưởng", "Why this class and award"))
}

func (x *xw) ranking(sheet string, ev *dti.Evaluation, ps []pillar, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	x.Set(sheet, 1, 1, lang.Pick("KẾT QUẢ XẾP HẠNG CHUYỂN ĐỔI SỐ", "DIGITAL TRANSFORMATION RANKING"), st.title)
	sub := fmt.Sprintf("%s – %s · %s: %s · %d %s", fw.DisplayName(lang), fw.Version, lang.Pick("giá trị chấm", "basis"),
		lang.Pick(map[dti.Basis]string{dti.BasisAppraised: "thẩm định", dti.BasisSelf: "tự đánh giá"}[ev.Basis], string(ev.Basis)), len(ev.Units), lang.Pick("đơn vị", "units"))
	// The subtitle wraps within the rank, code and unit columns, which
	// every printed page repeats: text running on from them would be cut
	// where the next page's columns begin.
	x.Set(sheet, 1, 2, sub, x.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "404040"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}))
	x.Merge(sheet, 1, 2, 3, 2)
	x.FitRow(sheet, 2, []string{sub}, []float64{rankingWidths[0] + rankingWidths[1] + rankingWidths[2]})
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
		x.Set(sheet, c, row, u.Name, st.wrap)
		c++
		x.Set(sheet, c, row, score(u.Score, u.HasScore), st.score)
		c++
		x.Set(sheet, c, row, fw.ClassName(u.Class, lang), st.text)
		c++
		x.Set(sheet, c, row, awardText(fw, u, lang), st.wrap)
		c++
		for _, p := range ps {
			v := p.score(ev, u)
			x.Set(sheet, c, row, v, st.score)
			c++
		}
		for d := range ev.Domains {
			x.Set(sheet, c, row, u.Domains[d], st.score)
			c++
		}
		x.Set(sheet, c, row, score(u.Claimed, u.HasClaimed), st.score)
		c++
		x.Set(sheet, c, row, u.Loss, st.points)
		c++
		rs := ev.Reasons(u, lang)
		why := strings.Join(append([]string{rs.Class}, rs.Awards...), "\n")
		x.Set(sheet, c, row, why, st.wrap)
		x.FitRow(sheet, row, []string{u.Name, awardText(fw, u, lang), why}, []float64{rankingWidths[2], rankingWidths[5], reasonWidth})
		row++
	}
	last := row - 1
	widths := rankingWidths
	for i, wd := range widths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetColWidth(sheet, xl.Col(len(widths)+1), xl.Col(len(cols)-1), 14))
	x.Do(x.F.SetColWidth(sheet, xl.Col(len(cols)), xl.Col(len(cols)), reasonWidth))
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: rankHeaderRow, TopLeftCell: xl.Cell(4, rankFirstRow), ActivePane: "bottomRight"}))
	if len(ev.Units) == 0 {
		x.PrintSetup(sheet, true, rankHeaderRow, rankHeaderRow)
		return
	}
	x.Do(x.F.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", rankHeaderRow, xl.Col(len(cols)), last), nil))
	// Colour scale on the index, pillar and domain scores.
	scale := []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max", MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B"}}
	x.Do(x.F.SetConditionalFormat(sheet, fmt.Sprintf("D%d:D%d", rankFirstRow, last), scale))
	first, end := 7, 6+len(ps)+len(ev.Domains)
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
	x.Do(x.F.AddChart(sheet, xl.Cell(4, last+3), &excelize.Chart{ // right of the columns repeated on every printed page
		Type:       excelize.Bar,
		Series:     []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$D$%d", sheet, rankHeaderRow), Categories: ref(3), Values: ref(4), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E75B6"}}}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: &no,
		GapWidth:   &gap,
		Dimension:  excelize.ChartDimension{Width: 820, Height: uint(140 + 20*shown)},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "262626", Size: 9}},
		YAxis:      excelize.ChartAxis{Maximum: &fw.Scale, Minimum: zeroPtr(), Font: excelize.Font{Color: "262626", Size: 9}},
	}))
	x.PrintSetup(sheet, true, rankHeaderRow, rankHeaderRow)
	if len(cols) > 14 {
		// Pillars and domains on a second page, rank, code and unit repeated.
		x.acrossPages(sheet, 2, "$A:$C", fmt.Sprintf("$%d:$%d", rankHeaderRow, rankHeaderRow))
	}
}

// reasonWidth is the width of the ranking sheet's reasons column.
const reasonWidth = 70

// rankingWidths are the widths of the ranking sheet's first columns.
var rankingWidths = []float64{7, 9, 28, 10, 12, 34}

// chartMax is the most bars the ranking chart shows.
const chartMax = 60

func zeroPtr() *float64 { z := 0.0; return &z }

func score(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}
