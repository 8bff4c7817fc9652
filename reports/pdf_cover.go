package reports

import (
	"fmt"
	"strings"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
)

func (d *doc) cover() {
	d.AddPage()
	d.font("serif", "", 12) // bookmarks are written as UTF-16 only under a UTF-8 font
	d.Bookmark(d.t("Trang bìa", "Cover"), 0, -1)
	issuer := strings.ToUpper(d.opts.Issuer)
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
	place := d.opts.Place
	if place == "" {
		place = "………"
	}
	date := fmt.Sprintf("%s, ngày %02d tháng %02d năm %d", place, ts.Day(), int(ts.Month()), ts.Year())
	if d.lang == indicators.English {
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
			d.CellFormat(0, 6.5, fmt.Sprintf("%d. %s – %s (%s)", u.Rank, u.Name, d.num(u.Score), d.fw.ClassName(u.Class, d.lang)), "", 1, "L", false, 0, "")
		}
	}
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}
