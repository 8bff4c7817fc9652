package audit

import (
	"os"
	"reflect"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// composite evaluates the three-level composite of weighted means of
// min-max scores (missing values re-weighted) on its 5 units, with the
// framework changed by change first.
func composite(t *testing.T, change func(*indicators.Framework)) *dti.Evaluation {
	t.Helper()
	data, err := os.ReadFile("../testdata/frameworks/composite.toml")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := indicators.Decode(data, "composite.toml")
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(fw)
	}
	srcs, _, err := submission.FSSources(os.DirFS("../testdata"), "composite.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := dti.Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Units) != 5 {
		t.Fatalf("%d units", len(ev.Units))
	}
	return ev
}

// TestUncertaintyMeans: on a framework of weighted means the Monte Carlo
// scores the values again. With a band of 0 and no choice drawn every
// run is the evaluation, and so with any band when every node and
// indicator has a band of its own of 0; with the choices fixed by the framework's
// [uncertainty] table (percentile ranks, missing values scored 0) every
// run is the evaluation of the framework changed so, scored apart by
// dti.Evaluate; with everything drawn the official rank lies in the
// interval and the same seed gives the same result.
func TestUncertaintyMeans(t *testing.T) {
	ev := composite(t, nil)
	us, err := Uncertainty(ev, UncertaintyOptions{Runs: 30, Seed: 1, Band: 0})
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range ev.Units {
		if uu := us[i]; uu.Median != u.Rank || uu.P05 != u.Rank || uu.P95 != u.Rank || u.ClassIdx >= 0 && uu.PClass[u.ClassIdx] != 1 {
			t.Errorf("%s: %+v, nominal %d", u.Code, uu, u.Rank)
		}
	}

	// Every item's own band of 0 fixes its weight whatever the band.
	pinned := composite(t, func(fw *indicators.Framework) {
		zero := 0.0
		for i := range fw.Nodes {
			fw.Nodes[i].UncertaintyBand = &zero
		}
		for i := range fw.Indicators {
			fw.Indicators[i].UncertaintyBand = &zero
		}
	})
	us, err = Uncertainty(pinned, UncertaintyOptions{Runs: 30, Seed: 1, Band: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range pinned.Units {
		if uu := us[i]; uu.Median != u.Rank || uu.P05 != u.Rank || uu.P95 != u.Rank {
			t.Errorf("pinned %s: %+v, nominal %d", u.Code, uu, u.Rank)
		}
	}

	fixed := composite(t, func(fw *indicators.Framework) {
		zero := 0.0
		fw.Uncertainty = &indicators.Uncertainty{Band: &zero, Missing: []indicators.MissingPolicy{indicators.MissingZero}, Normalize: []indicators.Normalization{indicators.NormRank}}
	})
	apart := composite(t, func(fw *indicators.Framework) {
		fw.Missing, fw.Normalize = indicators.MissingZero, indicators.NormRank
	})
	want := map[string]int{}
	for _, u := range apart.Units {
		want[u.Code] = u.Rank
	}
	us, err = Uncertainty(fixed, UncertaintyOptions{Runs: 20, Seed: 1, Band: -1, Missing: true, Normalise: true})
	if err != nil {
		t.Fatal(err)
	}
	moved := false
	for i, u := range fixed.Units {
		w := want[u.Code]
		moved = moved || w != u.Rank
		if uu := us[i]; uu.Median != w || uu.P05 != min(w, u.Rank) || uu.P95 != max(w, u.Rank) {
			t.Errorf("%s: median %d [%d, %d], scored apart %d, official %d", u.Code, uu.Median, uu.P05, uu.P95, w, u.Rank)
		}
	}
	if !moved {
		t.Log("ranks and zero-filling move no rank of the composite sample")
	}

	o := UncertaintyOptions{Runs: 300, Seed: 4, Band: -1, Missing: true, Normalise: true}
	us, err = Uncertainty(ev, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, uu := range us {
		if uu.Nominal < uu.P05 || uu.Nominal > uu.P95 {
			t.Errorf("%s: nominal %d outside [%d, %d]", uu.Code, uu.Nominal, uu.P05, uu.P95)
		}
	}
	again, _ := Uncertainty(ev, o)
	if !reflect.DeepEqual(us, again) {
		t.Error("the same seed gives a different result")
	}
}

// TestEnginePathsAgree: on a points framework, scoring the values again
// under a changed specification gives what the points path gives for the
// same draws: the same ranks, classes and awards, run by run, so the
// weights are scaled alike in both (a node's weight through the points of
// everything under it).
func TestEnginePathsAgree(t *testing.T) {
	ev := sample2024(t)
	o := UncertaintyOptions{Runs: 200, Seed: 9, Band: 0.25, Missing: true}
	fast, err := newEngine(ev, o.Band, o.Missing, false)
	if err != nil {
		t.Fatal(err)
	}
	if fast.pd == nil {
		t.Fatal("the 2024 sample does not take the points path")
	}
	slow, _ := newEngine(ev, o.Band, o.Missing, false)
	slow.pd, slow.rs = nil, ev.Rescorer()
	a, err := uncertainty(ev, o, fast)
	if err != nil {
		t.Fatal(err)
	}
	b, err := uncertainty(ev, o, slow)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		for i := range a {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Errorf("%s: points path %+v, rescored %+v", a[i].Code, a[i], b[i])
			}
		}
	}
}
