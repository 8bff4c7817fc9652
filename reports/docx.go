package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// WriteDOCX writes report.docx: the same document as report.pdf (the
// administrative layout after Nghị định 30/2020/NĐ-CP, the body, Nơi nhận
// and the signature, then the appendices: classes, ranking, scorecards,
// criteria) as an editable Word file an office finishes with its number,
// signature and seal. Headings and body use the Word styles Heading 1–3
// and Normal, so that an office can restyle the document; tables are real
// tables. It is written with github.com/gomutex/godocx, a maintained MIT
// .docx library served by the module proxy, not hand-built XML. With the
// same evaluation and options it writes the same bytes.
func WriteDOCX(w io.Writer, ev *dti.Evaluation, opts *Options) error {
	if n := len(ev.Units); n > MaxPDFUnits {
		return &LimitError{File: "report.docx", VI: "báo cáo Word (một phiếu cho mỗi đơn vị) số đơn vị", EN: "the Word report (a scorecard per unit) units", Need: n, Limit: MaxPDFUnits}
	}
	if opts == nil {
		opts = &Options{}
	}
	doc, err := godocx.NewDocument()
	if err != nil {
		return err
	}
	x := &dw{RootDoc: doc, ev: ev, fw: ev.Framework, lang: opts.lang(), opts: opts, year: evalYear(ev)}
	x.setup()
	x.pageNumbers()
	x.head()
	for _, b := range body(ev, x.year, x.lang) {
		x.block(b)
	}
	x.signature()
	x.appendices()
	if x.err != nil {
		return x.err
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return err
	}
	return canonicalDocx(w, buf.Bytes(), x.grids)
}

// rootAttrs matches the attributes of a start tag.
var rootAttrs = regexp.MustCompile(`\s+[^\s=]+="[^"]*"`)

// canonicalDocx copies the archive godocx wrote to w with its parts in
// order of name, each dated 1 January 1980, and the namespace declarations
// of word/document.xml sorted: the library writes them from a map, in a
// different order on every run, and a report must have the same bytes for
// the same inputs. The k-th table's empty grid gets the column widths
// grids[k] (none for a nil entry): godocx writes no widths, and LibreOffice
// then gives every column the same.
func canonicalDocx(w io.Writer, src []byte, grids [][]int) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return err
	}
	parts := slices.Clone(zr.File)
	slices.SortFunc(parts, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, p := range parts {
		rc, err := p.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if p.Name == "word/document.xml" {
			data = fillGrids(sortRootAttrs(data, "<w:document"), grids)
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := out.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// emptyGrid is how godocx writes a table's grid.
var emptyGrid = []byte("<w:tblGrid></w:tblGrid>")

// fillGrids writes into the k-th empty table grid of document.xml the
// columns grids[k] (in twips); it changes nothing unless there is one grid
// for each table.
func fillGrids(data []byte, grids [][]int) []byte {
	if bytes.Count(data, emptyGrid) != len(grids) {
		return data
	}
	var b bytes.Buffer
	for _, g := range grids {
		i := bytes.Index(data, emptyGrid)
		b.Write(data[:i])
		if g == nil {
			b.Write(emptyGrid)
		} else {
			b.WriteString("<w:tblGrid>")
			for _, w := range g {
				fmt.Fprintf(&b, `<w:gridCol w:w="%d"></w:gridCol>`, w)
			}
			b.WriteString("</w:tblGrid>")
		}
		data = data[i+len(emptyGrid):]
	}
	b.Write(data)
	return b.Bytes()
}

// The page in twips: A4 width, the left and right margins (3 cm and
// 1.5 cm, Nghị định 30/2020: setup), and the width left for text.
const (
	pageWidth   = 11906
	leftMargin  = 1701
	rightMargin = 850
	textWidth   = pageWidth - leftMargin - rightMargin
)

// gridFor shares textWidth among a table's columns (in twips): each gets
// room for its longest word, header included, where the page allows (a
// table of many long words is scaled to the page), and the rest goes to
// the columns whose text would wrap, in proportion to how much more they
// hold; a table that fits on one line per row is widened in proportion.
// At the reports' 10 points a capital letter takes up to 150 twips
// ("BDUONG" broke at 125), a cell's margins 230.
func gridFor(head []string, rows [][]string) []int {
	const perChar, pad, longest = 150, 230, 60
	longestWord := func(t string) (n int) {
		for _, w := range strings.Fields(t) {
			n = max(n, utf8.RuneCountInString(w))
		}
		return n
	}
	n := len(head)
	minW, full := make([]int, n), make([]int, n)
	for c := range n {
		word, text := longestWord(head[c]), 0 // the header wraps by word
		for _, r := range rows {
			if c < len(r) {
				word = max(word, longestWord(r[c]))
				text = max(text, min(utf8.RuneCountInString(r[c]), longest))
			}
		}
		minW[c] = max(word, 2)*perChar + pad
		full[c] = max(text*perChar+pad, minW[c])
	}
	out := make([]int, n)
	sumMin, sumFull := 0, 0
	for c := range n {
		sumMin += minW[c]
		sumFull += full[c]
	}
	left := textWidth
	for c := range n {
		switch {
		case sumFull <= textWidth:
			out[c] = textWidth * full[c] / sumFull
		case sumMin >= textWidth:
			out[c] = textWidth * minW[c] / sumMin
		default:
			out[c] = minW[c] + (textWidth-sumMin)*(full[c]-minW[c])/(sumFull-sumMin)
		}
		left -= out[c]
	}
	if n > 0 {
		out[n-1] += left
	}
	return out
}

// newTable adds a table whose columns are grid twips wide (nil: as the
// program that opens the file decides).
func (x *dw) newTable(grid []int) *docx.Table {
	x.grids = append(x.grids, grid)
	return x.AddTable()
}

// sortRootAttrs sorts the attributes of the first start tag named tag.
func sortRootAttrs(data []byte, tag string) []byte {
	i := bytes.Index(data, []byte(tag+" "))
	if i < 0 {
		return data
	}
	j := bytes.IndexByte(data[i:], '>')
	if j < 0 {
		return data
	}
	head := data[i+len(tag) : i+j]
	attrs := rootAttrs.FindAll(head, -1)
	slices.SortFunc(attrs, bytes.Compare)
	var b bytes.Buffer
	b.Write(data[:i+len(tag)])
	for _, a := range attrs {
		b.WriteByte(' ')
		b.Write(bytes.TrimSpace(a))
	}
	b.Write(data[i+j:])
	return b.Bytes()
}

// dw writes the Word report.
type dw struct {
	*docx.RootDoc
	ev    *dti.Evaluation
	fw    *indicators.Framework
	lang  indicators.Lang
	opts  *Options
	year  string
	err   error   // the first error, of the chart
	grids [][]int // each table's column widths, in the order they were added
}

func (x *dw) t(vi, en string) string { return x.lang.Pick(vi, en) }

// setup sets A4 with the margins of Nghị định 30 (top and bottom 20 mm,
// left 30 mm, right 15 mm) and Times New Roman in every style.
func (x *dw) setup() {
	u := func(v uint64) *uint64 { return &v }
	i := func(v int) *int { return &v }
	x.Document.Body.SectPr = &ctypes.SectionProp{
		PageSize:   &ctypes.PageSize{Width: u(pageWidth), Height: u(16838)},
		PageMargin: &ctypes.PageMargin{Top: i(1134), Bottom: i(1134), Left: i(leftMargin), Right: i(rightMargin), Header: i(567), Footer: i(567), Gutter: i(0)},
	}
	fonts := func() *ctypes.RunFonts {
		return &ctypes.RunFonts{Ascii: "Times New Roman", HAnsi: "Times New Roman", CS: "Times New Roman", EastAsia: "Times New Roman"}
	}
	st := x.DocStyles
	if st.DocDefaults == nil {
		st.DocDefaults = &ctypes.DocDefault{}
	}
	if st.DocDefaults.RunProp == nil {
		st.DocDefaults.RunProp = &ctypes.RunPropDefault{}
	}
	if st.DocDefaults.RunProp.RunProp == nil {
		st.DocDefaults.RunProp.RunProp = &ctypes.RunProperty{}
	}
	st.DocDefaults.RunProp.RunProp.Fonts = fonts()
	st.DocDefaults.RunProp.RunProp.Size = ctypes.NewFontSize(26)
	for k := range st.StyleList {
		s := &st.StyleList[k]
		if s.RunProp == nil {
			continue
		}
		s.RunProp.Fonts = fonts()
		s.RunProp.Color = nil // black headings, as an administrative document has them
	}
}

// pageHeader is the page header: the page number, centred. Word and
// LibreOffice compute the PAGE field; godocx has no header API, so this
// small part is added to the library's package as it is.
const pageHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`

// pageNumbers puts the page number at the top centre of every page but
// the first (a distinct first page with no header of its own), as Nghị
// định 30/2020/NĐ-CP sets it.
func (x *dw) pageNumbers() {
	id := fmt.Sprintf("rId%d", x.Document.IncRelationID())
	x.Document.DocRels.Relationships = append(x.Document.DocRels.Relationships, &docx.Relationship{ID: id, Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header", Target: "header1.xml"})
	x.FileMap.Store("word/header1.xml", []byte(pageHeader))
	if err := x.ContentType.AddOverride("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"); err != nil {
		x.err = err
	}
	x.Document.Body.SectPr.HeaderReference = &ctypes.HeaderReference{Type: stypes.HdrFtrDefault, ID: id}
	x.Document.Body.SectPr.TitlePg = ctypes.NewGenSingleStrVal(stypes.OnOffOn)
}

// para adds a paragraph of runs: text, bold, italic, size in points.
func (x *dw) para(jc stypes.Justification, runs ...run) *docx.Paragraph {
	p := x.AddEmptyParagraph()
	p.Justification(jc)
	for _, r := range runs {
		rr := p.AddText(r.text)
		if r.bold {
			rr.Bold(true)
		}
		if r.italic {
			rr.Italic(true)
		}
		if r.size > 0 {
			rr.Size(r.size)
		}
	}
	return p
}

type run struct {
	text         string
	bold, italic bool
	size         uint64
}

// head writes the bodies, number, national title, place and date, and the
// title: two borderless columns, then the title centred.
func (x *dw) head() {
	t := x.newTable(nil)
	r := t.AddRow()
	left, right := r.AddCell(), r.AddCell()
	authority := strings.ToUpper(x.opts.Authority)
	if authority == "" {
		authority = "……………………"
	}
	issuer := strings.ToUpper(x.opts.Issuer)
	if issuer == "" {
		issuer = "……………………"
	}
	number := x.opts.Number
	if number == "" {
		number = "        /BC-……"
	}
	cell := func(c *docx.Cell, text string, bold, italic bool, size uint64) {
		p := c.AddParagraph("")
		p.Justification(stypes.JustificationCenter)
		rr := p.AddText(text)
		rr.Bold(bold)
		rr.Italic(italic)
		rr.Size(size)
	}
	cell(left, authority, false, false, 12)
	cell(left, issuer, true, false, 12)
	cell(left, x.t("Số: ", "No.: ")+number, false, false, 13)
	cell(right, x.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"), true, false, 12)
	cell(right, x.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"), true, false, 13)
	cell(right, (&doc{lang: x.lang, opts: x.opts}).dateLine(), false, true, 13)
	x.para(stypes.JustificationCenter)
	x.para(stypes.JustificationCenter, run{text: x.t("BÁO CÁO", "REPORT"), bold: true, size: 14})
	title := x.t("Kết quả đánh giá chuyển đổi số cấp xã", "Results of the commune-level digital transformation evaluation")
	if x.year != "" {
		title += x.t(" năm ", " ") + x.year
	}
	x.para(stypes.JustificationCenter, run{text: title, bold: true, size: 14})
	x.para(stypes.JustificationCenter)
}

// block writes one block of the body with the document's styles.
func (x *dw) block(b block) {
	switch b.kind {
	case bHeading:
		p, err := x.AddHeading(b.text, 1)
		if err == nil {
			p.Justification(stypes.JustificationLeft)
		}
	case bSub:
		x.AddHeading(b.text, 2)
	case bPara:
		x.para(stypes.JustificationBoth, run{text: b.text})
	case bBullet:
		x.para(stypes.JustificationBoth, run{text: "- " + b.text})
	}
}

// signature writes Nơi nhận and the signer in two borderless columns.
func (x *dw) signature() {
	x.para(stypes.JustificationLeft)
	t := x.newTable(nil)
	r := t.AddRow()
	left, right := r.AddCell(), r.AddCell()
	p := left.AddParagraph("")
	rr := p.AddText(x.t("Nơi nhận:", "Distribution:"))
	rr.Bold(true)
	rr.Italic(true)
	rr.Size(12)
	for _, l := range []string{x.t("- Như trên;", "- As above;"), x.t("- Các đơn vị được đánh giá;", "- The units evaluated;"), x.t("- Lưu: VT.", "- Archive.")} {
		left.AddParagraph("").AddText(l).Size(11)
	}
	title := x.opts.SignerTitle
	if title == "" {
		title = "……………………"
	}
	for _, l := range strings.Split(title, "\n") {
		p := right.AddParagraph("")
		p.Justification(stypes.JustificationCenter)
		p.AddText(strings.ToUpper(strings.TrimSpace(l))).Bold(true).Size(13)
	}
	p = right.AddParagraph("")
	p.Justification(stypes.JustificationCenter)
	p.AddText(x.t("(Ký, ghi rõ họ tên, đóng dấu)", "(signature, full name, seal)")).Italic(true).Size(11)
	for i := 0; i < 4; i++ {
		right.AddParagraph("")
	}
	signer := x.opts.Signer
	if signer == "" {
		signer = "……………………"
	}
	p = right.AddParagraph("")
	p.Justification(stypes.JustificationCenter)
	p.AddText(signer).Bold(true).Size(13)
}

// table adds a grid table with a bold header row.
func (x *dw) table(head []string, rows [][]string) {
	t := x.newTable(gridFor(head, rows))
	t.Style("TableGrid")
	hr := t.AddRow()
	for _, h := range head {
		hr.AddCell().AddParagraph("").AddText(h).Bold(true).Size(10)
	}
	for _, r := range rows {
		row := t.AddRow()
		for _, c := range r {
			row.AddCell().AddParagraph("").AddText(c).Size(10)
		}
	}
}

// tbl adds a table under its title, with its note.
func (x *dw) tbl(t tbl) {
	x.AddHeading(t.Title, 3)
	if t.Note != "" {
		x.para(stypes.JustificationBoth, run{text: t.Note, size: 11})
	}
	if len(t.Rows) == 0 {
		x.para(stypes.JustificationLeft, run{text: x.t("Không có.", "None."), size: 11})
		return
	}
	x.table(t.Head, t.Rows)
}

// appendices writes the classes, the ranking, a scorecard per unit and the
// criteria, each from a new page.
func (x *dw) appendices() {
	ev, fw, lang := x.ev, x.fw, x.lang
	num := func(v float64, ok bool) string { return dti.FormatScore(score(v, ok), ev.Precision(), lang) }
	x.AddPageBreak()
	x.AddHeading(x.t("PHỤ LỤC I. TỔNG HỢP KẾT QUẢ", "APPENDIX I. SUMMARY"), 1)
	counts := classCounts(ev)
	var rows [][]string
	for i, c := range fw.Classes {
		rows = append(rows, []string{fw.ClassName(c.Name, lang), "≥ " + indicators.FormatNumber(c.Min, lang), fmt.Sprint(counts[i])})
	}
	x.table([]string{x.t("Xếp loại", "Class"), x.t("Ngưỡng điểm", "Lower bound"), x.t("Số đơn vị", "Units")}, rows)
	x.chart()

	x.AddPageBreak()
	x.AddHeading(x.t("PHỤ LỤC II. BẢNG XẾP HẠNG", "APPENDIX II. RANKING"), 1)
	rows = nil
	for _, u := range ev.Units {
		rows = append(rows, []string{rankText(u), u.Code, u.Name, num(u.Score, u.HasScore), fw.ClassName(u.Class, lang), orDash(awardText(fw, u, lang))})
	}
	x.table([]string{x.t("Hạng", "Rank"), x.t("Mã", "Code"), x.t("Đơn vị", "Unit"), x.t("Chỉ số", "Index"), x.t("Xếp loại", "Class"), x.t("Khen thưởng", "Award")}, rows)
	for _, t := range []*tbl{uncertaintyTable(ev, x.opts, lang), progressTbl(ev, x.opts, lang)} {
		if t != nil {
			x.tbl(*t)
		}
	}
	x.AddHeading(x.t("Kiểm định thống kê", "Statistical audit"), 2)
	for _, t := range auditTables(ev, x.opts, lang) {
		x.tbl(t)
	}

	for i, u := range ev.Units {
		x.AddPageBreak()
		if i == 0 {
			x.AddHeading(x.t("PHỤ LỤC III. PHIẾU KẾT QUẢ TỪNG ĐƠN VỊ", "APPENDIX III. UNIT SCORECARDS"), 1)
		}
		x.scorecard(u, num)
	}

	x.AddPageBreak()
	x.AddHeading(x.t("PHỤ LỤC IV. BỘ TIÊU CHÍ", "APPENDIX IV. THE CRITERIA"), 1)
	rows = nil
	for _, ind := range fw.Indicators {
		rows = append(rows, []string{ind.Code, ind.DisplayName(lang), indicators.FormatNumber(ind.MaxOr(0), lang), fw.RuleText(&ind, lang)})
	}
	x.table([]string{x.t("Mã", "Code"), x.t("Chỉ tiêu", "Indicator"), x.t("Điểm", "Points"), x.t("Cách tính điểm", "How it is scored")}, rows)
}

// chart adds the ranking chart as a picture, 6.3 inches wide, when the
// options give a way to hand it to the library.
func (x *dw) chart() {
	if x.opts.TempFile == nil || len(x.ev.Units) == 0 {
		return
	}
	data, err := rankChartPNG(x.ev, x.lang)
	if err == nil {
		var path string
		if path, err = x.opts.TempFile("chart.png", data); err == nil {
			x.picture(path, len(x.ev.Units))
		}
	}
	x.err = err
}

// picture adds the ranking chart from path, sized for n units.
func (x *dw) picture(path string, n int) {
	n = min(n, chartMax)
	hPx := 20 + 34*n + 50
	x.para(stypes.JustificationLeft, run{text: x.t("Chỉ số của các đơn vị theo thứ hạng", "Index of the units in rank order"), bold: true, size: 12})
	if _, err := x.AddPicture(path, units.Inch(6.3), units.Inch(6.3*float64(hPx)/1600)); err != nil && x.err == nil {
		x.err = err
	}
}

// scorecard writes one unit's page: its figures, the reasons for its class
// and awards, its pillars, its weakest indicators with what they need, the
// appraisal's changes and its warnings.
func (x *dw) scorecard(u *dti.Unit, num func(float64, bool) string) {
	ev, fw, lang := x.ev, x.fw, x.lang
	name := u.Name
	if name == "" {
		name = u.Code
	}
	x.AddHeading(name, 2)
	x.para(stypes.JustificationLeft, run{text: fmt.Sprintf(x.t("Mã đơn vị %s · chỉ số %s / %s · hạng %s/%d · xếp loại %s · khen thưởng: %s", "Unit %s · index %s / %s · rank %s of %d · class %s · award: %s"),
		u.Code, num(u.Score, u.HasScore), indicators.FormatNumber(fw.Scale, lang), rankText(u), len(ev.Units), orDash(fw.ClassName(u.Class, lang)), orDash(awardText(fw, u, lang))), size: 12})
	rs := ev.Reasons(u, lang)
	x.para(stypes.JustificationBoth, run{text: x.t("Xếp loại: ", "Class: ") + rs.Class + ".", size: 12})
	for _, a := range rs.Awards {
		x.para(stypes.JustificationBoth, run{text: a + ".", size: 12})
	}
	var rows [][]string
	for _, p := range pillars(fw) {
		rows = append(rows, []string{p.code(), p.name(lang), num(p.score(ev, u), true)})
	}
	x.table([]string{x.t("Mã", "Code"), x.t("Trụ cột", "Pillar"), x.t("Điểm", "Score")}, rows)
	_, weak := strengthsWeaknesses(ev, u, 3)
	if len(weak) > 0 {
		x.AddHeading(x.t("Ba chỉ tiêu yếu nhất", "Three weakest indicators"), 3)
		rows = nil
		for _, h := range weak {
			ind := &fw.Indicators[h.j]
			next, gain := nextStep(ind, h.points, lang)
			pts := func(v float64) string { return indicators.FormatNumber(scoring.Round(v, 2), lang) }
			rows = append(rows, []string{ind.Code, ind.DisplayName(lang), orDash(next), pts(h.points) + "/" + pts(h.max), "+" + pts(gain)})
		}
		x.table([]string{x.t("Mã", "Code"), x.t("Chỉ tiêu", "Indicator"), x.t("Cần đạt", "Needs"), x.t("Điểm", "Points"), x.t("Thêm", "Gain")}, rows)
	}
	if b := blanks(ev, u); len(b) > 0 {
		x.para(stypes.JustificationLeft, run{text: x.t("Chỉ tiêu bỏ trống (không phải điểm yếu, cần bổ sung số liệu): ", "Indicators left blank (not weaknesses: the data is missing): ") + strings.Join(b, ", "), size: 12})
	}
	for _, w := range u.Warnings {
		x.para(stypes.JustificationLeft, run{text: x.t("Cảnh báo: ", "Warning: ") + w.Message(lang), size: 11, italic: true})
	}
}
