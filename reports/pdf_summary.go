package reports

import (
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

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

func (d *doc) summary() {
	d.AddPage()
	d.heading(d.t("PHỤ LỤC I. TỔNG HỢP KẾT QUẢ", "APPENDIX I. SUMMARY"), 0)
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
						who = append(who, u.Name)
					} else if r.Reason == scoring.ReasonTie {
						pending = append(pending, u.Name)
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
	for di, dom := range d.ev.Domains {
		vals := make([]float64, n)
		for i, u := range ev.Units {
			vals[i] = u.Domains[di]
		}
		row(d.t("Lĩnh vực: ", "Domain: ")+dom.DisplayName(d.lang), vals, false)
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
		d.fit(labelW-2, barH, fmt.Sprintf("%d. %s", u.Rank, u.Name), "R", false)
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
	d.heading(d.t("PHỤ LỤC II. BẢNG XẾP HẠNG", "APPENDIX II. RANKING"), 0)
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
		cells := []string{rankText(u), u.Code, u.Name, d.num(score(u.Score, u.HasScore)), d.fw.ClassName(u.Class, d.lang)}
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
