package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

// MaxPDFUnits bounds the units of a PDF report, a scorecard page each: the
// 3,321 communes of the country fit; beyond, the report is refused before
// it is written (results.json, results.csv and report.xlsx hold them).
const MaxPDFUnits = 5000

// Page geometry (mm, A4).
const (
	marginL = 15.0
	marginT = 15.0
	marginB = 16.0
)

type rgb struct{ r, g, b int }

var (
	navy      = rgb{31, 56, 100}
	blue      = rgb{46, 117, 182}
	lightBlue = rgb{221, 235, 247}
	grey      = rgb{128, 128, 128}
	lightGrey = rgb{235, 235, 235}
	red       = rgb{192, 0, 0}
	// class colours, best first; classes beyond the fifth reuse the last.
	classColours = []rgb{{46, 125, 50}, {124, 179, 66}, {251, 192, 45}, {245, 124, 0}, {211, 47, 47}}
)

func classColour(i int) rgb {
	if i < 0 {
		return grey
	}
	return classColours[min(i, len(classColours)-1)]
}

// doc wraps fpdf with the report's fonts, language and helpers.
type doc struct {
	*fpdf.Fpdf
	ev   *dti.Evaluation
	fw   *indicators.Framework
	lang indicators.Lang
	opts *Options
	ps   []pillar
	year string
	// The pillars' and domains' statistics over all units, computed once
	// per report by stats (each scorecard draws them; recomputing them per
	// unit made BenchmarkPDF on 3,321 units take 19.3 s instead of 3.4 s).
	pstat, dstat []stat
	cur          *dti.Unit // the unit whose scorecard is being drawn
}

// stats returns the statistics of each pillar's and each domain's scores
// over all units.
func (d *doc) stats() (pillars, domains []stat) {
	if d.pstat == nil {
		d.pstat = make([]stat, len(d.ps))
		for i, p := range d.ps {
			d.pstat[i] = summarise(pillarScores(d.ev, p))
		}
		d.dstat = make([]stat, len(d.ev.Domains))
		vals := make([]float64, len(d.ev.Units))
		for di := range d.ev.Domains {
			for i, x := range d.ev.Units {
				vals[i] = x.Domains[di]
			}
			d.dstat[di] = summarise(vals)
		}
	}
	return d.pstat, d.dstat
}

func (d *doc) t(vi, en string) string { return d.lang.Pick(vi, en) }

func (d *doc) font(family, style string, size float64) { d.SetFont(family, style, size) }

func (d *doc) fill(c rgb) { d.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb) { d.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) ink(c rgb)  { d.SetTextColor(c.r, c.g, c.b) }

// fit writes s in a cell of width w, shrinking the font down to 6 pt and
// then cutting the text with an ellipsis so that it never overflows.
func (d *doc) fit(w, h float64, s, align string, fill bool) {
	s = pdfText(s)
	size, _ := d.GetFontSize()
	cur := size
	for d.GetStringWidth(s) > w-1 && cur > 6 {
		cur -= 0.5
		d.SetFontSize(cur)
	}
	if d.GetStringWidth(s) > w-1 {
		// the longest prefix that fits with its ellipsis, found by halving
		r := []rune(s)
		lo, hi := 1, len(r)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if d.GetStringWidth(string(r[:mid])+"…") <= w-1 {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		s = string(r[:lo]) + "…"
	}
	d.CellFormat(w, h, s, "", 0, align, fill, 0, "")
	d.SetFontSize(size)
}

func (d *doc) num(v float64) string { return dti.FormatScore(v, d.ev.Precision(), d.lang) }

// pts shows points with 2 decimals, or up to 4 when fewer would show 0.
func (d *doc) pts(v float64) string {
	if r := scoring.Round(v, 2); r != 0 || v == 0 {
		return indicators.FormatNumber(r, d.lang)
	}
	return indicators.FormatNumber(v, d.lang)
}

// heading writes a section heading and a bookmark.
func (d *doc) heading(s string, level int) {
	d.Bookmark(s, level, -1)
	d.font("serif", "B", 14)
	d.ink(navy)
	d.CellFormat(0, 8, s, "", 1, "L", false, 0, "")
	d.ink(rgb{})
	d.Ln(2)
}

// WritePDF writes the PDF report: a cover laid out like a Vietnamese
// administrative document, a summary with a ranking chart coloured by
// class, the ranking table, one scorecard per unit with charts, strengths,
// weaknesses, appraisal losses and recommended actions, and the criteria.
// With the same evaluation and Options.Timestamp it writes the same bytes.
func WritePDF(w io.Writer, ev *dti.Evaluation, opts *Options) error {
	if n := len(ev.Units); n > MaxPDFUnits {
		return &LimitError{File: "report.pdf", VI: "báo cáo PDF (một trang cho mỗi đơn vị) số đơn vị", EN: "the PDF report (a page per unit) units", Need: n, Limit: MaxPDFUnits}
	}
	if opts == nil {
		opts = &Options{}
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	d := &doc{Fpdf: pdf, ev: ev, fw: ev.Framework, lang: opts.lang(), opts: opts, ps: pillars(ev.Framework), year: evalYear(ev)}
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
	pdf.AddUTF8FontFromBytes("serif", "BI", liberationserifbolditalic.TTF)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	ts := opts.Timestamp
	if ts.IsZero() {
		ts = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(ts)
	pdf.SetModificationDate(ts)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(d.t("Báo cáo kết quả đánh giá chuyển đổi số", "Digital transformation evaluation report"), true)
	pdf.SetSubject(pdfText(d.fw.DisplayName(d.lang)), true)
	pdf.SetCreator("dti", true)
	if d.opts != nil && d.opts.RunID != "" {
		pdf.SetKeywords("dti-run:"+d.opts.RunID, false)
	}
	pdf.SetProducer("dti", true)
	pdf.SetLang(d.lang.Pick("vi-VN", "en-US"))
	pdf.SetMargins(marginL, marginT, marginL)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.AliasNbPages("{nb}")
	// Page numbers at the top centre from the second page, none on the
	// first, as Nghị định 30/2020/NĐ-CP sets them.
	pdf.SetHeaderFunc(func() {
		if pdf.PageNo() < 2 {
			return
		}
		x, y := pdf.GetXY()
		pdf.SetXY(marginL, 6)
		d.font("serif", "", 11)
		pdf.CellFormat(0, 5, fmt.Sprint(pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetXY(x, y)
	})
	d.cover()
	d.summary()
	d.ranking()
	d.rankIntervals()
	d.progressTable()
	d.auditPages()
	for i, u := range ev.Units {
		d.scorecard(u, i == 0)
	}
	d.appendix()
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// evalYear is the most common period of the units, else the framework's year.
func evalYear(ev *dti.Evaluation) string {
	count := map[string]int{}
	best := ""
	for _, u := range ev.Units {
		if u.Period == "" {
			continue
		}
		count[u.Period]++
		if count[u.Period] > count[best] || count[u.Period] == count[best] && u.Period < best {
			best = u.Period
		}
	}
	if best == "" && ev.Framework.Year > 0 {
		best = fmt.Sprint(ev.Framework.Year)
	}
	return best
}

// text normalises to NFC: fpdf places decomposed diacritics wrongly.

// tableRow writes cells of the given widths with one style.
func (d *doc) tableRow(widths []float64, h float64, cells []string, aligns string, fill bool) {
	for i, c := range cells {
		a := "L"
		if i < len(aligns) {
			a = string(aligns[i])
		}
		d.fit(widths[i], h, c, a, fill)
	}
	d.Ln(h)
}

func (d *doc) headerRow(widths []float64, h float64, cells []string) {
	d.fill(navy)
	d.ink(rgb{255, 255, 255})
	d.font("sans", "B", 8)
	d.tableRow(widths, h, cells, strings.Repeat("C", len(cells)), true)
	d.ink(rgb{})
	d.font("sans", "", 8)
}

func (d *doc) appendix() {
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("PHỤ LỤC IV. BỘ TIÊU CHÍ", "APPENDIX IV. THE CRITERIA"), 0)
	w := []float64{14, 66, 12, 52, 36}
	head := []string{d.t("Mã", "Code"), d.t("Chỉ tiêu", "Indicator"), d.t("Điểm", "Points"), d.t("Cách tính điểm", "How it is scored"), d.t("Ánh xạ", "Mappings")}
	_, pageH := d.GetPageSize()
	d.headerRow(w, 6, head)
	lh := 3.6
	for _, p := range d.ps {
		if d.GetY()+12 > pageH-marginB-6 {
			d.AddPage()
			d.headerRow(w, 6, head)
		}
		d.fill(lightBlue)
		d.font("sans", "B", 8)
		d.CellFormat(180, 5.5, fmt.Sprintf("%s · %s", p.code(), p.name(d.lang)), "", 1, "L", true, 0, "")
		d.font("sans", "", 7.5)
		for _, j := range p.inds {
			ind := &d.fw.Indicators[j]
			cells := []string{ind.Code, ind.DisplayName(d.lang), indicators.FormatNumber(ind.MaxOr(0), d.lang), d.fw.RuleText(ind, d.lang), strings.Join(ind.Maps, ", ")}
			lines := make([][]string, len(cells))
			nl := 1
			for i, c := range cells {
				lines[i] = d.SplitText(c, w[i]-1.5)
				nl = max(nl, len(lines[i]))
			}
			h := float64(nl)*lh + 1
			if d.GetY()+h > pageH-marginB-6 {
				d.AddPage()
				d.headerRow(w, 6, head)
				d.font("sans", "", 7.5)
			}
			x, y := d.GetXY()
			for i := range cells {
				for k, l := range lines[i] {
					d.SetXY(x+0.7, y+0.5+float64(k)*lh)
					d.CellFormat(w[i]-1.4, lh, l, "", 0, "L", false, 0, "")
				}
				x += w[i]
			}
			d.draw(lightGrey)
			d.Line(marginL, y+h, marginL+180, y+h)
			d.draw(rgb{})
			d.SetXY(marginL, y+h)
		}
	}
}
