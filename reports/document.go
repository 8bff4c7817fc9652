package reports

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

// The body of the report as an administrative document (after Nghị định
// 30/2020/NĐ-CP): căn cứ, tình hình chung, kết quả, tồn tại và hạn chế,
// kiến nghị. It is made once from the evaluation, in plain sentences, and
// both report.pdf and report.docx lay out the same blocks.

// blockKind is what a block of the body is.
type blockKind int

const (
	bHeading blockKind = iota // a section heading: "I. CĂN CỨ"
	bSub                      // a sub-heading: "1. Xếp loại"
	bPara                     // a paragraph, indented
	bBullet                   // a line of a list, "- …"
)

// block is one paragraph of the body.
type block struct {
	kind blockKind
	text string
}

// decisions names the decision behind each mapping prefix, as
// docs/mapping-codes.md does.
var decisions = []struct{ prefix, vi, en string }{
	{"DTI-405:", "Quyết định số 405/QĐ-BKHCN ngày 03/4/2025 của Bộ Khoa học và Công nghệ phê duyệt Đề án xác định Bộ chỉ số đánh giá chuyển đổi số (DTI)",
		"Decision 405/QĐ-BKHCN of 3 April 2025 of the Ministry of Science and Technology on the digital transformation index (DTI)"},
	{"DTI-922:", "Quyết định số 922/QĐ-BTTTT ngày 20/5/2022 của Bộ Thông tin và Truyền thông phê duyệt Đề án xác định Bộ chỉ số đánh giá chuyển đổi số",
		"Decision 922/QĐ-BTTTT of 20 May 2022 of the Ministry of Information and Communications on the digital transformation index"},
	{"DTI-1726:", "Quyết định số 1726/QĐ-BTTTT ngày 12/10/2020 của Bộ Thông tin và Truyền thông",
		"Decision 1726/QĐ-BTTTT of 12 October 2020 of the Ministry of Information and Communications"},
	{"PAR-876:", "Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ phê duyệt Đề án xác định Chỉ số cải cách hành chính",
		"Decision 876/QĐ-BNV of 10 November 2022 of the Ministry of Home Affairs on the administrative reform index (PAR INDEX)"},
	{"QD766:", "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp",
		"Decision 766/QĐ-TTg of 23 June 2022 of the Prime Minister on the index of service to citizens and businesses"},
}

// weakSpot is an indicator where the cohort loses the most points.
type weakSpot struct {
	j       int
	share   float64 // points earned ÷ max points, over the units that have it
	missing int     // units without full points
	of      int     // units that have it
}

// cohortWeakSpots returns the n indicators with the lowest share of points
// earned across the units (ties: the larger max points, then the code).
func cohortWeakSpots(ev *dti.Evaluation, n int) []weakSpot {
	fw := ev.Framework
	var out []weakSpot
	for j := range fw.Indicators {
		var got, of float64
		ws := weakSpot{j: j}
		for _, u := range ev.Units {
			ir := indicatorAt(ev, u, j)
			if !ir.Status.Counted() || ir.Max <= 0 {
				continue
			}
			got += ir.Points
			of += ir.Max
			ws.of++
			if ir.Points < ir.Max-1e-9 {
				ws.missing++
			}
		}
		if of == 0 || ws.missing == 0 {
			continue
		}
		ws.share = got / of
		out = append(out, ws)
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.share != y.share {
			return x.share < y.share
		}
		mx, my := fw.Indicators[x.j].MaxOr(0), fw.Indicators[y.j].MaxOr(0)
		if mx != my {
			return mx > my
		}
		return fw.Indicators[x.j].Code < fw.Indicators[y.j].Code
	})
	return out[:min(n, len(out))]
}

// body returns the body of the report in lang.
func body(ev *dti.Evaluation, year string, lang indicators.Lang) []block {
	fw := ev.Framework
	t := lang.Pick
	num := func(v float64) string { return dti.FormatScore(v, ev.Precision(), lang) }
	var b []block
	add := func(k blockKind, s string) { b = append(b, block{k, s}) }

	// I. Căn cứ.
	add(bHeading, t("I. Căn cứ", "I. Basis"))
	add(bBullet, fmt.Sprintf(t("Căn cứ %s (mã %s, phiên bản %s): %d chỉ tiêu, tổng %s điểm;", "The criteria %s (%s, version %s): %d indicators, %s points in all;"),
		fw.DisplayName(lang), fw.ID, fw.Version, len(fw.Indicators), indicators.FormatNumber(fw.TotalMaxPoints(), lang)))
	used := map[string]bool{}
	for _, ind := range fw.Indicators {
		for _, m := range ind.Maps {
			for _, d := range decisions {
				if strings.HasPrefix(m, d.prefix) {
					used[d.prefix] = true
				}
			}
		}
	}
	for _, d := range decisions {
		if used[d.prefix] {
			add(bBullet, t("Căn cứ ", "")+t(d.vi, d.en)+";")
		}
	}
	basis := t("Căn cứ kết quả tự đánh giá của các đơn vị và kết quả thẩm định của Hội đồng thẩm định.", "The units' self-assessments and the appraisal council's findings.")
	if ev.Basis == dti.BasisSelf {
		basis = t("Căn cứ kết quả tự đánh giá của các đơn vị (chưa thẩm định).", "The units' self-assessments (before appraisal).")
	}
	add(bBullet, basis)

	// II. Tình hình chung.
	add(bHeading, t("II. Tình hình chung", "II. Overview"))
	var scores []float64
	for _, u := range ev.Units {
		if u.HasScore {
			scores = append(scores, u.Score)
		}
	}
	s := summarise(scores)
	para := fmt.Sprintf(t("Năm %s có %d đơn vị được đánh giá", "In %s, %d units were evaluated"), orDots(year), len(ev.Units))
	if n := len(ev.Rejected); n > 0 {
		para += fmt.Sprintf(t("; %d bài nộp bị loại vì lỗi số liệu", "; %d submissions were rejected for faulty data"), n)
	}
	para += "."
	if len(scores) > 0 {
		best, worst := ev.Units[0], ev.Units[len(scores)-1]
		para += fmt.Sprintf(t(" Chỉ số bình quân %s, trung vị %s; cao nhất %s (%s), thấp nhất %s (%s).", " The mean index is %s, the median %s; the highest %s (%s), the lowest %s (%s)."),
			num(s.mean), num(s.median), num(best.Score), best.Name, num(worst.Score), worst.Name)
	}
	add(bPara, para)
	changed, units, never := 0, 0, 0
	for _, u := range ev.Units {
		any, ch := false, 0
		for ir := range ev.Indicators(u) {
			if e := ir.Entry; e.OK() && e.Appraised().Set {
				any = true
				if e.Self().Set && e.Self().Num != e.Appraised().Num {
					ch++
				}
			}
		}
		if !any {
			never++
		}
		if ch > 0 {
			units++
			changed += ch
		}
	}
	if ev.Basis != dti.BasisSelf {
		add(bPara, fmt.Sprintf(t("Hội đồng thẩm định đã điều chỉnh %d giá trị ở %d đơn vị; %d đơn vị chưa có giá trị thẩm định nào (chấm theo giá trị tự đánh giá).", "The appraisal council changed %d values in %d units; %d units have no appraised value (scored on their self-assessment)."), changed, units, never))
	}

	// III. Kết quả.
	add(bHeading, t("III. Kết quả", "III. Results"))
	add(bSub, t("1. Xếp loại", "1. Classes"))
	counts := classCounts(ev)
	for i, c := range fw.Classes {
		var names []string
		for _, u := range ev.Units {
			if u.ClassIdx == i {
				names = append(names, u.Name)
			}
		}
		line := fmt.Sprintf(t("%s (từ %s điểm): %d đơn vị", "%s (from %s): %d units"), fw.ClassName(c.Name, lang), indicators.FormatNumber(c.Min, lang), counts[i])
		if len(names) > 0 {
			line += ": " + strings.Join(names, ", ")
		}
		add(bBullet, line+";")
	}
	for _, u := range ev.Units {
		if len(u.VetoFailed) > 0 {
			add(bPara, u.Name+": "+ev.Reasons(u, lang).Class+".")
		}
	}
	add(bSub, t("2. Các đơn vị dẫn đầu", "2. The leading units"))
	for i, u := range ev.Units {
		if i == 3 || u.Rank == 0 {
			break
		}
		add(bBullet, fmt.Sprintf(t("Hạng %d: %s, chỉ số %s, loại %s;", "Rank %d: %s, index %s, %s;"), u.Rank, u.Name, num(u.Score), fw.ClassName(u.Class, lang)))
	}
	sub := 3
	var rose, fell, est []*dti.Unit
	from := ""
	for _, u := range ev.Units {
		if c := u.Change; c != nil {
			from = c.From
			switch {
			case c.Score > 0:
				rose = append(rose, u)
			case c.Score < 0:
				fell = append(fell, u)
			}
			if c.Estimated {
				est = append(est, u)
			}
		}
	}
	if from != "" {
		add(bSub, fmt.Sprintf(t("%d. So với năm %s", "%d. Since %s"), sub, from))
		sub++
		add(bBullet, fmt.Sprintf(t("%d đơn vị tăng điểm, %d đơn vị giảm điểm;", "%d units rose, %d fell;"), len(rose), len(fell)))
		most := func(us []*dti.Unit, desc bool) string {
			us = slices.Clone(us)
			slices.SortStableFunc(us, func(a, b *dti.Unit) int {
				if desc {
					return cmp.Compare(b.Change.Score, a.Change.Score)
				}
				return cmp.Compare(a.Change.Score, b.Change.Score)
			})
			var parts []string
			for _, u := range us[:min(3, len(us))] {
				parts = append(parts, fmt.Sprintf("%s (%s)", u.Name, dti.FormatChange(u.Change.Score, ev.Precision(), lang)))
			}
			return strings.Join(parts, ", ")
		}
		if len(rose) > 0 {
			add(bBullet, t("tăng nhiều nhất: ", "rose most: ")+most(rose, true)+";")
		}
		if len(fell) > 0 {
			add(bBullet, t("giảm nhiều nhất: ", "fell most: ")+most(fell, false)+";")
		}
		if len(est) > 0 {
			add(bPara, fmt.Sprintf(t("%d đơn vị hình thành sau sắp xếp được so với bình quân gia quyền của các đơn vị trước sáp nhập (ước tính).", "%d units formed by mergers are compared with the weighted mean of the units they continue (estimated)."), len(est)))
		}
	}
	if len(fw.Awards) > 0 {
		add(bSub, fmt.Sprintf(t("%d. Đề nghị khen thưởng", "%d. Proposed awards"), sub))
		for a, aw := range fw.Awards {
			var given, outside, notEligible []string
			for _, u := range ev.Units {
				if a >= len(u.Awards) {
					continue
				}
				r := u.Awards[a]
				switch {
				case r.Awarded:
					given = append(given, u.Name)
				case r.Eligible:
					outside = append(outside, u.Name)
				case r.Reason == scoring.ReasonEvidence || r.Reason == scoring.ReasonVeto:
					why := strings.TrimPrefix(ev.Reasons(u, lang).Awards[a], fw.AwardName(aw.Name, lang)+": ")
					notEligible = append(notEligible, u.Name+": "+why)
				}
			}
			line := fw.AwardName(aw.Name, lang) + ": "
			switch {
			case len(given) == 0 && aw.ByProgress() && from == "":
				line += t("chưa xét: không có kết quả năm trước để so sánh", "not decided: no previous year to compare with")
			case len(given) == 0:
				line += t("không có đơn vị đủ điều kiện", "no eligible unit")
			default:
				line += strings.Join(given, ", ")
			}
			add(bBullet, line+".")
			if len(outside) > 0 {
				add(bPara, t("Đủ điều kiện nhưng ngoài số lượng: ", "Eligible but outside the quota: ")+strings.Join(outside, ", ")+".")
			}
			for _, r := range notEligible {
				add(bPara, r+".")
			}
		}
	}

	// IV. Tồn tại, hạn chế.
	add(bHeading, t("IV. Tồn tại, hạn chế", "IV. Shortcomings"))
	weak := cohortWeakSpots(ev, 5)
	if len(weak) == 0 {
		add(bPara, t("Các đơn vị đạt tối đa số điểm ở mọi chỉ tiêu.", "Every unit earned full points on every indicator."))
	} else {
		add(bPara, t("Các chỉ tiêu các đơn vị đạt thấp nhất:", "The indicators where the units score lowest:"))
		for _, w := range weak {
			ind := &fw.Indicators[w.j]
			add(bBullet, fmt.Sprintf(t("%s – %s: bình quân đạt %s %% số điểm; %d/%d đơn vị chưa đạt tối đa;", "%s – %s: %s %% of the points on average; %d of %d units below full points;"),
				ind.Code, ind.DisplayName(lang), indicators.FormatNumber(scoring.Round(100*w.share, 0), lang), w.missing, w.of))
		}
	}
	blank, na, noEv := 0, 0, 0
	for _, u := range ev.Units {
		blank += len(blanks(ev, u))
		na += len(u.NA)
		noEv += len(ev.MissingEvidence(u))
	}
	if blank+na+noEv > 0 {
		add(bPara, fmt.Sprintf(t("Số liệu: %d giá trị bỏ trống, %d khai báo không áp dụng cần thẩm định, %d chỉ tiêu thiếu tài liệu kiểm chứng (chi tiết tại phiếu kết quả từng đơn vị).", "Data: %d values left blank, %d declared not applicable for the appraiser, %d indicators without their evidence (details on each unit's scorecard)."), blank, na, noEv))
	}

	// V. Kiến nghị, by the five solution groups.
	add(bHeading, t("V. Kiến nghị", "V. Recommendations"))
	var hs []highlight
	for _, w := range weak {
		hs = append(hs, highlight{j: w.j})
	}
	acts := recommendations(fw, hs, lang)
	if len(acts) == 0 {
		add(bPara, t("Duy trì kết quả đạt được.", "Keep up the results achieved."))
	}
	group := ""
	k := 0
	for _, a := range acts {
		if a.group != group {
			group = a.group
			k++
			add(bSub, fmt.Sprintf("%d. %s", k, indicators.SolutionName(group, lang)))
		}
		add(bBullet, fw.Indicators[a.j].Code+": "+a.text)
	}
	return b
}

func orDots(s string) string {
	if s == "" {
		return "……"
	}
	return s
}
