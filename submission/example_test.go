package submission_test

import (
	"fmt"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

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
