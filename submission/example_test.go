package submission_test

import (
	"fmt"
	"strings"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// One convention per source: the same text means one number in a comma
// CSV, another in a semicolon CSV, and two in a typed text cell, where the
// indicator decides (see ParseValue).
func ExampleReadings() {
	for _, d := range []submission.Decimal{submission.DecimalPoint, submission.DecimalComma, submission.DecimalAuto} {
		var line []string
		for _, s := range []string{"47.161", "47,161", "1.234,5", "87,5%"} {
			r, err := submission.Readings(s, d)
			if err != nil {
				line = append(line, s+" –")
				continue
			}
			line = append(line, fmt.Sprint(s, " ", r))
		}
		fmt.Println(strings.Join(line, " | "))
	}
	// Output:
	// 47.161 [47.161] | 47,161 – | 1.234,5 – | 87,5% –
	// 47.161 [47161] | 47,161 [47.161] | 1.234,5 [1234.5] | 87,5% [87.5]
	// 47.161 [47.161 47161] | 47,161 [47.161 47161] | 1.234,5 [1234.5] | 87,5% [87.5]
}

// A submission built in code: one entry per indicator, self-assessed and
// appraised values, scored on the appraised basis.
func ExampleSubmission_Entry() {
	fw, _ := indicators.Load("dti-province-2022")
	s := &submission.Submission{Unit: "DNG", Name: "Đà Nẵng"}
	for _, ind := range fw.Indicators {
		s.Entry(ind.Code).SetSelf(submission.Value{Num: 0.9, Set: true})
	}
	nt := s.Entry("NT")
	nt.SetAppraised(submission.Value{Num: 0.6, Set: true})
	nt.SetReason("đối chiếu Hệ thống thông tin giải quyết TTHC")
	for code, e := range s.All() {
		if e.Appraised().Set {
			fmt.Println(code, "tự đánh giá", e.Self().Num, "thẩm định", e.Appraised().Num, "lý do:", e.Reason())
		}
	}
	ev, _ := dti.Evaluate(fw, &submission.Batch{Submissions: []*submission.Submission{s}}, nil)
	u := ev.Units[0]
	fmt.Printf("%d chỉ tiêu; claimed %.4f, given %.4f\n", s.Len(), u.Claimed, u.Score)
	// Output:
	// NT tự đánh giá 0.9 thẩm định 0.6 lý do: đối chiếu Hệ thống thông tin giải quyết TTHC
	// 9 chỉ tiêu; claimed 0.9000, given 0.8700
}
