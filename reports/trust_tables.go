package reports

import (
	"fmt"
	"math"
	"strings"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
)

// tbl is a table of the documents (report.pdf and report.docx) with its
// title, a note above it, the column widths in millimetres (180 in all)
// and the alignment of each column.
type tbl struct {
	Title, Note string
	Head        []string
	Widths      []float64
	Aligns      string
	Rows        [][]string
}

// dec2 writes v with two decimals (indicators.FormatFixed).
func dec2(v float64, lang indicators.Lang) string { return indicators.FormatFixed(v, 2, lang) }

// auditTables is the statistical audit as the documents print it: the
// indicators flagged, each pillar's consistency (Cronbach's alpha, the
// first principal component) and weight in the ranking (the rank change
// when it is left out), the correlations to review, and the sensitivity
// indices when they were computed.
func auditTables(ev *dti.Evaluation, opts *Options, lang indicators.Lang) []tbl {
	r := opts.audit(ev, false)
	fw := ev.Framework
	pick := lang.Pick
	var out []tbl

	flagged := tbl{
		Title:  pick("Chỉ tiêu cần xem lại", "Indicators to review"),
		Head:   []string{pick("Mã", "Code"), pick("Chỉ tiêu", "Indicator"), pick("Có số liệu", "Available"), pick("Cảnh báo", "Flags")},
		Widths: []float64{16, 84, 20, 60}, Aligns: "LLRL",
	}
	for i, d := range r.Indicators {
		if len(d.Flags) == 0 {
			continue
		}
		var fl []string
		for _, f := range d.Flags {
			fl = append(fl, f.Text(lang))
		}
		flagged.Rows = append(flagged.Rows, []string{d.Code, fw.Indicators[i].DisplayName(lang), indicators.FormatNumber(math.Round(100*d.Availability), lang) + " %", strings.Join(fl, "; ")})
	}
	flagged.Note = fmt.Sprintf(pick("%d trong %d chỉ tiêu có cảnh báo theo Sổ tay JRC/OECD: một giá trị cho phần lớn đơn vị (không phân loại được), phân phối lệch (|độ xiên| > 2 và độ nhọn > 3,5), dưới 65 %% đơn vị có số liệu.",
		"%d of %d indicators are flagged by the JRC/OECD Handbook's checks: one value for most units (does not discriminate), skewed (|skewness| > 2 and kurtosis > 3.5), under 65 %% of the units with a value."), len(flagged.Rows), len(r.Indicators))
	out = append(out, flagged)

	loo := map[string]audit.Shift{}
	for _, s := range r.LeaveOneOut {
		if s.Pillar {
			loo[s.Code] = s
		}
	}
	pil := tbl{
		Title: pick("Trụ cột: độ nhất quán và ảnh hưởng đến thứ hạng", "Pillars: consistency and weight in the ranking"),
		Note: pick("Alpha Cronbach từ 0,7 trở lên: các chỉ tiêu của trụ cột cùng đo một điều. Thành phần chính thứ nhất: phần biến thiên mà một hướng chung giải thích (dữ liệu chuẩn hóa, đơn vị đủ số liệu). Bỏ trụ cột: thứ hạng các đơn vị thay đổi bình quân và lớn nhất bao nhiêu bậc khi bỏ trụ cột khỏi chỉ số.",
			"Cronbach's alpha of 0.7 or more: the pillar's indicators measure one thing. First principal component: the share of the variance one common direction explains (standardised, complete units). Left out: the mean and largest change of the units' ranks when the pillar is left out of the index."),
		Head:   []string{pick("Mã", "Code"), pick("Trụ cột", "Pillar"), pick("Thành phần", "Parts"), "Alpha", pick("TP thứ nhất", "1st comp."), pick("Bỏ: bình quân", "Left out: mean"), pick("lớn nhất", "largest")},
		Widths: []float64{14, 66, 16, 18, 22, 26, 18}, Aligns: "LLRRRRR",
	}
	nodes := map[string]audit.Node{}
	for _, n := range r.Nodes {
		nodes[n.Code] = n
	}
	for _, p := range pillars(fw) {
		n := nodes[p.code()]
		first := "–"
		if len(n.Explained) > 0 && !math.IsNaN(n.Explained[0]) {
			first = indicators.FormatNumber(math.Round(100*n.Explained[0]), lang) + " %"
		}
		mean, largest := "–", "–"
		if s, ok := loo[p.code()]; ok {
			mean, largest = dec2(s.Mean, lang), indicators.FormatNumber(s.Max, lang)
		}
		pil.Rows = append(pil.Rows, []string{p.code(), p.name(lang), fmt.Sprint(n.K), dec2(n.Alpha, lang), first, mean, largest})
	}
	out = append(out, pil)

	corr := tbl{
		Title:  pick("Tương quan cần xem lại", "Correlations to review"),
		Head:   []string{pick("Chỉ tiêu", "Indicator"), pick("Với", "With"), "Pearson", "Spearman", pick("Cảnh báo", "Flag")},
		Widths: []float64{24, 40, 24, 24, 68}, Aligns: "LLRRL",
	}
	for _, c := range append(append(append([]audit.Correlation{}, r.WithinPillar...), r.WithParent...), r.WithIndex...) {
		if c.Flag == "" {
			continue
		}
		b := c.B
		if b == "" {
			b = pick("chỉ số chung", "the index")
		}
		corr.Rows = append(corr.Rows, []string{c.A, b, dec2(c.Pearson, lang), dec2(c.Spearman, lang), c.Flag.Text(lang)})
	}
	corr.Note = fmt.Sprintf(pick("%d cặp: hai chỉ tiêu cùng trụ cột có r > 0,9 (gần như đo trùng một điều, có thể gộp hoặc bỏ bớt) hoặc r < −0,4 (kéo ngược chiều các chỉ tiêu khác).",
		"%d pairs: two indicators of a pillar with r > 0.9 (nearly the same measure: merge or drop one) or r < −0.4 (pulling against the others)."), len(corr.Rows))
	out = append(out, corr)

	if sens := opts.sensitivity(); len(sens) > 0 {
		st := tbl{
			Title: pick("Độ nhạy của thứ hạng", "Sensitivity of the ranks"),
			Note: pick("Chỉ số Sobol (ước lượng Jansen, thiết kế Saltelli, khoảng tin cậy 95 % bằng bootstrap) của mức thay đổi thứ hạng bình quân: bậc một là phần do riêng yếu tố đó, toàn phần gồm cả tương tác với các yếu tố khác.",
				"Sobol indices (Jansen estimators, Saltelli design, bootstrap 95 % intervals) of the mean rank change: first order is the input's share alone, total includes its interactions with the others."),
			Head:   []string{pick("Yếu tố", "Input"), pick("Bậc một", "First order"), "95 %", pick("Toàn phần", "Total"), "95 %"},
			Widths: []float64{60, 26, 34, 26, 34}, Aligns: "LRCRC",
		}
		for _, f := range sens {
			name := f.Label(lang)
			if n := fw.Node(f.Name); n != nil {
				name += " · " + n.DisplayName(lang)
			}
			st.Rows = append(st.Rows, []string{name, dec2(f.First, lang), dec2(f.FirstLo, lang) + " … " + dec2(f.FirstHi, lang), dec2(f.Total, lang), dec2(f.TotalLo, lang) + " … " + dec2(f.TotalHi, lang)})
		}
		out = append(out, st)
	}
	return out
}

// uncertaintyTable is each unit's Monte Carlo rank and the probability of
// its class, for the Word report (the PDF draws them); nil without them.
func uncertaintyTable(ev *dti.Evaluation, opts *Options, lang indicators.Lang) *tbl {
	if opts == nil || len(opts.Uncertainty) == 0 {
		return nil
	}
	pick := lang.Pick
	t := &tbl{
		Title: pick("Độ tin cậy của thứ hạng", "How sure the ranks are"),
		Note: fmt.Sprintf(pick("Hạng trung vị và khoảng chứa ít nhất 90 %% số lượt Monte Carlo (phân vị 5 đến 95, luôn gồm hạng chính thức) khi thay đổi %s; xác suất giữ xếp loại hiện tại.",
			"The median rank and the range of at least 90 %% of the Monte Carlo runs (5th to 95th percentile, always holding the official rank) varying %s; the probability of keeping the present class."), opts.choicesText(lang)),
		Head:   []string{pick("Hạng", "Rank"), pick("Đơn vị", "Unit"), pick("Hạng trung vị", "Median rank"), pick("Khoảng", "Range"), pick("Giữ xếp loại", "Keeps class")},
		Widths: []float64{14, 80, 26, 26, 34}, Aligns: "CLRCR",
	}
	for _, u := range ev.Units {
		uu, ok := opts.Uncertainty[u.Code]
		if !ok || u.Rank == 0 {
			continue
		}
		keep := "–"
		if u.ClassIdx >= 0 && u.ClassIdx < len(uu.PClass) {
			keep = indicators.FormatNumber(math.Round(100*uu.PClass[u.ClassIdx]), lang) + " %"
		}
		t.Rows = append(t.Rows, []string{rankText(u), u.Name, fmt.Sprint(uu.Median), fmt.Sprintf("%d–%d", uu.P05, uu.P95), keep})
	}
	return t
}

// progressTbl is every unit's change since the previous year; nil
// without one.
func progressTbl(ev *dti.Evaluation, opts *Options, lang indicators.Lang) *tbl {
	if opts == nil || len(opts.Changes) == 0 {
		return nil
	}
	pick := lang.Pick
	fw := ev.Framework
	num := func(v float64) string { return dti.FormatScore(v, ev.Precision(), lang) }
	t := &tbl{
		Title:  pick("Tiến bộ so với năm trước", "Progress since the previous year"),
		Head:   []string{pick("Hạng", "Rank"), pick("Đơn vị", "Unit"), pick("Năm trước", "Then"), pick("Năm nay", "Now"), pick("Thay đổi", "Change"), pick("Hạng", "Places"), pick("Xếp loại trước → nay", "Class then → now")},
		Widths: []float64{10, 58, 20, 20, 20, 16, 36}, Aligns: "CLRRRRL",
	}
	estimated := false
	for _, u := range ev.Units {
		c, ok := opts.Changes[u.Code]
		if !ok {
			continue
		}
		places := fmt.Sprintf("%+d", c.Rank)
		name := u.Name
		if c.Estimated {
			places, name, estimated = "–", name+" *", true
		}
		change := num(c.Score)
		if c.Score > 0 {
			change = "+" + change
		}
		cls := orDash(fw.ClassName(c.Class, lang)) + " → " + fw.ClassName(u.Class, lang)
		t.Rows = append(t.Rows, []string{rankText(u), name, num(c.Prior), num(score(u.Score, u.HasScore)), change, places, cls})
	}
	if estimated {
		t.Note = pick("* Đơn vị hình thành sau sắp xếp: năm trước là bình quân gia quyền của các đơn vị trước sáp nhập (theo bảng đơn vị kế thừa).", "* A unit formed by a merger: its previous year is the weighted mean of the units it continues (by the units map).")
	}
	return t
}
