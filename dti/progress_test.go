package dti

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// progressSample scores the 2023 and 2024 samples on ward-unified-2025
// with an extra award, "Đơn vị tiến bộ", for the two units whose index
// rose most (cumulative, so that holders of the other awards compete).
func progressSample(t *testing.T) (ev23, ev24 *Evaluation) {
	t.Helper()
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	// The workbooks were made from the framework as published: read them
	// with it, score them with the award added.
	withAward := *fw
	withAward.Awards = append(append([]indicators.Award{}, fw.Awards...), indicators.Award{Name: "Đơn vị tiến bộ", NameEN: "Most improved", Count: 2, Basis: indicators.AwardByProgress, Cumulative: true})
	eval := func(dir string) *Evaluation {
		srcs, _, err := submission.FSSources(sample.FS, dir, "")
		if err != nil {
			t.Fatal(err)
		}
		ev, err := Evaluate(&withAward, submission.Ingest(srcs, fw, nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	return eval("testdata/sample/2023"), eval("testdata/sample/2024")
}

// TestProgressAward: an award by progress goes to the units whose
// published index rose most, among those eligible (no failed veto, the
// evidence present); the expectation is computed here from the two
// years' scores, rounded to two decimals as published. Without the
// previous year nobody receives it and each unit is told why.
func TestProgressAward(t *testing.T) {
	ev23, ev24 := progressSample(t)
	a := len(ev24.Framework.Awards) - 1
	noPrior := 0
	for _, u := range ev24.Units {
		r := u.Awards[a]
		if r.Awarded || r.Reason == scoring.ReasonNoPrior && (len(u.VetoFailed) > 0 || !u.EvidenceOK) {
			t.Errorf("%s before SetChanges: %+v", u.Code, r)
		}
		if r.Reason == scoring.ReasonNoPrior {
			noPrior++
			if why := ev24.Reasons(u, indicators.Vietnamese).Awards[a]; !strings.Contains(why, "không có kết quả năm trước") {
				t.Errorf("%s: reason %q", u.Code, why)
			}
		}
	}
	if noPrior == 0 {
		t.Error("no unit is told that the previous year is needed")
	}
	then := map[string]float64{}
	for _, u := range ev23.Units {
		then[u.Code] = math.Round(u.Score*100) / 100
	}
	type rise struct {
		code string
		v    float64
	}
	var rises []rise
	for _, u := range ev24.Units {
		p, ok := then[u.Code]
		if !ok || len(u.VetoFailed) > 0 || !u.EvidenceOK {
			continue
		}
		if v := math.Round((math.Round(u.Score*100)/100-p)*100) / 100; v > 0 {
			rises = append(rises, rise{u.Code, v})
		}
	}
	sort.Slice(rises, func(i, j int) bool { return rises[i].v > rises[j].v })
	if len(ev24.Units) != 14 || len(rises) < 3 || rises[1].v == rises[2].v {
		t.Fatalf("the sample does not separate two winners: %v", rises)
	}
	want := map[string]bool{rises[0].code: true, rises[1].code: true}

	ev24.SetChanges(Changes(PriorOf(ev23), ev24, nil))
	got := 0
	for _, u := range ev24.Units {
		r := u.Awards[a]
		if r.Awarded != want[u.Code] {
			t.Errorf("%s: awarded %v, want %v (%+v)", u.Code, r.Awarded, want[u.Code], r)
		}
		if r.Awarded {
			got++
			why := ev24.Reasons(u, indicators.Vietnamese).Awards[a]
			if !strings.Contains(why, "chỉ số tăng +") || !strings.Contains(why, "so với năm 2023") {
				t.Errorf("%s: reason %q", u.Code, why)
			}
		}
	}
	if got != 2 {
		t.Errorf("%d units awarded, want 2", got)
	}
	// The other awards are as before.
	_, fresh := progressSample(t)
	for i, u := range ev24.Units {
		for k := 0; k < a; k++ {
			if u.Awards[k] != fresh.Units[i].Awards[k] {
				t.Errorf("%s: %s changed: %+v, was %+v", u.Code, u.Awards[k].Award, u.Awards[k], fresh.Units[i].Awards[k])
			}
		}
	}
}
