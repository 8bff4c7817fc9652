package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

func (a *app) explain(args []string) error {
	fs := a.newFlags("explain", a.lang.Pick("dti explain --unit MÃ [-f KHUNG] [--basis appraised|self] PATH…", "dti explain --unit CODE [-f FRAMEWORK] [--basis appraised|self] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	unit := fs.String("unit", "", a.lang.Pick("mã đơn vị cần giải thích", "code of the unit to explain"))
	basis := a.addBasisFlag(fs)
	year := fs.String("year", "", a.lang.Pick("năm của đơn vị, khi bài nộp có nhiều năm", "the unit's year, when the submissions hold several"))
	previous := fs.String("previous", "", a.lang.Pick("results.json của năm trước (một lần chạy trước) để tính tiến bộ", "the previous year's results.json (an earlier run), for progress"))
	unitsMap := fs.String("units-map", "", a.lang.Pick("tệp CSV year,from,to,weight: đơn vị kế thừa các đơn vị năm trước (sáp nhập)", "CSV year,from,to,weight: units continuing last year's units (mergers)"))
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *unit == "" {
		a.errorf(a.lang.Pick("cần --unit MÃ", "need --unit CODE"))
		return errUsage
	}
	if err := a.checkBasis(*basis); err != nil {
		return err
	}
	fw, b, err := a.load(&in, paths, nil)
	if err != nil {
		return err
	}
	// The unit's cohort is its year; a unit in several years needs --year.
	// Every year is scored, so that the unit's progress since the year
	// before (and an award by progress) is as dti score gives it.
	var years []string
	batches := b.Split()
	sel := -1
	for i, bb := range batches {
		p := bb.Periods()
		if len(p) == 0 || *year != "" && p[0] != *year {
			continue
		}
		for _, s := range bb.Submissions {
			if s.Unit == *unit {
				years = append(years, p[0])
				sel = i
			}
		}
	}
	if len(years) > 1 {
		a.errorf(a.lang.Pick("đơn vị %s có bài nộp các năm %s; chọn một năm bằng --year", "unit %s has submissions for %s; choose one with --year"), *unit, strings.Join(years, ", "))
		return errUsage
	}
	var ev *dti.Evaluation
	if sel < 0 {
		// not among the accepted submissions: look for its rejection
		if ev, err = dti.Evaluate(fw, b, &dti.Options{Basis: dti.Basis(*basis)}); err != nil {
			return err
		}
	} else {
		evs := make([]*dti.Evaluation, len(batches))
		for i, bb := range batches {
			if evs[i], err = dti.Evaluate(fw, bb, &dti.Options{Basis: dti.Basis(*basis)}); err != nil {
				return err
			}
		}
		changes, err := a.yearChanges(evs, batches, *previous, *unitsMap)
		if err != nil {
			return err
		}
		for i, e := range evs {
			if changes[i] != nil {
				e.SetChanges(changes[i])
			}
		}
		ev = evs[sel]
	}
	for _, u := range ev.Units {
		if u.Code == *unit && (*year == "" || u.Period == *year) {
			a.printExplain(ev, u)
			return nil
		}
	}
	for _, r := range ev.Rejected {
		if r.Unit == *unit {
			for _, e := range r.Errors {
				fmt.Fprintln(a.stderr, e.Message(a.lang))
			}
			return exitCode(1)
		}
	}
	return fmt.Errorf(a.lang.Pick("không có đơn vị %q trong các bài nộp", "no unit %q among the submissions"), *unit)
}

func (a *app) printExplain(ev *dti.Evaluation, u *dti.Unit) {
	fw, l := ev.Framework, a.lang
	n := func(v float64) string { return indicators.FormatNumber(v, l) }
	score := func(v float64) string { return dti.FormatScore(v, ev.Precision(), l) }
	fmt.Fprintf(a.stdout, "%s – %s\n", u.Code, u.Name)
	if u.HasScore {
		fmt.Fprintf(a.stdout, l.Pick("Chỉ số: %s / %s · hạng %d/%d · xếp loại %s\n", "Index: %s / %s · rank %d of %d · class %s\n"), score(u.Score), n(fw.Scale), u.Rank, len(ev.Units), fw.ClassName(u.Class, l))
	} else {
		fmt.Fprintln(a.stdout, l.Pick("Chỉ số: không tính được (thiếu dữ liệu)", "Index: none (not enough data)"))
	}
	if u.HasClaimed {
		fmt.Fprintf(a.stdout, l.Pick("Tự đánh giá: %s · mất %s điểm khi thẩm định\n", "Self-assessed: %s · %s points lost at appraisal\n"), score(u.Claimed), n(u.Loss))
	}
	fmt.Fprintf(a.stdout, l.Pick("Phạm vi chấm: %s %% trọng số chỉ số", "Scored on: %s %% of the index's weight"), indicators.FormatNumber(100*u.Coverage, l))
	if len(u.NA) > 0 {
		fmt.Fprintf(a.stdout, l.Pick(" · khai báo không áp dụng (NA, cần thẩm định): %s", " · declared not applicable (NA, for the appraiser): %s"), strings.Join(u.NA, ", "))
	}
	fmt.Fprintln(a.stdout)
	if len(u.VetoFailed) > 0 {
		fmt.Fprintf(a.stdout, l.Pick("Không đạt điều kiện loại trừ: %s (xếp loại tối đa %s, không được khen thưởng)\n", "Failed veto criteria: %s (class capped at %s, no award)\n"), strings.Join(u.VetoFailed, ", "), fw.ClassName(fw.VetoCapClass(), l))
	}
	// Why this class, and why each award was given or not.
	rs := ev.Reasons(u, l)
	fmt.Fprintln(a.stdout, l.Pick("Xếp loại: ", "Class: ")+rs.Class)
	for _, line := range rs.Awards {
		fmt.Fprintln(a.stdout, line)
	}
	fmt.Fprintln(a.stdout)
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, l.Pick("MÃ\tGIÁ TRỊ\tNGUỒN\tĐIỂM\tTỐI ĐA\tMẤT KHI TĐ\tTRẠNG THÁI\tCÁCH TÍNH", "CODE\tVALUE\tBASIS\tPOINTS\tMAX\tLOST\tSTATUS\tRULE"))
	fw.Walk(func(depth int, nd *indicators.Node, ind *indicators.Indicator) {
		pad := strings.Repeat("  ", depth)
		if ind != nil {
			ir, _ := ev.Indicator(u, ind.Code)
			val := "–"
			if ir.HasValue {
				val = submission.DisplayValue(ind, ir.Entry.Self(), l)
				if ir.Appraised {
					val = submission.DisplayValue(ind, ir.Entry.Appraised(), l)
				}
			}
			if ir.Status == scoring.NA {
				val = "NA"
			}
			lost := ""
			if ir.Lost != 0 {
				lost = n(ir.Lost)
			}
			fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", pad, ind.Code, val, ir.Basis.Text(l), n(ir.Points), n(ir.Max), lost, dti.StatusText(ir.Status, l), fw.RuleText(ind, l))
			return
		}
		r, _ := ev.Node(u, nd.Code)
		fmt.Fprintf(tw, "%s%s\t%s\t\t%s\t%s\t\t%s\t%s = %s · %s %d\n", pad, nd.Code, strings.ToUpper(nd.DisplayName(l)), n(r.Points), n(r.Max), dti.StatusText(r.Status, l), l.Pick("điểm", "score"), n(r.Score), l.Pick("hạng", "rank"), r.Rank)
	})
	tw.Flush()
	fmt.Fprintln(a.stdout)
	for d, dom := range ev.Domains {
		fmt.Fprintf(a.stdout, "%s: %s (%s %d)\n", dom.DisplayName(l), score(u.Domains[d]), l.Pick("hạng", "rank"), u.DomainRanks[d])
	}
	for _, w := range u.Warnings {
		fmt.Fprintln(a.stdout, w.Message(l))
	}
}
