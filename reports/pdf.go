package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
	"golang.org/x/text/unicode/norm"
)

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
}

func (d *doc) t(vi, en string) string { return d.lang.Pick(vi, en) }

func (d *doc) font(family, style string, size float64) { d.SetFont(family, style, size) }

func (d *doc) fill(c rgb) { d.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb) { d.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) ink(c rgb)  { d.SetTextColor(c.r, c.g, c.b) }

// fit writes s in a cell of width w, shrinking the font down to 6 pt and
// then cutting the text with an ellipsis so that it never overflows.
func (d *doc) fit(w, h float64, s, align string, fill bool) {
	size, _ := d.GetFontSize()
	cur := size
	for d.GetStringWidth(s) > w-1 && cur > 6 {
		cur -= 0.5
		d.SetFontSize(cur)
	}
	if d.GetStringWidth(s) > w-1 {
		r := []rune(s)
		for len(r) > 1 && d.GetStringWidth(string(r)+"…") > w-1 {
			r = r[:len(r)-1]
		}
		s = string(r) + "…"
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
	if opts == nil {
		opts = &Options{}
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	d := &doc{Fpdf: pdf, ev: ev, fw: ev.Framework, lang: opts.lang(), opts: opts, ps: pillars(ev.Framework), year: evalYear(ev)}
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
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
	pdf.SetSubject(d.fw.DisplayName(d.lang), true)
	pdf.SetCreator("dti", true)
	pdf.SetProducer("dti", true)
	pdf.SetLang(d.lang.Pick("vi-VN", "en-US"))
	pdf.SetMargins(marginL, marginT, marginL)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-11)
		d.font("sans", "", 8)
		d.ink(grey)
		pdf.CellFormat(0, 5, fmt.Sprintf(d.t("Trang %d/{nb}", "Page %d/{nb}"), pdf.PageNo()), "", 0, "C", false, 0, "")
		d.ink(rgb{})
	})
	d.cover()
	d.summary()
	d.ranking()
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
func text(s string) string { return norm.NFC.String(s) }

func (d *doc) cover() {
	d.AddPage()
	d.font("serif", "", 12) // bookmarks are written as UTF-16 only under a UTF-8 font
	d.Bookmark(d.t("Trang bìa", "Cover"), 0, -1)
	issuer := strings.ToUpper(text(d.opts.Issuer))
	if issuer == "" {
		issuer = "……………………………"
	}
	// Left block: the issuing body, with a short rule below.
	leftW, rightX, rightW := 78.0, 88.0, 107.0
	d.font("serif", "B", 12)
	d.SetXY(marginL, 18)
	d.MultiCell(leftW, 5.5, issuer, "", "C", false)
	yl := d.GetY() + 1
	d.draw(rgb{})
	d.SetLineWidth(0.3)
	d.Line(marginL+leftW/2-12, yl, marginL+leftW/2+12, yl)
	// Right block: national title and motto.
	d.SetXY(rightX, 18)
	d.font("serif", "B", 12)
	d.CellFormat(rightW, 5.5, d.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"), "", 2, "C", false, 0, "")
	d.font("serif", "B", 13)
	motto := d.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")
	d.CellFormat(rightW, 6, motto, "", 2, "C", false, 0, "")
	mw := d.GetStringWidth(motto)
	d.Line(rightX+(rightW-mw)/2, d.GetY()+0.5, rightX+(rightW+mw)/2, d.GetY()+0.5)
	d.SetXY(rightX, d.GetY()+5)
	d.font("serif", "I", 13)
	ts := d.opts.Timestamp
	place := text(d.opts.Place)
	if place == "" {
		place = "………"
	}
	date := fmt.Sprintf("%s, ngày %02d tháng %02d năm %d", place, ts.Day(), int(ts.Month()), ts.Year())
	if d.lang == "en" {
		date = fmt.Sprintf("%s, %s", place, ts.Format("2 January 2006"))
	}
	if ts.IsZero() {
		date = place + d.t(", ngày … tháng … năm …", ", … … …")
	}
	d.CellFormat(rightW, 6, date, "", 2, "C", false, 0, "")
	// Title.
	d.SetY(85)
	d.font("serif", "B", 18)
	d.ink(navy)
	d.CellFormat(0, 10, d.t("BÁO CÁO", "REPORT"), "", 1, "C", false, 0, "")
	d.font("serif", "B", 15)
	title := d.t("KẾT QUẢ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP PHƯỜNG, XÃ", "RESULTS OF THE WARD AND COMMUNE DIGITAL TRANSFORMATION EVALUATION")
	if d.year != "" {
		title += d.t(" NĂM ", " ") + d.year
	}
	d.MultiCell(0, 8, title, "", "C", false)
	d.ink(rgb{})
	d.Ln(6)
	d.font("serif", "", 13)
	d.MultiCell(0, 6.5, d.fw.DisplayName(d.lang), "", "C", false)
	d.font("serif", "I", 12)
	d.CellFormat(0, 6.5, d.t("Phiên bản ", "Version ")+d.fw.Version, "", 1, "C", false, 0, "")
	// Digest of the inputs.
	d.Ln(12)
	ev := d.ev
	counts := classCounts(ev)
	var classes []string
	for i, c := range d.fw.Classes {
		classes = append(classes, fmt.Sprintf("%s: %d", d.fw.ClassName(c.Name, d.lang), counts[i]))
	}
	basis := map[dti.Basis]string{dti.BasisAppraised: d.t("giá trị thẩm định (tự đánh giá nếu chưa thẩm định)", "appraised values (self-assessed where not appraised)"), dti.BasisSelf: d.t("giá trị tự đánh giá", "self-assessed values")}[ev.Basis]
	rows := [][2]string{
		{d.t("Năm đánh giá", "Year evaluated"), d.year},
		{d.t("Số đơn vị được chấm", "Units scored"), fmt.Sprint(len(ev.Units))},
		{d.t("Bài nộp bị loại", "Submissions rejected"), fmt.Sprint(len(ev.Rejected))},
		{d.t("Số tệp đầu vào", "Input files"), fmt.Sprint(len(ev.Inputs))},
		{d.t("Giá trị được chấm", "Values scored"), basis},
		{d.t("Xếp loại", "Classes"), strings.Join(classes, " · ")},
		{d.t("Khung tiêu chí", "Framework"), fmt.Sprintf("%s, %s %s, %d %s", d.fw.ID, d.t("tổng", "total"), indicators.FormatNumber(d.fw.TotalMaxPoints(), d.lang), len(d.fw.Indicators), d.t("chỉ tiêu", "indicators"))},
		{d.t("Mã băm khung (SHA-256)", "Framework hash (SHA-256)"), shortHash(ev.Hash)},
	}
	x0, kw, vw := 30.0, 55.0, 95.0
	for _, r := range rows {
		d.SetX(x0)
		d.font("serif", "B", 11)
		d.CellFormat(kw, 7, r[0], "B", 0, "L", false, 0, "")
		d.font("serif", "", 11)
		d.fit(vw, 7, r[1], "L", false)
		d.Ln(7)
	}
	if len(ev.Units) > 0 {
		d.Ln(8)
		d.SetX(x0)
		d.font("serif", "B", 11)
		d.CellFormat(0, 7, d.t("Dẫn đầu", "Leading units"), "", 1, "L", false, 0, "")
		d.font("serif", "", 11)
		for i, u := range ev.Units {
			if i == 3 || u.Rank == 0 {
				break
			}
			d.SetX(x0)
			d.CellFormat(0, 6.5, fmt.Sprintf("%d. %s – %s (%s)", u.Rank, text(u.Name), d.num(u.Score), d.fw.ClassName(u.Class, d.lang)), "", 1, "L", false, 0, "")
		}
	}
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

// classCounts counts the units per class (index in Framework.Classes).
func classCounts(ev *dti.Evaluation) []int {
	out := make([]int, len(ev.Framework.Classes))
	for _, u := range ev.Units {
		if u.ClassIdx >= 0 && u.ClassIdx < len(out) {
			out[u.ClassIdx]++
		}
	}
	return out
}

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

func (d *doc) summary() {
	d.AddPage()
	d.heading(d.t("TỔNG HỢP KẾT QUẢ", "SUMMARY"), 0)
	ev := d.ev
	n := len(ev.Units)
	// Units per class.
	d.font("serif", "B", 11)
	d.CellFormat(0, 6, d.t("Số đơn vị theo xếp loại", "Units per class"), "", 1, "L", false, 0, "")
	w := []float64{50, 30, 25, 25}
	d.headerRow(w, 6, []string{d.t("Xếp loại", "Class"), d.t("Ngưỡng điểm", "Lower bound"), d.t("Số đơn vị", "Units"), d.t("Tỷ lệ", "Share")})
	for i, c := range d.fw.Classes {
		cnt := classCounts(ev)[i]
		share := 0.0
		if n > 0 {
			share = 100 * float64(cnt) / float64(n)
		}
		x, y := d.GetXY()
		d.fill(classColour(i))
		d.Rect(x+1, y+1.5, 3, 3, "F")
		d.SetX(x + 5)
		d.fit(w[0]-5, 6, d.fw.ClassName(c.Name, d.lang), "L", false)
		d.fit(w[1], 6, "≥ "+indicators.FormatNumber(c.Min, d.lang), "C", false)
		d.fit(w[2], 6, fmt.Sprint(cnt), "C", false)
		d.fit(w[3], 6, indicators.FormatNumber(scoring.Round(share, 1), d.lang)+" %", "C", false)
		d.Ln(6)
	}
	d.Ln(3)
	// Awards.
	if len(d.fw.Awards) > 0 {
		d.font("serif", "B", 11)
		d.CellFormat(0, 6, d.t("Khen thưởng", "Awards"), "", 1, "L", false, 0, "")
		d.font("serif", "", 10)
		for _, a := range d.fw.Awards {
			var who []string
			var pending []string
			for _, u := range ev.Units {
				for _, r := range u.Awards {
					if r.Award != a.Name {
						continue
					}
					if r.Awarded {
						who = append(who, text(u.Name))
					} else if r.Reason == scoring.ReasonTie {
						pending = append(pending, text(u.Name))
					}
				}
			}
			line := fmt.Sprintf("%s: ", d.fw.AwardName(a.Name, d.lang))
			if len(who) == 0 {
				line += d.t("không có đơn vị đủ điều kiện", "no eligible unit")
			} else {
				line += strings.Join(who, "; ")
			}
			if len(pending) > 0 {
				line += d.t(" – bằng điểm, hội đồng quyết định: ", " – tied, for the council to decide: ") + strings.Join(pending, "; ")
			}
			d.MultiCell(0, 5.5, line, "", "L", false)
		}
		d.Ln(3)
	}
	// Mean, median, best per pillar and domain.
	d.font("serif", "B", 11)
	d.CellFormat(0, 6, d.t("Điểm trung bình, trung vị và cao nhất", "Mean, median and best scores"), "", 1, "L", false, 0, "")
	w = []float64{95, 28, 28, 28}
	d.headerRow(w, 6, []string{"", d.t("Trung bình", "Mean"), d.t("Trung vị", "Median"), d.t("Cao nhất", "Best")})
	idx := make([]float64, n)
	for i, u := range ev.Units {
		idx[i] = score(u.Score, u.HasScore)
	}
	row := func(label string, vals []float64, bold bool) {
		s := summarise(vals)
		if bold {
			d.font("sans", "B", 8)
		}
		d.tableRow(w, 5.5, []string{label, d.num(s.mean), d.num(s.median), d.num(s.best)}, "LRRR", false)
		d.font("sans", "", 8)
	}
	row(d.t("Chỉ số chung", "Index"), idx, true)
	for _, p := range d.ps {
		row(p.code()+" · "+p.name(d.lang), pillarScores(ev, p), false)
	}
	for di, code := range indicators.Domains {
		vals := make([]float64, n)
		for i, u := range ev.Units {
			vals[i] = u.Domains[di]
		}
		row(d.t("Lĩnh vực: ", "Domain: ")+indicators.DomainName(code, d.lang), vals, false)
	}
	d.Ln(4)
	d.rankChart()
}

// rankChart draws every unit's index in rank order, coloured by class,
// over as many pages as needed.
func (d *doc) rankChart() {
	ev := d.ev
	const barH, gap = 4.2, 1.2
	labelW, barW := 62.0, 100.0
	_, pageH := d.GetPageSize()
	title := func() {
		d.font("serif", "B", 11)
		d.CellFormat(0, 6, d.t("Chỉ số của các đơn vị theo thứ hạng", "Index of every unit in rank order"), "", 1, "L", false, 0, "")
		// class legend
		d.font("sans", "", 7.5)
		x := marginL
		y := d.GetY() + 1
		for i, c := range d.fw.Classes {
			d.fill(classColour(i))
			d.Rect(x, y, 3, 3, "F")
			name := d.fw.ClassName(c.Name, d.lang)
			d.SetXY(x+4, y-0.5)
			d.CellFormat(d.GetStringWidth(name)+2, 4, name, "", 0, "L", false, 0, "")
			x += d.GetStringWidth(name) + 10
		}
		d.SetY(y + 6)
	}
	if d.GetY() > pageH-marginB-40 {
		d.AddPage()
	}
	title()
	x0 := marginL + labelW
	for _, u := range ev.Units {
		if !u.HasScore {
			continue
		}
		if d.GetY()+barH > pageH-marginB-2 {
			d.AddPage()
			title()
		}
		y := d.GetY()
		d.font("sans", "", 7.5)
		d.SetX(marginL)
		d.fit(labelW-2, barH, fmt.Sprintf("%d. %s", u.Rank, text(u.Name)), "R", false)
		wv := math.Max(0, math.Min(1, u.Score/d.fw.Scale)) * barW
		d.fill(classColour(u.ClassIdx))
		d.Rect(x0, y+0.3, wv, barH-0.6, "F")
		d.SetXY(x0+wv+1, y)
		d.CellFormat(20, barH, d.num(u.Score), "", 0, "L", false, 0, "")
		d.SetY(y + barH + gap)
	}
	// axis
	d.draw(grey)
	d.SetLineWidth(0.1)
	d.Line(x0, d.GetY(), x0+barW, d.GetY())
	d.font("sans", "", 6.5)
	for k := 0; k <= 4; k++ {
		v := d.fw.Scale * float64(k) / 4
		x := x0 + barW*float64(k)/4
		d.Line(x, d.GetY(), x, d.GetY()+1)
		d.SetXY(x-8, d.GetY()+1)
		d.CellFormat(16, 3, indicators.FormatNumber(v, d.lang), "", 0, "C", false, 0, "")
		d.SetY(d.GetY() - 1)
	}
	d.draw(rgb{})
}

func (d *doc) ranking() {
	d.AddPageFormat("L", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("BẢNG XẾP HẠNG", "RANKING"), 0)
	ev := d.ev
	np := len(d.ps)
	pw := 13.0
	awardW := 40.0
	nameW := 277 - (12 + 16 + 18 + 22 + awardW + pw*float64(np))
	w := []float64{12, 16, nameW, 18, 22}
	head := []string{d.t("Hạng", "Rank"), d.t("Mã", "Code"), d.t("Đơn vị", "Unit"), d.t("Chỉ số", "Index"), d.t("Xếp loại", "Class")}
	for _, p := range d.ps {
		w = append(w, pw)
		head = append(head, p.code())
	}
	w = append(w, awardW)
	head = append(head, d.t("Khen thưởng", "Award"))
	aligns := "CLLRL" + strings.Repeat("R", np) + "L"
	_, pageH := d.GetPageSize()
	d.headerRow(w, 7, head)
	for i, u := range ev.Units {
		if d.GetY()+6 > pageH-marginB-8 {
			d.AddPageFormat("L", fpdf.SizeType{Wd: 210, Ht: 297})
			d.headerRow(w, 7, head)
		}
		cells := []string{rankText(u), u.Code, text(u.Name), d.num(score(u.Score, u.HasScore)), d.fw.ClassName(u.Class, d.lang)}
		for _, p := range d.ps {
			v := p.score(ev, u)
			cells = append(cells, d.num(v))
		}
		cells = append(cells, awardText(d.fw, u, d.lang))
		d.fill(lightGrey)
		d.tableRow(w, 6, cells, aligns, i%2 == 1)
	}
	// legend of pillar codes
	d.Ln(2)
	d.font("sans", "", 7.5)
	var legend []string
	for _, p := range d.ps {
		legend = append(legend, p.code()+": "+p.name(d.lang))
	}
	d.MultiCell(0, 4, strings.Join(legend, " · "), "", "L", false)
}

func rankText(u *dti.Unit) string {
	if u.Rank == 0 {
		return "–"
	}
	return fmt.Sprint(u.Rank)
}

func (d *doc) scorecard(u *dti.Unit, first bool) {
	ev, fw := d.ev, d.fw
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	if first {
		d.Bookmark(d.t("Phiếu kết quả từng đơn vị", "Unit scorecards"), 0, -1)
	}
	name := text(u.Name)
	if name == "" {
		name = u.Code
	}
	d.Bookmark(name, 1, -1)
	// Title band.
	d.fill(navy)
	d.Rect(marginL, marginT, 180, 16, "F")
	d.ink(rgb{255, 255, 255})
	d.SetXY(marginL+3, marginT+1.5)
	d.font("serif", "B", 16)
	d.fit(174, 8, name, "L", false)
	d.SetXY(marginL+3, marginT+9.5)
	d.font("sans", "", 9)
	sub := fmt.Sprintf("%s: %s", d.t("Mã đơn vị", "Unit code"), u.Code)
	if u.Period != "" {
		sub += fmt.Sprintf(" · %s %s", d.t("Năm", "Year"), u.Period)
	}
	sub += " · " + fw.DisplayName(d.lang)
	d.fit(174, 5, sub, "L", false)
	d.ink(rgb{})
	// Key figures.
	y := marginT + 20
	boxes := [][2]string{
		{d.t("Chỉ số", "Index"), d.num(score(u.Score, u.HasScore)) + " / " + indicators.FormatNumber(fw.Scale, d.lang)},
		{d.t("Thứ hạng", "Rank"), fmt.Sprintf("%s / %d", rankText(u), len(ev.Units))},
		{d.t("Xếp loại", "Class"), fw.ClassName(u.Class, d.lang)},
		{d.t("Khen thưởng", "Award"), orDash(awardText(fw, u, d.lang))},
	}
	bw := 180.0 / float64(len(boxes))
	for i, b := range boxes {
		x := marginL + float64(i)*bw
		d.fill(lightBlue)
		if i == 2 {
			c := classColour(u.ClassIdx)
			d.SetFillColor(255-(255-c.r)/4, 255-(255-c.g)/4, 255-(255-c.b)/4)
		}
		d.Rect(x+0.5, y, bw-1, 17, "F")
		d.SetXY(x+0.5, y+1.5)
		d.font("sans", "", 8)
		d.ink(grey)
		d.CellFormat(bw-1, 4, b[0], "", 0, "C", false, 0, "")
		d.ink(rgb{})
		d.SetXY(x+1.5, y+7)
		size := 14.0
		if i == 3 {
			size = 9
		}
		d.font("sans", "B", size)
		d.fit(bw-3, 7, b[1], "C", false)
	}
	y += 19
	if u.HasClaimed || len(u.VetoFailed) > 0 {
		d.SetXY(marginL, y)
		d.font("sans", "", 8.5)
		var parts []string
		switch {
		case u.HasClaimed && u.Loss > 1e-12:
			parts = append(parts, fmt.Sprintf(d.t("Tự đánh giá: %s · sau thẩm định: %s · mất %s điểm khi thẩm định", "Self-assessed: %s · after appraisal: %s · %s points lost at appraisal"), d.num(u.Claimed), d.num(score(u.Score, u.HasScore)), d.pts(u.Loss)))
		case u.HasClaimed:
			parts = append(parts, fmt.Sprintf(d.t("Tự đánh giá: %s · không bị giảm điểm khi thẩm định", "Self-assessed: %s · no points lost at appraisal"), d.num(u.Claimed)))
		}
		d.CellFormat(0, 5, strings.Join(parts, ""), "", 1, "L", false, 0, "")
		if len(u.VetoFailed) > 0 {
			d.ink(red)
			d.font("sans", "B", 8.5)
			d.MultiCell(0, 5, fmt.Sprintf(d.t("Không đạt điều kiện loại trừ (%s): xếp loại không quá %s, không đủ điều kiện khen thưởng.", "Failed veto criterion (%s): class capped at %s, not eligible for awards."), strings.Join(u.VetoFailed, ", "), fw.ClassName(fw.VetoCapClass(), d.lang)), "", "L", false)
			d.ink(rgb{})
		}
		y = d.GetY() + 1
	}
	// Bars per pillar and domain against the median and the best unit.
	yBars := d.unitBars(u, y)
	// Radar of the pillars.
	d.radar(u, 162, y+40, 26)
	y = math.Max(yBars, y+76) + 2
	// Strengths and weaknesses.
	strong, weak := strengthsWeaknesses(ev, u, 3)
	d.SetXY(marginL, y)
	y = d.highlights(y, d.t("Ba chỉ tiêu mạnh nhất", "Three strongest indicators"), strong, false)
	y = d.highlights(y+2, d.t("Ba chỉ tiêu yếu nhất", "Three weakest indicators"), weak, true)
	// Appraisal losses.
	y = d.appraisalLosses(u, y+2)
	// Recommended actions.
	d.actions(weak, y+2)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// unitBars draws the unit's score per pillar and domain with the median
// (black tick) and the best unit (blue triangle); it returns the y below.
func (d *doc) unitBars(u *dti.Unit, y float64) float64 {
	ev := d.ev
	type row struct {
		label string
		val   float64
		all   []float64
	}
	var rows []row
	for _, p := range d.ps {
		v := p.score(ev, u)
		rows = append(rows, row{p.name(d.lang), v, pillarScores(ev, p)})
	}
	ui := 0
	for i, x := range ev.Units {
		if x == u {
			ui = i
		}
	}
	for di, code := range indicators.Domains {
		vals := make([]float64, len(ev.Units))
		for i, x := range ev.Units {
			vals[i] = x.Domains[di]
		}
		rows = append(rows, row{d.t("Lĩnh vực ", "Domain: ") + indicators.DomainName(code, d.lang), vals[ui], vals})
	}
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(120, 6, d.t("Điểm theo trụ cột và lĩnh vực", "Scores by pillar and domain"), "", 1, "L", false, 0, "")
	d.legend(marginL, d.GetY())
	labelW, barW, h := 52.0, 52.0, 5.2
	x0 := marginL + labelW
	for _, r := range rows {
		yy := d.GetY()
		d.font("sans", "", 7.5)
		d.SetX(marginL)
		d.fit(labelW-1.5, h, r.label, "R", false)
		d.fill(lightGrey)
		d.Rect(x0, yy+0.8, barW, h-1.6, "F")
		if !math.IsNaN(r.val) {
			d.fill(blue)
			d.Rect(x0, yy+0.8, barW*clamp01(r.val/d.fw.Scale), h-1.6, "F")
		}
		s := summarise(r.all)
		if !math.IsNaN(s.median) {
			xm := x0 + barW*clamp01(s.median/d.fw.Scale)
			d.SetLineWidth(0.5)
			d.draw(rgb{})
			d.Line(xm, yy+0.3, xm, yy+h-0.3)
		}
		if !math.IsNaN(s.best) {
			xb := x0 + barW*clamp01(s.best/d.fw.Scale)
			d.fill(navy)
			d.Polygon([]fpdf.PointType{{X: xb - 1.1, Y: yy - 0.2}, {X: xb + 1.1, Y: yy - 0.2}, {X: xb, Y: yy + 1.2}}, "F")
		}
		d.SetXY(x0+barW+1, yy)
		d.font("sans", "B", 7.5)
		d.CellFormat(14, h, d.num(r.val), "", 0, "L", false, 0, "")
		d.SetY(yy + h)
	}
	d.SetLineWidth(0.2)
	return d.GetY()
}

// legend explains the bar marks: the unit's bar, the median tick and the
// best unit's triangle.
func (d *doc) legend(x, y float64) {
	d.font("sans", "", 7)
	d.ink(grey)
	d.fill(blue)
	d.Rect(x, y+0.8, 5, 2.4, "F")
	d.SetXY(x+6, y)
	label := d.t("đơn vị", "unit")
	d.CellFormat(d.GetStringWidth(label)+3, 4, label, "", 0, "L", false, 0, "")
	x = d.GetX()
	d.SetLineWidth(0.5)
	d.draw(rgb{})
	d.Line(x+1, y+0.3, x+1, y+3.7)
	d.SetXY(x+3, y)
	label = d.t("trung vị", "median")
	d.CellFormat(d.GetStringWidth(label)+3, 4, label, "", 0, "L", false, 0, "")
	x = d.GetX()
	d.fill(navy)
	d.Polygon([]fpdf.PointType{{X: x, Y: y + 0.8}, {X: x + 2.2, Y: y + 0.8}, {X: x + 1.1, Y: y + 2.4}}, "F")
	d.SetXY(x+3.5, y)
	label = d.t("cao nhất", "best")
	d.CellFormat(d.GetStringWidth(label)+3, 4, label, "", 0, "L", false, 0, "")
	d.SetLineWidth(0.2)
	d.ink(rgb{})
	d.SetXY(marginL, y+4.5)
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// radar draws the pillars' scores as a spider chart centred at (cx, cy),
// with the median of all units dashed.
func (d *doc) radar(u *dti.Unit, cx, cy, r float64) {
	ps := d.ps
	n := len(ps)
	if n < 3 {
		return
	}
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	point := func(i int, f float64) fpdf.PointType {
		return fpdf.PointType{X: cx + r*f*math.Cos(angle(i)), Y: cy + r*f*math.Sin(angle(i))}
	}
	d.SetXY(cx-r-8, cy-r-12)
	d.font("serif", "B", 10.5)
	d.CellFormat(2*r+16, 5, d.t("Biểu đồ trụ cột", "Pillar profile"), "", 0, "C", false, 0, "")
	d.draw(rgb{190, 190, 190})
	d.SetLineWidth(0.15)
	for _, f := range []float64{0.25, 0.5, 0.75, 1} {
		var ring []fpdf.PointType
		for i := 0; i < n; i++ {
			ring = append(ring, point(i, f))
		}
		d.Polygon(ring, "D")
	}
	for i := 0; i < n; i++ {
		p := point(i, 1)
		d.Line(cx, cy, p.X, p.Y)
	}
	// median polygon (dashed) and the unit (filled, translucent)
	var med, own []fpdf.PointType
	for i, p := range ps {
		s := summarise(pillarScores(d.ev, p))
		med = append(med, point(i, clamp01(zeroNaN(s.median)/d.fw.Scale)))
		v := p.score(d.ev, u)
		own = append(own, point(i, clamp01(zeroNaN(v)/d.fw.Scale)))
	}
	d.SetAlpha(0.35, "Normal")
	d.fill(blue)
	d.Polygon(own, "F")
	d.SetAlpha(1, "Normal")
	d.draw(blue)
	d.SetLineWidth(0.5)
	d.Polygon(own, "D")
	d.draw(rgb{60, 60, 60})
	d.SetLineWidth(0.3)
	d.SetDashPattern([]float64{1, 1}, 0)
	d.Polygon(med, "D")
	d.SetDashPattern([]float64{}, 0)
	d.font("sans", "B", 7)
	for i, p := range ps {
		q := point(i, 1.17)
		lw := d.GetStringWidth(p.code()) + 2
		d.SetXY(q.X-lw/2, q.Y-2)
		d.CellFormat(lw, 4, p.code(), "", 0, "C", false, 0, "")
	}
	d.font("sans", "", 6.5)
	d.ink(grey)
	d.SetXY(cx-r-8, cy+r+5)
	d.CellFormat(2*r+16, 3.5, d.t("vùng xanh: đơn vị · nét đứt: trung vị", "blue: unit · dashed: median"), "", 0, "C", false, 0, "")
	d.ink(rgb{})
	d.draw(rgb{})
	d.SetLineWidth(0.2)
}

func zeroNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// highlights writes a small table of strengths or weaknesses.
func (d *doc) highlights(y float64, title string, hs []highlight, weak bool) float64 {
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, title, "", 1, "L", false, 0, "")
	if len(hs) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.t("Không có.", "None."), "", 1, "L", false, 0, "")
		return d.GetY()
	}
	w := []float64{14, 126, 20, 20}
	last := d.t("Tỷ lệ", "Share")
	if weak {
		last = d.t("Điểm mất", "Lost")
	}
	d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Chỉ tiêu", "Indicator"), d.t("Điểm", "Points"), last})
	for _, h := range hs {
		ind := &d.fw.Indicators[h.j]
		v := indicators.FormatNumber(scoring.Round(100*h.share, 0), d.lang) + " %"
		if weak {
			v = d.pts(h.lost)
		}
		d.tableRow(w, 5, []string{ind.Code, ind.DisplayName(d.lang), d.pts(h.points) + "/" + d.pts(h.max), v}, "LLRR", false)
	}
	return d.GetY()
}

// appraisalLosses lists the indicators that lost points at appraisal.
func (d *doc) appraisalLosses(u *dti.Unit, y float64) float64 {
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, d.t("Điểm bị giảm khi thẩm định", "Points lost at appraisal"), "", 1, "L", false, 0, "")
	var rows [][]string
	for j := range d.fw.Indicators {
		ir := indicatorAt(d.ev, u, j)
		if ir.Lost <= 1e-12 {
			continue
		}
		ind := &d.fw.Indicators[j]
		reason := ""
		if ir.Entry != nil {
			reason = ir.Entry.Reason
		}
		rows = append(rows, []string{ind.Code, fmt.Sprintf("%s → %s", submission.DisplayValue(ind, ir.Entry.Self, d.lang), submission.DisplayValue(ind, ir.Entry.Appraised, d.lang)), "−" + d.pts(ir.Lost), orDash(reason)})
	}
	if len(rows) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.t("Không có chỉ tiêu bị giảm điểm.", "No indicator lost points."), "", 1, "L", false, 0, "")
		return d.GetY()
	}
	w := []float64{14, 34, 16, 116}
	d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Tự đánh giá → thẩm định", "Claimed → appraised"), d.t("Điểm", "Points"), d.t("Lý do", "Reason")})
	for _, r := range rows {
		d.tableRow(w, 5, r, "LLRL", false)
	}
	return d.GetY()
}

// actions writes the recommended actions grouped by solution group.
func (d *doc) actions(weak []highlight, y float64) {
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, d.t("Khuyến nghị", "Recommended actions"), "", 1, "L", false, 0, "")
	acts := recommendations(d.fw, weak, d.lang)
	if len(acts) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.t("Duy trì kết quả đạt được.", "Keep up the results achieved."), "", 1, "L", false, 0, "")
		return
	}
	group := ""
	for _, a := range acts {
		if a.group != group {
			group = a.group
			d.font("sans", "B", 8.5)
			d.ink(navy)
			d.SetX(marginL)
			d.CellFormat(0, 5, indicators.SolutionName(group, d.lang), "", 1, "L", false, 0, "")
			d.ink(rgb{})
		}
		d.font("sans", "", 8.5)
		d.SetX(marginL + 4)
		d.MultiCell(176, 4.3, "• "+d.fw.Indicators[a.j].Code+": "+a.text, "", "L", false)
	}
}

func (d *doc) appendix() {
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("PHỤ LỤC: BỘ TIÊU CHÍ", "APPENDIX: THE CRITERIA"), 0)
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
