package scoring_test

import (
	"fmt"
	"math"

	"github.com/cqs-vn/dtikit/scoring"
)

func ExampleScore() {
	// An index of 10 points: online dossiers (ratio to 60 %, 6 points) and
	// a video-conference point (yes/no, 4 points).
	m, err := scoring.Compile(scoring.Spec{
		Scale: 100, Precision: 2, VetoCap: -1,
		Nodes: []scoring.Node{{Parent: -1, Agg: scoring.Sum}},
		Indicators: []scoring.Indicator{
			{Code: "CQ.2", Max: 6, Rule: scoring.Ratio, Target: 60},
			{Code: "HT.4", Max: 4, Rule: scoring.Boolean},
		},
		Classes: []scoring.Class{{Name: "Tốt", Min: 80}, {Name: "Khá", Min: 50}, {Name: "Yếu", Min: 0}},
	})
	if err != nil {
		panic(err)
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
	classes := m.Spec().Classes
	for u, code := range x.Units {
		s, _ := r.Index(u)
		fmt.Printf("%s %.2f rank %d %s\n", code, s, r.NodeRank[u*m.NumNodes()], classes[r.Class[u]].Name)
	}
	// Output:
	// PC 85.00 rank 2 Tốt
	// HT 100.00 rank 1 Tốt
}

func ExampleColumnRanks() {
	// Two columns (digital government, smart city) for four wards,
	// published to one decimal: 81.24 and 81.2 both publish as 81.2 and
	// share rank 2 behind 90; 75.5 and 75.46 share rank 1 in the second
	// column, and the ward with no smart-city score (NaN) is not ranked.
	nan := math.NaN()
	table := []float64{
		81.24, 70,
		81.2, 75.5,
		79.9, nan,
		90, 75.46,
	}
	fmt.Println(scoring.ColumnRanks(table, 2, 1))
	// Output:
	// [2 3 2 1 4 0 1 1]
}

func ExampleScoreClaims() {
	// A ward claimed 60 % of dossiers online (ratio to a 60 % target, 6
	// points); the evaluators gave 45 % (4.5 points). The claimed basis
	// keeps the index and recomputes a cell when asked.
	m, err := scoring.Compile(scoring.Spec{Scale: 100, Precision: -1, VetoCap: -1,
		Nodes:      []scoring.Node{{Parent: -1, Agg: scoring.Sum}},
		Indicators: []scoring.Indicator{{Code: "CQ.2", Max: 6, Rule: scoring.Ratio, Target: 60}}})
	if err != nil {
		panic(err)
	}
	self := scoring.NewMatrix([]string{"PC"}, 1)
	self.Set(0, 0, 60)
	c, err := scoring.ScoreClaims(m, self)
	if err != nil {
		panic(err)
	}
	fmt.Printf("claimed %.2f; CQ.2 claimed %.1f points, %.1f at 45 %%\n", c.Index[0], c.Points(0, scoring.Present, 60), c.Points(0, scoring.Present, 45))
	// Output:
	// claimed 100.00; CQ.2 claimed 6.0 points, 4.5 at 45 %
}
