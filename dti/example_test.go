package dti_test

import (
	"fmt"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

func ExampleEvaluate() {
	fw, _ := indicators.Load("dti-province-2022")
	csv := "unit,name,NT,TC,HT,NL,AT,DTTM,CQS,KTS,XHS\n" +
		"DNG,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,,0.8575,0.7836,0.5197\n"
	subs, err := submission.ReadCSV([]byte(csv), "dti-2022.csv", fw)
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

func ExampleParseNumber() {
	for _, s := range []string{"87,5", "87,5%", "1.234", "0.125"} {
		v, _ := submission.ParseNumber(s)
		fmt.Println(s, "→", v)
	}
	// Output:
	// 87,5 → 87.5
	// 87,5% → 87.5
	// 1.234 → 1234
	// 0.125 → 0.125
}

// A submission built in code: one entry per indicator, self-assessed and
// appraised values, scored on the appraised basis.
func ExampleSubmission_Entry() {
	fw, _ := indicators.Load("dti-province-2022")
	s := &submission.Submission{Unit: "DNG", Name: "Đà Nẵng"}
	for _, ind := range fw.Indicators {
		s.Entry(ind.Code).Self = submission.Value{Num: 0.9, Set: true}
	}
	s.Entry("NT").Appraised = submission.Value{Num: 0.6, Set: true}
	for code, e := range s.All() {
		if e.Appraised.Set {
			fmt.Println(code, "tự đánh giá", e.Self.Num, "thẩm định", e.Appraised.Num)
		}
	}
	ev, _ := dti.Evaluate(fw, &submission.Batch{Submissions: []*submission.Submission{s}}, nil)
	u := ev.Units[0]
	fmt.Printf("%d chỉ tiêu; claimed %.4f, given %.4f\n", s.Len(), u.Claimed, u.Score)
	// Output:
	// NT tự đánh giá 0.9 thẩm định 0.6
	// 9 chỉ tiêu; claimed 0.9000, given 0.8700
}
