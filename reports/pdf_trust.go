package reports

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/cqs-vn/dtikit/dti"
)

// rankIntervals draws, in rank order, each unit's Monte Carlo rank: a dot
// at the median and a whisker from the 5th to the 95th percentile, on a
// rank axis from 1 to the number of units, over as many pages as needed.
func (d *doc) rankIntervals() {
	us := d.opts.Uncertainty
	if len(us) == 0 {
		return
	}
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("ĐỘ TIN CẬY CỦA THỨ HẠNG", "HOW SURE THE RANKS ARE"), 1)
	d.font("sans", "", 8)
	d.MultiCell(0, 4.2, d.t("Mỗi đơn vị: chấm = hạng trung vị, vạch = 90 % số lượt Monte Carlo (từ phân vị 5 đến 95) khi trọng số các chỉ tiêu và trụ cột thay đổi ±25 % và thiếu số liệu được tính 0 hoặc loại khỏi mẫu số; dấu × = hạng chính thức.",
		"Each unit: dot = median rank, line = 90 % of the Monte Carlo runs (5th to 95th percentile) with indicator and pillar weights varied ±25 % and missing values scored 0 or left out; × = the official rank."), "", "L", false)
	d.Ln(2)
	n := len(d.ev.Units)
	labelW, axisW, rowH := 62.0, 110.0, 4.6
	_, pageH := d.GetPageSize()
	x0 := marginL + labelW
	xOf := func(rank int) float64 {
		if n <= 1 {
			return x0
		}
		return x0 + axisW*float64(rank-1)/float64(n-1)
	}
	axis := func() {
		y := d.GetY()
		d.draw(grey)
		d.SetLineWidth(0.1)
		d.Line(x0, y, x0+axisW, y)
		d.font("sans", "", 6.5)
		for k := 0; k <= 4; k++ {
			r := 1 + (n-1)*k/4
			x := xOf(r)
			d.Line(x, y, x, y+1)
			d.SetXY(x-6, y+1)
			d.CellFormat(12, 3, fmt.Sprint(r), "", 0, "C", false, 0, "")
		}
		d.SetXY(x0, y+4)
		d.CellFormat(axisW, 3, d.t("thứ hạng", "rank"), "", 0, "C", false, 0, "")
		d.SetY(y + 9)
		d.draw(rgb{})
	}
	for _, u := range d.ev.Units {
		uu, ok := us[u.Code]
		if !ok || u.Rank == 0 {
			continue
		}
		if d.GetY()+rowH > pageH-marginB-12 {
			axis()
			d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
		}
		y := d.GetY()
		d.font("sans", "", 7.5)
		d.SetX(marginL)
		d.fit(labelW-2, rowH, fmt.Sprintf("%d. %s", u.Rank, u.Name), "R", false)
		cy := y + rowH/2
		c := classColour(u.ClassIdx)
		d.draw(c)
		d.SetLineWidth(0.6)
		d.Line(xOf(uu.P05), cy, xOf(uu.P95), cy)
		d.fill(c)
		d.Circle(xOf(uu.Median), cy, 0.9, "F")
		d.draw(rgb{})
		d.SetLineWidth(0.25)
		xr := xOf(u.Rank)
		d.Line(xr-0.8, cy-0.8, xr+0.8, cy+0.8)
		d.Line(xr-0.8, cy+0.8, xr+0.8, cy-0.8)
		d.SetXY(x0+axisW+2, y)
		d.font("sans", "", 7)
		d.CellFormat(20, rowH, fmt.Sprintf("%d–%d", uu.P05, uu.P95), "", 0, "L", false, 0, "")
		d.SetY(y + rowH)
	}
	d.SetLineWidth(0.2)
	axis()
}

// progressTable lists every unit's change since the previous year.
func (d *doc) progressTable() {
	ch := d.opts.Changes
	if len(ch) == 0 {
		return
	}
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("TIẾN BỘ SO VỚI NĂM TRƯỚC", "PROGRESS SINCE THE PREVIOUS YEAR"), 1)
	w := []float64{10, 58, 20, 20, 20, 16, 36}
	head := []string{d.t("Hạng", "Rank"), d.t("Đơn vị", "Unit"), d.t("Năm trước", "Then"), d.t("Năm nay", "Now"), d.t("Thay đổi", "Change"), d.t("Hạng", "Places"), d.t("Xếp loại trước → nay", "Class then → now")}
	_, pageH := d.GetPageSize()
	d.headerRow(w, 6, head)
	estimated := false
	for i, u := range d.ev.Units {
		c, ok := ch[u.Code]
		if !ok {
			continue
		}
		if d.GetY()+6 > pageH-marginB-10 {
			d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
			d.headerRow(w, 6, head)
		}
		places := fmt.Sprintf("%+d", c.Rank)
		name := u.Name
		if c.Estimated {
			places, name, estimated = "–", name+" *", true
		}
		cls := orDash(d.fw.ClassName(c.Class, d.lang)) + " → " + d.fw.ClassName(u.Class, d.lang)
		d.fill(lightGrey)
		d.tableRow(w, 6, []string{rankText(u), name, d.num(c.Prior), d.num(score(u.Score, u.HasScore)), signedNum(c.Score, d), places, cls}, "CLRRRRL", i%2 == 1)
	}
	if estimated {
		d.Ln(2)
		d.font("sans", "", 7.5)
		d.MultiCell(0, 4, d.t("* Đơn vị hình thành sau sắp xếp: năm trước là bình quân gia quyền của các đơn vị trước sáp nhập (theo bảng đơn vị kế thừa).", "* A unit formed by a merger: its previous year is the weighted mean of the units it continues (by the units map)."), "", "L", false)
	}
}

func signedNum(v float64, d *doc) string {
	if v > 0 {
		return "+" + d.num(v)
	}
	return d.num(v)
}

// trustLine is the scorecard's line on how sure the rank is and how the
// unit moved since the previous year; "" when neither is known.
func (d *doc) trustLine(u *dti.Unit) string {
	var parts []string
	if uu, ok := d.opts.Uncertainty[u.Code]; ok && u.Rank > 0 {
		parts = append(parts, fmt.Sprintf(d.t("Hạng trung vị %d, 90 %% số lượt Monte Carlo trong khoảng %d–%d", "Median rank %d, 90 %% of the Monte Carlo runs within %d–%d"), uu.Median, uu.P05, uu.P95))
	}
	if c, ok := d.opts.Changes[u.Code]; ok {
		s := fmt.Sprintf(d.t("so với năm %s: %s điểm", "since %s: %s points"), c.From, signedNum(c.Score, d))
		if c.Estimated {
			s += d.t(" (ước tính từ ", " (estimated from ") + strings.Join(c.Of, ", ") + ")"
		} else if c.Rank != 0 {
			s += fmt.Sprintf(d.t(", hạng %+d", ", %+d places"), c.Rank)
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	line := strings.Join(parts, " · ")
	return strings.ToUpper(line[:1]) + line[1:] + "."
}
