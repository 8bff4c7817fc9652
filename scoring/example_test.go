package scoring_test

import (
	"fmt"

	"github.com/cqs-vn/dtikit/scoring"
)

func ExampleScore() {
	// An index of 10 points: online dossiers (ratio to 60 %, 6 points) and
	// a video-conference point (yes/no, 4 points).
	m := &scoring.Model{
		Scale: 100, Precision: 2, VetoCap: -1,
		Nodes: []scoring.Node{{Parent: -1, Agg: scoring.Sum}},
		Indicators: []scoring.Indicator{
			{Code: "CQ.2", Max: 6, Rule: scoring.Ratio, Target: 60},
			{Code: "HT.4", Max: 4, Rule: scoring.Boolean},
		},
		Classes: []scoring.Class{{Name: "Tốt", Min: 80}, {Name: "Khá", Min: 50}, {Name: "Yếu", Min: 0}},
	}
	x := scoring.NewMatrix([]string{"PC", "HT"}, 2)
	x.Set(0, 0, 45) // 45/60 × 6 = 4.5
	x.Set(0, 1, 1)  // + 4 = 8.5 of 10
	x.Set(1, 0, 72) // capped: 6
	x.SetState(1, 1, scoring.NotApplicable)
	r, err := scoring.Score(m, x)
	if err != nil {
		panic(err)
	}
	for u, code := range x.Units {
		s, _ := r.Index(u)
		fmt.Printf("%s %.2f rank %d %s\n", code, s, r.NodeRank[u*len(m.Nodes)], m.Classes[r.Class[u]].Name)
	}
	// Output:
	// PC 85.00 rank 2 Tốt
	// HT 100.00 rank 1 Tốt
}
