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
	d.MultiCell(0, 4.2, pdfText(fmt.Sprintf(d.t("Mỗi đơn vị: chấm = hạng trung vị, vạch = ít nhất 90 %% số lượt Monte Carlo (từ phân vị 5 đến 95, luôn gồm hạng chính thức) khi thay đổi %s; dấu × = hạng chính thức.",
		"Each unit: dot = median rank, line = at least 90 %% of the Monte Carlo runs (5th to 95th percentile, always holding the official rank) varying %s; × = the official rank."), d.opts.choicesText(d.lang))), "", "L", false)
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
	t := progressTbl(d.ev, d.opts, d.lang)
	if t == nil {
		return
	}
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(strings.ToUpper(t.Title), 1)
	t.Title = ""
	d.printTbl(*t, true)
}

// auditPages prints the statistical audit of the cohort: the flagged
// indicators, the pillars' consistency and weight, the correlations to
// review and, when computed, the sensitivity indices.
func (d *doc) auditPages() {
	d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	d.heading(d.t("KIỂM ĐỊNH THỐNG KÊ", "STATISTICAL AUDIT"), 1)
	for _, t := range auditTables(d.ev, d.opts, d.lang) {
		d.printTbl(t, false)
		d.Ln(4)
	}
}

// printTbl prints a table under its title, with its note below it when
// noteBelow (above otherwise), the header repeated on each new page;
// long cells shrink, then end in "…".
func (d *doc) printTbl(t tbl, noteBelow bool) {
	_, pageH := d.GetPageSize()
	room := func(h float64) bool { return d.GetY()+h <= pageH-marginB-10 }
	if !room(24) {
		d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
	}
	if t.Title != "" {
		d.font("sans", "B", 10)
		d.ink(navy)
		d.CellFormat(0, 6, pdfText(t.Title), "", 1, "L", false, 0, "")
		d.ink(rgb{})
	}
	note := func() {
		if t.Note == "" {
			return
		}
		d.font("sans", "", 8)
		d.MultiCell(0, 4, pdfText(t.Note), "", "L", false)
		d.Ln(1.5)
	}
	if !noteBelow {
		note()
	}
	if len(t.Rows) == 0 {
		d.font("sans", "", 8)
		d.CellFormat(0, 5, d.t("Không có.", "None."), "", 1, "L", false, 0, "")
		return
	}
	d.headerRow(t.Widths, 6, t.Head)
	for i, r := range t.Rows {
		if !room(5.5) {
			d.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
			d.headerRow(t.Widths, 6, t.Head)
		}
		d.font("sans", "", 8)
		d.fill(lightGrey)
		d.tableRow(t.Widths, 5.5, r, t.Aligns, i%2 == 1)
	}
	if noteBelow {
		d.Ln(2)
		note()
	}
}

// trustLine is the scorecard's line on how sure the rank is and how the
// unit moved since the previous year; "" when neither is known.
func (d *doc) trustLine(u *dti.Unit) string {
	var parts []string
	if uu, ok := d.opts.Uncertainty[u.Code]; ok && u.Rank > 0 {
		parts = append(parts, fmt.Sprintf(d.t("Hạng trung vị %d, ít nhất 90 %% số lượt Monte Carlo trong khoảng %d–%d", "Median rank %d, at least 90 %% of the Monte Carlo runs within %d–%d"), uu.Median, uu.P05, uu.P95))
	}
	if c, ok := d.opts.Changes[u.Code]; ok {
		s := fmt.Sprintf(d.t("so với năm %s: %s điểm", "since %s: %s points"), c.From, signed(c.Score, d))
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
