package dti_test

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/reports"
	"github.com/cqs-vn/dtikit/submission"
)

// The whole flow, as the dti command runs it: load a framework, ingest
// the submission files of a file system (here the embedded sample of the
// 14 wards of Thủ Dầu Một) into a batch, evaluate the batch, write the
// reports. Rejected files and input hashes flow through to the reports.
func Example() {
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		panic(err)
	}
	srcs, skipped, err := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	if err != nil {
		panic(err)
	}
	b := submission.Ingest(srcs, fw, nil)
	ev, err := dti.Evaluate(fw, b, nil)
	if err != nil {
		panic(err)
	}
	var results bytes.Buffer
	if err := reports.WriteJSON(&results, ev, nil); err != nil {
		panic(err)
	}
	fmt.Printf("%d files read, %d skipped, %d rejected\n", len(ev.Inputs), len(skipped), len(ev.Rejected))
	for _, u := range ev.Units[:3] {
		fmt.Printf("%d. %s %s %s (%s)\n", u.Rank, u.Code, u.Name, dti.FormatScore(u.Score, ev.Precision(), indicators.Vietnamese), u.Class)
	}
	// Phú Tân reported one serious incident: AT.3 (steps [[0, 3]], lower
	// is better) gives 0 of 3 points, a failed veto that caps the class.
	var pt *dti.Unit
	for _, u := range ev.Units {
		if u.Code == "PT" {
			pt = u
		}
	}
	at3, _ := ev.Indicator(pt, "AT.3")
	fmt.Printf("PT: AT.3 %s, %g of %g points; class %s\n", at3.Entry.Self().Raw, at3.Points, at3.Max, pt.Class)
	// Output:
	// 14 files read, 0 skipped, 0 rejected
	// 1. HT Phường Hiệp Thành 89,78 (Tốt)
	// 2. TBH Phường Tương Bình Hiệp 86,37 (Tốt)
	// 3. PM Phường Phú Mỹ 84,19 (Tốt)
	// PT: AT.3 1, 0 of 3 points; class Trung bình
}

func ExampleEvaluate() {
	fw, _ := indicators.Load("dti-province-2022")
	csv := "unit,name,NT,TC,HT,NL,AT,DTTM,CQS,KTS,XHS\n" +
		"DNG,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,,0.8575,0.7836,0.5197\n"
	subs, err := submission.ReadCSV([]byte(csv), "dti-2022.csv", fw, nil)
	if err != nil {
		panic(err)
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		panic(err)
	}
	u := ev.Units[0]
	fmt.Printf("%s %.4f rank %d %s\n", u.Name, u.Score, u.Rank, u.Class)
	// Output:
	// Đà Nẵng 0.8002 rank 1 Nâng cao
}

// Progress between the 2023 and 2024 samples: each ward compared with
// itself a year before.
func ExampleChanges() {
	fw, _ := indicators.Load("ward-unified-2025")
	eval := func(dir string) *dti.Evaluation {
		srcs, _, _ := submission.FSSources(sample.FS, dir, "")
		ev, _ := dti.Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
		return ev
	}
	ev23, ev24 := eval("testdata/sample/2023"), eval("testdata/sample/2024")
	ev24.SetChanges(dti.Changes(dti.PriorOf(ev23), ev24, nil))
	rose := 0
	for _, u := range ev24.Units {
		if u.Change != nil && u.Change.Score > 0 {
			rose++
		}
	}
	top := ev24.Units[0]
	fmt.Printf("%d of %d rose; %s (rank %d) moved %+d places, %s points\n", rose, len(ev24.Units), top.Code, top.Rank, top.Change.Rank, dti.FormatScore(top.Change.Score, ev24.Precision(), indicators.English))
	// Output:
	// 12 of 14 rose; HT (rank 1) moved +2 places, 7.69 points
}

// Points reads what a unit earned on one indicator, by its position in
// the framework, without the entry's details: here Phú Tân's AT.3 (one
// serious incident, steps [[0, 3]], lower is better: 0 of 3 points).
func ExampleEvaluation_Points() {
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		panic(err)
	}
	srcs, _, err := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	if err != nil {
		panic(err)
	}
	ev, err := dti.Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
	if err != nil {
		panic(err)
	}
	for _, u := range ev.Units {
		if u.Code != "PT" {
			continue
		}
		for j, ind := range fw.Indicators {
			if ind.Code == "AT.3" {
				pts, max, score, status := ev.Points(u, j)
				fmt.Printf("%s %s: %g of %g points, score %g, counted %v\n", u.Code, ind.Code, pts, max, score, status.Counted())
			}
		}
	}
	// Output:
	// PT AT.3: 0 of 3 points, score 0, counted true
}

// Value reads the value a unit was scored on: HT.6 (free public Wi-Fi
// hotspots) is scored per 10,000 residents, so Phú Tân's count is divided
// by its population and multiplied by 10,000 (7 × 10,000 / 9,800).
func ExampleEvaluation_Value() {
	fw, b, err := sample.Batch("2024")
	if err != nil {
		panic(err)
	}
	ev, err := dti.Evaluate(fw, b, nil)
	if err != nil {
		panic(err)
	}
	u := ev.Units[slices.IndexFunc(ev.Units, func(u *dti.Unit) bool { return u.Code == "PT" })]
	j := slices.IndexFunc(fw.Indicators, func(ind indicators.Indicator) bool { return ind.Code == "HT.6" })
	ir, _ := ev.Indicator(u, "HT.6")
	v, ok := ev.Value(u, j)
	fmt.Printf("PT HT.6: %s hotspots, %g residents: %.6g per 10,000 (%v)\n", ir.Entry.Self().Raw, u.Attributes()[indicators.AttrPopulation], v, ok)
	// Output:
	// PT HT.6: 7 hotspots, 9800 residents: 7.14286 per 10,000 (true)
}
