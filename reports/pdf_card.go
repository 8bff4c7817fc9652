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
	d.cur = u
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	if first {
		d.Bookmark(d.t("Phụ lục III. Phiếu kết quả từng đơn vị", "Appendix III. Unit scorecards"), 0, -1)
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
	d.SetXY(marginL, y)
	d.font("sans", "", 8.5)
	d.MultiCell(0, 4.5, d.appraisalSummary(u), "", "L", false)
	if len(u.VetoFailed) > 0 {
		d.ink(red)
		d.font("sans", "B", 8.5)
		d.SetX(marginL)
		d.MultiCell(0, 4.5, fmt.Sprintf(d.t("Không đạt điều kiện loại trừ (%s): xếp loại không quá %s, không đủ điều kiện khen thưởng.", "Failed veto criterion (%s): class capped at %s, not eligible for awards."), strings.Join(u.VetoFailed, ", "), fw.ClassName(fw.VetoCapClass(), d.lang)), "", "L", false)
		d.ink(rgb{})
	}
	if line := d.trustLine(u); line != "" {
		d.font("sans", "B", 8.5)
		d.SetX(marginL)
		d.MultiCell(0, 4.5, line, "", "L", false)
	}
	// Why this class and award.
	rs := ev.Reasons(u, d.lang)
	d.font("sans", "", 8)
	d.SetX(marginL)
	d.MultiCell(0, 4.2, d.t("Xếp loại: ", "Class: ")+rs.Class+".", "", "L", false)
	for _, a := range rs.Awards {
		d.SetX(marginL)
		d.MultiCell(0, 4.2, a+".", "", "L", false)
	}
	y = d.GetY() + 1
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
	if b := blanks(ev, u); len(b) > 0 {
		d.font("sans", "", 8)
		d.SetX(marginL)
		d.MultiCell(0, 4.5, d.t("Chỉ tiêu bỏ trống (không phải điểm yếu, cần bổ sung số liệu): ", "Indicators left blank (not weaknesses: the data is missing): ")+strings.Join(b, ", "), "", "L", false)
		y = d.GetY()
	}
	// Appraisal: what changed and why.
	y = d.appraisalLosses(u, y+2)
	// Recommended actions.
	y = d.actions(weak, y+2)
	d.unitWarnings(u, y+2)
}

// appraisalSummary says how appraisal treated the unit: not appraised,
// appraised without change, or which values it lowered and raised.
func (d *doc) appraisalSummary(u *dti.Unit) string {
	appraised, lowered, raised := false, 0, 0
	for j := range d.fw.Indicators {
		ir := indicatorAt(d.ev, u, j)
		e := ir.Entry
		if !e.OK() || !e.Appraised().Set {
			continue
		}
		appraised = true
		if !e.Self().Set || e.Appraised().Num == e.Self().Num {
			continue
		}
		if ir.Points < ir.SelfPts-1e-12 || (ir.Points == ir.SelfPts && e.Appraised().Num < e.Self().Num) {
			lowered++
		} else {
			raised++
		}
	}
	switch {
	case d.ev.Basis == dti.BasisSelf:
		return fmt.Sprintf(d.t("Chấm theo giá trị tự đánh giá: %s.", "Scored on the self-assessed values: %s."), d.num(score(u.Score, u.HasScore)))
	case !appraised:
		return fmt.Sprintf(d.t("Chưa thẩm định: chỉ số theo giá trị tự đánh giá %s.", "Not appraised: the index is on the self-assessed values, %s."), d.num(score(u.Score, u.HasScore)))
	case lowered+raised == 0:
		return fmt.Sprintf(d.t("Đã thẩm định, không thay đổi giá trị nào: %s.", "Appraised, no value changed: %s."), d.num(score(u.Score, u.HasScore)))
	}
	return fmt.Sprintf(d.t("Tự đánh giá: %s · sau thẩm định: %s · %d giá trị bị hạ, %d giá trị được nâng (thay đổi %s điểm).", "Self-assessed: %s · after appraisal: %s · %d values lowered, %d raised (%s points)."),
		d.num(u.Claimed), d.num(score(u.Score, u.HasScore)), lowered, raised, signed(score(u.Score, u.HasScore)-u.Claimed, d))
}

func signed(v float64, d *doc) string {
	if v > 0 {
		return "+" + d.num(v)
	}
	return d.num(v)
}

// unitWarnings lists the unit's warnings (missing values, not applicable,
// missing evidence, appraisals without a reason) where they stand.
func (d *doc) unitWarnings(u *dti.Unit, y float64) {
	if len(u.Warnings) == 0 {
		return
	}
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, d.t("Cảnh báo", "Warnings"), "", 1, "L", false, 0, "")
	d.font("sans", "", 7.5)
	for _, w := range u.Warnings {
		where := w.Indicator
		if w.Cell != "" {
			where += d.t(" (ô ", " (cell ") + w.Cell + ")"
		} else if w.Line > 0 {
			where += fmt.Sprintf(d.t(" (dòng %d)", " (line %d)"), w.Line)
		}
		d.SetX(marginL + 2)
		d.MultiCell(178, 4, "• "+strings.TrimSpace(where+": "+d.t(w.VI, w.EN)), "", "L", false)
	}
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
	if weak {
		// What each weak indicator needs for its next points.
		w := []float64{12, 82, 22, 30, 18, 16}
		d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Chỉ tiêu", "Indicator"), d.t("Giá trị", "Value"), d.t("Cần đạt", "Needs"), d.t("Điểm", "Points"), d.t("Thêm", "Gain")})
		for _, h := range hs {
			ind := &d.fw.Indicators[h.j]
			ir := indicatorAt(d.ev, d.cur, h.j)
			val := indicators.FormatNumber(ir.Value, d.lang)
			if e := ir.Entry; e.OK() {
				v := e.Self()
				if ir.Appraised {
					v = e.Appraised()
				}
				val = submission.DisplayValue(ind, v, d.lang)
			}
			next, gain := nextStep(ind, h.points, d.lang)
			d.tableRow(w, 5, []string{ind.Code, ind.DisplayName(d.lang), val, orDash(next), d.pts(h.points) + "/" + d.pts(h.max), "+" + d.pts(gain)}, "LLRLRR", false)
		}
		return d.GetY()
	}
	w := []float64{14, 126, 20, 20}
	d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Chỉ tiêu", "Indicator"), d.t("Điểm", "Points"), d.t("Tỷ lệ", "Share")})
	for _, h := range hs {
		ind := &d.fw.Indicators[h.j]
		v := indicators.FormatNumber(scoring.Round(100*h.share, 0), d.lang) + " %"
		d.tableRow(w, 5, []string{ind.Code, ind.DisplayName(d.lang), d.pts(h.points) + "/" + d.pts(h.max), v}, "LLRR", false)
	}
	return d.GetY()
}

// appraisalLosses lists every value the appraisal changed: lowered or
// raised, the points it moved, and the council's reason ("không ghi lý
// do" when none was written).
func (d *doc) appraisalLosses(u *dti.Unit, y float64) float64 {
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, d.t("Thay đổi khi thẩm định", "Changes at appraisal"), "", 1, "L", false, 0, "")
	var rows [][]string
	for j := range d.fw.Indicators {
		ir := indicatorAt(d.ev, u, j)
		e := ir.Entry
		if !e.OK() || !e.Appraised().Set || !e.Self().Set || e.Appraised().Num == e.Self().Num {
			continue
		}
		ind := &d.fw.Indicators[j]
		dir := d.t("hạ", "lowered")
		if ir.Points > ir.SelfPts+1e-12 || (ir.Points == ir.SelfPts && e.Appraised().Num > e.Self().Num) {
			dir = d.t("nâng", "raised")
		}
		reason := e.Reason()
		if reason == "" {
			reason = d.t("không ghi lý do", "no reason written")
		}
		rows = append(rows, []string{ind.Code, fmt.Sprintf("%s → %s", submission.DisplayValue(ind, e.Self(), d.lang), submission.DisplayValue(ind, e.Appraised(), d.lang)), dir, signed(ir.Points-ir.SelfPts, d), reason})
	}
	if len(rows) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.appraisalSummary(u), "", 1, "L", false, 0, "")
	} else {
		w := []float64{12, 34, 14, 14, 106}
		d.headerRow(w, 5, []string{d.t("Mã", "Code"), d.t("Tự đánh giá → thẩm định", "Claimed → appraised"), d.t("Thay đổi", "Change"), d.t("Điểm", "Points"), d.t("Lý do", "Reason")})
		for _, r := range rows {
			d.tableRow(w, 5, r, "LLLRL", false)
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

// actions writes the recommended actions grouped by solution group and
// returns the y below them.
func (d *doc) actions(weak []highlight, y float64) float64 {
	d.SetXY(marginL, y)
	d.font("serif", "B", 10.5)
	d.CellFormat(0, 6, d.t("Khuyến nghị", "Recommended actions"), "", 1, "L", false, 0, "")
	acts := recommendations(d.fw, weak, d.lang)
	if len(acts) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.t("Duy trì kết quả đạt được.", "Keep up the results achieved."), "", 1, "L", false, 0, "")
		return d.GetY()
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
	return d.GetY()
}
