package reports

import (
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

func (d *doc) scorecard(u *dti.Unit, first bool) {
	ev, fw := d.ev, d.fw
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	if first {
		d.Bookmark(d.t("Phiếu kết quả từng đơn vị", "Unit scorecards"), 0, -1)
	}
	name := u.Name
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
		s     stat
	}
	pst, dst := d.stats()
	var rows []row
	for i, p := range d.ps {
		rows = append(rows, row{p.name(d.lang), p.score(ev, u), pst[i]})
	}
	for di, dom := range d.ev.Domains {
		rows = append(rows, row{d.t("Lĩnh vực ", "Domain: ") + dom.DisplayName(d.lang), u.Domains[di], dst[di]})
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
		s := r.s
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
	pst, _ := d.stats()
	for i, p := range ps {
		s := pst[i]
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
	} else {
		w := []float64{14, 34, 16, 116}
		d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Tự đánh giá → thẩm định", "Claimed → appraised"), d.t("Điểm", "Points"), d.t("Lý do", "Reason")})
		for _, r := range rows {
			d.tableRow(w, 5, r, "LLRL", false)
		}
	}
	if len(u.NA) > 0 {
		d.font("sans", "", 8)
		d.SetX(marginL)
		d.MultiCell(0, 4.5, fmt.Sprintf(d.t("Khai báo không áp dụng (NA), cần thẩm định: %s · phạm vi chấm %s %% trọng số chỉ số.", "Declared not applicable (NA), for the appraiser: %s · scored on %s %% of the index's weight."),
			strings.Join(u.NA, ", "), indicators.FormatNumber(100*u.Coverage, d.lang)), "", "L", false)
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
