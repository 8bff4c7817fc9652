package reports

import (
	"fmt"
	"math"
	"strings"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/xuri/excelize/v2"
)

// The sheets that say how far to trust the ranking: the statistical audit
// and its correlation heatmap (always), the Monte Carlo ranks (with
// --uncertainty) and the progress since the previous year (when there is
// one).

// Sheet names of the trust sheets, per language: audit, uncertainty,
// progress, correlations.
var trustSheets = map[indicators.Lang][4]string{
	indicators.Vietnamese: {"Kiểm định", "Độ tin cậy", "Tiến bộ", "Tương quan"},
	indicators.English:    {"Audit", "Uncertainty", "Progress", "Correlations"},
}

func nanOrNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// auditSheet writes the indicators' statistics and flags, the nodes'
// alpha and first principal component, the flagged correlations, and the
// leave-one-out shifts, and the sensitivity indices when they were
// computed.
func (x *xw) auditSheet(sheet string, r *audit.Report, sens []audit.Factor, st xstyles, lang indicators.Lang) {
	head := []string{lang.Pick("Mã", "Code"), lang.Pick("Có số liệu", "Available"), lang.Pick("Nhỏ nhất", "Min"), lang.Pick("Lớn nhất", "Max"), lang.Pick("Trung bình", "Mean"), lang.Pick("Trung vị", "Median"),
		lang.Pick("Độ lệch chuẩn", "SD"), lang.Pick("Độ xiên", "Skewness"), lang.Pick("Độ nhọn", "Kurtosis"), lang.Pick("Cùng giá trị", "Same value"), lang.Pick("Cảnh báo", "Flags")}
	x.header(sheet, 1, head, st)
	x.Do(x.F.SetRowHeight(sheet, 1, 30))
	row := 2
	for _, d := range r.Indicators {
		var fl []string
		for _, f := range d.Flags {
			fl = append(fl, f.Text(lang))
		}
		vals := []any{d.Code, d.Availability, nanOrNil(d.Min), nanOrNil(d.Max), nanOrNil(d.Mean), nanOrNil(d.Median), nanOrNil(d.SD), nanOrNil(d.Skew), nanOrNil(d.Kurtosis), d.SameShare, strings.Join(fl, "; ")}
		for c, v := range vals {
			style := st.points
			if c == 0 || c == 10 {
				style = st.wrap
			}
			x.Set(sheet, c+1, row, v, style)
		}
		x.FitRow(sheet, row, []string{d.Code, "", "", "", "", "", "", "", "", "", strings.Join(fl, "; ")}, auditWidths)
		row++
	}
	row++
	x.pageBreak(sheet, row)
	x.header(sheet, row, []string{lang.Pick("Nút", "Node"), lang.Pick("Số thành phần", "Children"), lang.Pick("Hệ số α Cronbach", "Cronbach's alpha"), lang.Pick("PCA: số đơn vị", "PCA: units"), lang.Pick("Thành phần 1 giải thích", "Component 1 explains")}, st)
	x.Do(x.F.SetRowHeight(sheet, row, 30))
	row++
	for _, n := range r.Nodes {
		first := math.NaN()
		if len(n.Explained) > 0 {
			first = n.Explained[0]
		}
		for c, v := range []any{n.Code, n.K, nanOrNil(n.Alpha), n.N, nanOrNil(first)} {
			style := st.points
			switch c {
			case 0:
				style = st.text
			case 1, 3:
				style = st.int // counts
			}
			x.Set(sheet, c+1, row, v, style)
		}
		row++
	}
	row++
	x.pageBreak(sheet, row)
	x.header(sheet, row, []string{lang.Pick("Chỉ tiêu", "Indicator"), lang.Pick("Với", "With"), "Pearson", "Spearman", lang.Pick("Cảnh báo", "Flag")}, st)
	x.Do(x.F.SetRowHeight(sheet, row, 30))
	row++
	for _, c := range append(append(append([]audit.Correlation{}, r.WithinPillar...), r.WithParent...), r.WithIndex...) {
		if c.Flag == "" {
			continue
		}
		b := c.B
		if b == "" {
			b = lang.Pick("chỉ số chung", "the index")
		}
		for k, v := range []any{c.A, b, nanOrNil(c.Pearson), nanOrNil(c.Spearman), c.Flag.Text(lang)} {
			style := st.points
			if k == 4 {
				style = st.wrap
			}
			x.Set(sheet, k+1, row, v, style)
		}
		x.FitRow(sheet, row, []string{"", "", "", "", c.Flag.Text(lang)}, auditWidths)
		row++
	}
	if r.LeaveOneOut != nil {
		row++
		x.pageBreak(sheet, row)
		x.header(sheet, row, []string{lang.Pick("Bỏ thành phần", "Left out"), lang.Pick("Trụ cột", "Pillar"), lang.Pick("Thứ hạng đổi bình quân", "Mean rank change"), lang.Pick("Lớn nhất", "Largest")}, st)
		x.Do(x.F.SetRowHeight(sheet, row, 30))
		row++
		for _, s := range r.LeaveOneOut {
			p := ""
			if s.Pillar {
				p = "✓"
			}
			for k, v := range []any{s.Code, p, s.Mean, s.Max} {
				x.Set(sheet, k+1, row, v, st.points)
			}
			row++
		}
	}
	if len(sens) > 0 {
		row++
		x.pageBreak(sheet, row)
		x.Set(sheet, 1, row, lang.Pick("Độ nhạy của thứ hạng (chỉ số Sobol bậc một và toàn phần, ước lượng Jansen; đầu ra: thứ hạng thay đổi bình quân)",
			"Sensitivity of the ranks (first-order and total Sobol indices, Jansen estimators; output: the mean rank change)"), st.subtitle)
		row++
		x.header(sheet, row, []string{lang.Pick("Yếu tố", "Input"), lang.Pick("Bậc một", "First order"), lang.Pick("95 %: từ", "95 %: from"), lang.Pick("đến", "to"),
			lang.Pick("Toàn phần", "Total"), lang.Pick("95 %: từ", "95 %: from"), lang.Pick("đến", "to")}, st)
		x.Do(x.F.SetRowHeight(sheet, row, 30))
		row++
		for _, f := range sens {
			for k, v := range []any{f.Label(lang), nanOrNil(f.First), nanOrNil(f.FirstLo), nanOrNil(f.FirstHi), nanOrNil(f.Total), nanOrNil(f.TotalLo), nanOrNil(f.TotalHi)} {
				style := st.points
				if k == 0 {
					style = st.wrap
				}
				x.Set(sheet, k+1, row, v, style)
			}
			x.FitRow(sheet, row, []string{f.Label(lang)}, auditWidths)
			row++
		}
	}
	for i, wd := range auditWidths {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.PrintSetup(sheet, true, 1, 1)
	// Each table starts a page with its own header: the first table's
	// is not repeated over the others.
	x.Do(x.F.DeleteDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet}))
}

// auditWidths are the column widths of the statistical audit sheet.
var auditWidths = []float64{12, 12, 12, 12, 28, 12, 12, 12, 12, 12, 40} // the fifth holds the correlation flags

// pageBreak starts a new printed page at row.
func (x *xw) pageBreak(sheet string, row int) {
	x.Do(x.F.InsertPageBreak(sheet, xl.Cell(1, row)))
}

// correlationSheet writes Pearson's correlation between every two of the
// indicators, the pillars and the index as a heatmap: a colour scale from
// red (−1) through white (0) to blue (1).
func (x *xw) correlationSheet(sheet string, r *audit.Report, st xstyles, lang indicators.Lang) {
	n := len(r.MatrixCodes)
	if n == 0 {
		return
	}
	name := func(c string) string {
		if c == "" {
			return lang.Pick("Chỉ số", "Index")
		}
		return c
	}
	// The title starts right of column A, which every printed page
	// repeats: from A it would run on and be cut on the pages after the
	// first.
	x.Set(sheet, 2, 1, lang.Pick("Hệ số tương quan Pearson giữa các chỉ tiêu, trụ cột và chỉ số chung (cặp đủ số liệu)", "Pearson's correlation between the indicators, the pillars and the index (pairwise complete)"), st.subtitle)
	vert := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}, Alignment: &excelize.Alignment{TextRotation: 90, Horizontal: "center", Vertical: "bottom"}})
	cellFmt := "0.00;-0.00;0.00"
	cell := x.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 8}, CustomNumFmt: &cellFmt, Alignment: &excelize.Alignment{Horizontal: "center"}, Border: []excelize.Border{{Type: "left", Color: "D9D9D9", Style: 1}, {Type: "right", Color: "D9D9D9", Style: 1}, {Type: "top", Color: "D9D9D9", Style: 1}, {Type: "bottom", Color: "D9D9D9", Style: 1}}})
	for i, c := range r.MatrixCodes {
		x.Set(sheet, i+2, 2, name(c), vert)
		x.Set(sheet, 1, i+3, name(c), st.header)
		for j := range r.MatrixCodes {
			x.Set(sheet, j+2, i+3, nanOrNil(r.Matrix[i][j]), cell)
		}
	}
	x.Do(x.F.SetRowHeight(sheet, 2, 48))
	x.Do(x.F.SetColWidth(sheet, "A", "A", 10))
	x.Do(x.F.SetColWidth(sheet, xl.Col(2), xl.Col(n+1), 5))
	x.Do(x.F.SetConditionalFormat(sheet, xl.Cell(2, 3)+":"+xl.Cell(n+1, n+2), []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "-1", MinColor: "F8696B",
		MidType: "num", MidValue: "0", MidColor: "FFFFFF",
		MaxType: "num", MaxValue: "1", MaxColor: "5A8AC6",
	}}))
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}))
	x.PrintSetup(sheet, true, 2, 2)
	x.acrossPages(sheet, (n+25)/26, "$A:$A", "$2:$2") // about 26 columns of 5 a landscape page
}

// uncertaintySheet writes each unit's Monte Carlo ranks and probabilities.
func (x *xw) uncertaintySheet(sheet string, ev *dti.Evaluation, us map[string]audit.UnitUncertainty, st xstyles, lang indicators.Lang) {
	fw := ev.Framework
	head := []string{lang.Pick("Hạng", "Rank"), lang.Pick("Mã", "Code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Hạng trung vị", "Median rank"), lang.Pick("Hạng P5", "Rank P5"), lang.Pick("Hạng P95", "Rank P95")}
	for _, c := range fw.Classes {
		head = append(head, lang.Pick("Xác suất ", "P(")+fw.ClassName(c.Name, lang)+lang.Pick("", ")"))
	}
	for _, a := range fw.Awards {
		head = append(head, lang.Pick("Xác suất ", "P(")+fw.AwardName(a.Name, lang)+lang.Pick("", ")"))
	}
	x.header(sheet, 1, head, st)
	row := 2
	for _, u := range ev.Units {
		uu, ok := us[u.Code]
		if !ok {
			continue
		}
		vals := []any{rankValue(u), u.Code, u.Name, uu.Median, uu.P05, uu.P95}
		for _, p := range uu.PClass {
			vals = append(vals, nanOrNil(p))
		}
		for _, p := range uu.PAward {
			vals = append(vals, nanOrNil(p))
		}
		for c, v := range vals {
			style := st.points
			if c < 3 {
				style = st.wrap
			}
			x.Set(sheet, c+1, row, v, style)
		}
		row++
	}
	for i := range head {
		wd := 12.0
		if i == 2 {
			wd = 28
		}
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, XSplit: 3, TopLeftCell: "D2", ActivePane: "bottomRight"}))
	x.PrintSetup(sheet, true, 1, 1)
}

// progressSheet writes each unit's change since the previous year.
func (x *xw) progressSheet(sheet string, ev *dti.Evaluation, ch map[string]dti.Change, st xstyles, lang indicators.Lang) {
	head := []string{lang.Pick("Hạng", "Rank"), lang.Pick("Mã", "Code"), lang.Pick("Đơn vị", "Unit"), lang.Pick("Năm trước", "Previous year"), lang.Pick("Chỉ số năm trước", "Index then"), lang.Pick("Chỉ số", "Index"),
		lang.Pick("Thay đổi", "Change"), lang.Pick("Hạng tăng", "Places gained"), lang.Pick("Xếp loại năm trước", "Class then"), lang.Pick("Xếp loại", "Class"), lang.Pick("Ước tính từ", "Estimated from")}
	x.header(sheet, 1, head, st)
	row := 2
	for _, u := range ev.Units {
		c, ok := ch[u.Code]
		if !ok {
			continue
		}
		var places any = c.Rank
		if c.Estimated {
			places = "–"
		}
		vals := []any{rankValue(u), u.Code, u.Name, c.From, c.Prior, score(u.Score, u.HasScore), c.Score, places, orDash(ev.Framework.ClassName(c.Class, lang)), ev.Framework.ClassName(u.Class, lang), strings.Join(c.Of, ", ")}
		for k, v := range vals {
			style := st.score
			if k < 4 || k > 6 {
				style = st.wrap
			}
			x.Set(sheet, k+1, row, v, style)
		}
		row++
	}
	for i, wd := range []float64{7, 10, 28, 10, 12, 12, 12, 10, 14, 14, 30} {
		x.Do(x.F.SetColWidth(sheet, xl.Col(i+1), xl.Col(i+1), wd))
	}
	if row > 2 {
		scale := []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "num", MidValue: "0", MaxType: "max", MinColor: "#F8696B", MidColor: "#FFFFFF", MaxColor: "#63BE7B"}}
		x.Do(x.F.SetConditionalFormat(sheet, fmt.Sprintf("G2:G%d", row-1), scale))
	}
	x.Do(x.F.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.PrintSetup(sheet, true, 1, 1)
}
