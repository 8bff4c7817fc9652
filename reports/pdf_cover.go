package reports

import (
	"fmt"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
)

// cover writes the first pages of the report as an administrative
// document after Nghị định 30/2020/NĐ-CP: the governing and issuing
// bodies with the number on the left, the national title, motto, place
// and date on the right, the black title, the body (căn cứ, tình hình
// chung, kết quả, tồn tại, kiến nghị), then Nơi nhận and the signature.
// The appendices (summary, ranking, scorecards, criteria) follow.
func (d *doc) cover() {
	d.AddPage()
	d.font("serif", "", 12) // bookmarks are written as UTF-16 only under a UTF-8 font
	d.Bookmark(d.t("Báo cáo", "Report"), 0, -1)
	leftW, rightX, rightW := 78.0, 88.0, 107.0
	d.SetXY(marginL, 15)
	d.font("serif", "", 12)
	if a := strings.ToUpper(d.opts.Authority); a != "" {
		d.MultiCell(leftW, 5.5, a, "", "C", false)
	} else {
		d.CellFormat(leftW, 5.5, "……………………………", "", 2, "C", false, 0, "")
	}
	d.SetX(marginL)
	d.font("serif", "B", 12)
	issuer := strings.ToUpper(d.opts.Issuer)
	if issuer == "" {
		issuer = "……………………………"
	}
	d.MultiCell(leftW, 5.5, issuer, "", "C", false)
	yl := d.GetY() + 0.8
	d.draw(rgb{})
	d.SetLineWidth(0.3)
	d.Line(marginL+leftW/2-12, yl, marginL+leftW/2+12, yl)
	d.SetXY(marginL, yl+2.5)
	d.font("serif", "", 13)
	number := d.opts.Number
	if number == "" {
		number = "        /BC-……"
	}
	d.CellFormat(leftW, 6, d.t("Số: ", "No.: ")+number, "", 0, "C", false, 0, "")
	// Right block: national title, motto, place and date.
	d.SetXY(rightX, 15)
	d.font("serif", "B", 12)
	d.CellFormat(rightW, 5.5, d.t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"), "", 2, "C", false, 0, "")
	d.font("serif", "B", 13)
	motto := d.t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")
	d.CellFormat(rightW, 6, motto, "", 2, "C", false, 0, "")
	mw := d.GetStringWidth(motto)
	d.Line(rightX+(rightW-mw)/2, d.GetY()+0.5, rightX+(rightW+mw)/2, d.GetY()+0.5)
	d.SetXY(rightX, yl+2.5)
	d.font("serif", "I", 13)
	d.CellFormat(rightW, 6, d.dateLine(), "", 2, "C", false, 0, "")
	// Title, in black.
	d.SetY(yl + 16)
	d.font("serif", "B", 14)
	d.CellFormat(0, 7, d.t("BÁO CÁO", "REPORT"), "", 1, "C", false, 0, "")
	title := d.t("Kết quả đánh giá chuyển đổi số cấp xã", "Results of the commune-level digital transformation evaluation")
	if d.year != "" {
		title += d.t(" năm ", " ") + d.year
	}
	d.MultiCell(0, 7, title, "", "C", false)
	d.Line(105-15, d.GetY()+1, 105+15, d.GetY()+1)
	d.Ln(6)
	d.writeBody(body(d.ev, d.year, d.lang))
	d.signature()
}

// dateLine is "Thủ Dầu Một, ngày 02 tháng 12 năm 2026".
func (d *doc) dateLine() string {
	ts := d.opts.Timestamp
	place := d.opts.Place
	if place == "" {
		place = "………"
	}
	if ts.IsZero() {
		return place + d.t(", ngày … tháng … năm …", ", … … …")
	}
	if d.lang == indicators.English {
		return fmt.Sprintf("%s, %s", place, ts.Format("2 January 2006"))
	}
	return fmt.Sprintf("%s, ngày %02d tháng %02d năm %d", place, ts.Day(), int(ts.Month()), ts.Year())
}

// writeBody lays out the body's blocks in 13-point Times-like type.
func (d *doc) writeBody(bs []block) {
	for _, b := range bs {
		d.SetX(marginL)
		switch b.kind {
		case bHeading:
			d.Ln(2)
			d.font("serif", "B", 13)
			d.MultiCell(0, 6.5, b.text, "", "L", false)
		case bSub:
			d.font("serif", "B", 13)
			d.SetX(marginL + 6)
			d.MultiCell(174, 6.5, b.text, "", "L", false)
		case bPara:
			d.font("serif", "", 13)
			d.SetX(marginL + 6)
			d.MultiCell(174, 6.2, b.text, "", "J", false)
		case bBullet:
			d.font("serif", "", 13)
			d.SetX(marginL + 6)
			d.MultiCell(174, 6.2, "- "+b.text, "", "J", false)
		}
	}
}

// signature writes Nơi nhận on the left and the signer on the right.
func (d *doc) signature() {
	_, pageH := d.GetPageSize()
	if d.GetY() > pageH-marginB-55 {
		d.AddPage()
	}
	d.Ln(6)
	y := d.GetY()
	d.SetXY(marginL, y)
	d.font("serif", "BI", 12)
	d.CellFormat(80, 5.5, d.t("Nơi nhận:", "Distribution:"), "", 2, "L", false, 0, "")
	d.font("serif", "", 11)
	for _, l := range []string{d.t("- Như trên;", "- As above;"), d.t("- Các đơn vị được đánh giá;", "- The units evaluated;"), d.t("- Lưu: VT.", "- Archive.")} {
		d.SetX(marginL)
		d.CellFormat(80, 5, l, "", 2, "L", false, 0, "")
	}
	yEnd := d.GetY()
	d.SetXY(95, y)
	d.font("serif", "B", 13)
	title := d.opts.SignerTitle
	if title == "" {
		title = "……………………………"
	}
	for _, l := range strings.Split(title, "\n") {
		d.SetX(95)
		d.CellFormat(95, 6, strings.ToUpper(strings.TrimSpace(l)), "", 2, "C", false, 0, "")
	}
	d.SetX(95)
	d.font("serif", "I", 11)
	d.CellFormat(95, 5, d.t("(Ký, ghi rõ họ tên, đóng dấu)", "(signature, full name, seal)"), "", 2, "C", false, 0, "")
	d.Ln(22)
	d.SetX(95)
	d.font("serif", "B", 13)
	signer := d.opts.Signer
	if signer == "" {
		signer = "……………………………"
	}
	d.CellFormat(95, 6, signer, "", 2, "C", false, 0, "")
	d.SetY(max(yEnd, d.GetY()))
}
