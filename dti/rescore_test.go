package dti

import (
	"math"
	"os"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

// TestRescorerReproduces: the rescorer's own specification gives every
// unit's index again, exactly, on a points framework (the 2024 sample,
// with values appraised, per resident and missing), a weighted mean of
// min-max scores over three levels (re-weighting missing values); a changed
// specification changes it (doubling one pillar's weight).
func TestRescorerReproduces(t *testing.T) {
	csv := func(fw *indicators.Framework, file string) *Evaluation {
		srcs, _, err := submission.FSSources(os.DirFS("../testdata"), file, "")
		if err != nil {
			t.Fatal(err)
		}
		b := submission.Ingest(srcs, fw, nil)
		ev, err := Evaluate(fw, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	ev24 := sample2024(t)
	for name, ev := range map[string]*Evaluation{"sample 2024": ev24, "composite (means of min-max)": csv(mustLoad(t, "../testdata/frameworks/composite.toml"), "composite.csv")} {
		if len(ev.Units) < 2 {
			t.Fatalf("%s: %d units", name, len(ev.Units))
		}
		r := ev.Rescorer()
		got := make([]float64, len(ev.Units))
		if err := r.Scores(r.Spec(), got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, u := range ev.Units {
			if got[i] != u.Score && !(math.IsNaN(got[i]) && !u.HasScore) {
				t.Errorf("%s %s: rescored %v, evaluated %v", name, u.Code, got[i], u.Score)
			}
		}
		// a pillar's weight under a mean, or its indicators' points
		// under a sum, doubled
		s := r.Spec()
		s.Nodes[1].Weight *= 2
		for j := range s.Indicators {
			if s.Indicators[j].Parent == 1 {
				s.Indicators[j].Max *= 2
				s.Indicators[j].Weight *= 2
				for k := range s.Indicators[j].Steps {
					s.Indicators[j].Steps[k].Points *= 2
				}
			}
		}
		changed := make([]float64, len(ev.Units))
		if err := r.Scores(s, changed); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		same := true
		for i := range got {
			same = same && changed[i] == got[i]
		}
		if same {
			t.Errorf("%s: doubling %s's weight changes no index", name, s.Nodes[1].Code)
		}
		// Changing a copy leaves the rescorer's own specification alone.
		again := make([]float64, len(ev.Units))
		if err := r.Scores(r.Spec(), again); err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if again[i] != got[i] && !math.IsNaN(got[i]) {
				t.Errorf("%s %s: %v after a changed run, %v before", name, ev.Units[i].Code, again[i], got[i])
			}
		}
	}
}

// TestValueMatchesIndicators: Value gives, for every unit and indicator of
// the 2024 sample (appraised, per resident, missing and not applicable
// values), the scored value and presence Indicators gives.
func TestValueMatchesIndicators(t *testing.T) {
	ev := sample2024(t)
	kinds := map[string]int{}
	for _, u := range ev.Units {
		j := 0
		for ir := range ev.Indicators(u) {
			v, ok := ev.Value(u, j)
			if ok != ir.HasValue || ok && v != ir.Scored {
				t.Errorf("%s %s: Value %v %v, Indicators %v %v", u.Code, ir.Code, v, ok, ir.Scored, ir.HasValue)
			}
			switch {
			case !ok:
				kinds["none"]++
			case ir.Appraised:
				kinds["appraised"]++
			case v != ir.Value:
				kinds["per"]++
			}
			j++
		}
	}
	for _, k := range []string{"none", "appraised", "per"} {
		if kinds[k] == 0 {
			t.Errorf("the sample has no %s value: %v", k, kinds)
		}
	}
}

// sample2024 scores the embedded 2024 sample.
func sample2024(t *testing.T) *Evaluation {
	t.Helper()
	fw, b, err := sample.Batch("2024")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Evaluate(fw, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}
