package audit_test

import (
	"fmt"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

func sample2024() *dti.Evaluation {
	fw, _ := indicators.Load("ward-unified-2025")
	srcs, _, _ := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	ev, _ := dti.Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
	return ev
}

// The Monte Carlo ranks of the 2024 sample's leader: with a band of 0 and
// nothing else drawn every run is the evaluation, so the interval is the
// official rank.
func ExampleUncertainty() {
	ev := sample2024()
	us, err := audit.Uncertainty(ev, audit.UncertaintyOptions{Runs: 100, Seed: 1, Band: 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	u := us[0]
	fmt.Printf("%s: official rank %d, median %d, 90 %% within %d–%d\n", u.Code, u.Nominal, u.Median, u.P05, u.P95)
	c := audit.UncertaintyChoices(ev, audit.UncertaintyOptions{Runs: 100, Band: -1, Missing: true, Normalise: true})
	fmt.Println("by default the analysis varies:", c.Text(indicators.English))
	// Output:
	// HT: official rank 1, median 1, 90 % within 1–1
	// by default the analysis varies: weights ±25 %; missing values scored 0 or left out
}

// The statistical audit of the 2024 sample: pillar NT has 4 indicators (4 lines with parent = "NT" in ward-unified-2025.toml); 53 indicators, 8 pillars and the index make 62 series.
func ExampleRun() {
	r := audit.Run(sample2024())
	for _, n := range r.Nodes {
		if n.Code == "NT" {
			fmt.Printf("%s: %d children, Cronbach's alpha computed: %v\n", n.Code, n.K, n.Alpha == n.Alpha)
		}
	}
	fmt.Println(len(r.Indicators), "indicators described,", len(r.MatrixCodes), "series in the correlation matrix")
	// Output:
	// NT: 4 children, Cronbach's alpha computed: true
	// 53 indicators described, 62 series in the correlation matrix
}

// The same audit without the correlation matrix, which only report.xlsx
// shows: the 53 indicators are described all the same.
func ExampleRunWith() {
	r := audit.RunWith(sample2024(), audit.Options{SkipMatrix: true})
	fmt.Println(len(r.Indicators), "indicators described,", len(r.MatrixCodes), "series in the correlation matrix")
	// Output:
	// 53 indicators described, 0 series in the correlation matrix
}
