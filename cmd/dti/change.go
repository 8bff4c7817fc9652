package main

import (
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/reports"
	"github.com/cqs-vn/dtikit/submission"
)

// yearChanges compares each year's evaluation with the year before it in the
// same run, and the earliest with --previous when given; --units-map lets
// a merged unit be compared with its predecessors. It returns the changes
// per evaluation (nil where there is nothing to compare with).
func (a *app) yearChanges(evs []*dti.Evaluation, batches []*submission.Batch, previous, unitsMap string) ([]map[string]dti.Change, error) {
	out := make([]map[string]dti.Change, len(evs))
	var m []dti.MapRow
	if unitsMap != "" {
		f, err := os.Open(unitsMap)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if m, err = dti.ReadUnitsMap(f, unitsMap); err != nil {
			a.errorf("%v", err)
			return nil, exitCode(1)
		}
	}
	// The evaluations in the order of their years.
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	period := func(i int) string {
		if p := batches[i].Periods(); len(p) > 0 {
			return p[0]
		}
		return ""
	}
	sort.SliceStable(order, func(x, y int) bool { return period(order[x]) < period(order[y]) })
	var prior map[string]dti.Prior
	if previous != "" {
		f, err := os.Open(previous)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if prior, err = reports.ReadPriors(f); err != nil {
			a.errorf(a.lang.Pick("%s: không đọc được results.json: %v", "%s: cannot read results.json: %v"), previous, err)
			return nil, exitCode(1)
		}
	}
	for k, i := range order {
		if prior != nil {
			out[i] = dti.Changes(prior, evs[i], m)
		}
		if k+1 < len(order) { // the last year is no one's prior: 19 MB of maps for 10,000 units
			prior = dti.PriorOf(evs[i])
		}
	}
	return out, nil
}

// progressSummary prints how the units moved since the previous year.
func (a *app) progressSummary(ev *dti.Evaluation, ch map[string]dti.Change) {
	l := a.lang
	up, down, est := 0, 0, 0
	best, bestCode, from := math.Inf(-1), "", ""
	for _, u := range ev.Units {
		c, ok := ch[u.Code]
		if !ok {
			continue
		}
		from = c.From
		switch {
		case c.Score > 0:
			up++
		case c.Score < 0:
			down++
		}
		if c.Estimated {
			est++
		}
		if c.Score > best {
			best, bestCode = c.Score, u.Code
		}
	}
	if len(ch) == 0 {
		return
	}
	fmt.Fprintf(a.stdout, l.Pick("So với năm %s: %d đơn vị tăng điểm, %d giảm", "Since %s: %d units up, %d down"), orDotsCmd(from), up, down)
	if est > 0 {
		fmt.Fprintf(a.stdout, l.Pick(" (%d đơn vị so với bình quân gia quyền các đơn vị trước sáp nhập)", " (%d compared with the weighted mean of their predecessors)"), est)
	}
	if bestCode != "" {
		fmt.Fprintf(a.stdout, l.Pick("; tiến bộ nhiều nhất: %s (%s điểm)", "; most improved: %s (%s points)"), bestCode, signedScore(best, ev.Precision(), l))
	}
	fmt.Fprintln(a.stdout, ".")
}

func signedScore(v float64, prec int, l indicators.Lang) string {
	s := dti.FormatScore(v, prec, l)
	if v > 0 {
		return "+" + s
	}
	return s
}

func orDotsCmd(s string) string {
	if s == "" {
		return "trước"
	}
	return s
}
