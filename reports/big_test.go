package reports

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// bigEval evaluates n synthetic communes on a framework of m indicators
// in 6 pillars (sum of points, 100 in all).
func bigEval(tb testing.TB, n, m int) *dti.Evaluation {
	tb.Helper()
	one := func(v float64) *float64 { return &v }
	fw := &indicators.Framework{ID: "big", Name: "Khung lớn", NameEN: "Big", Version: "1", Scale: 100, Aggregation: "sum", Missing: "zero", Normalize: "minmax", Precision: new(int)}
	*fw.Precision = 2
	per := m / 6
	for p := 0; p < 6; p++ {
		code := fmt.Sprintf("P%d", p+1)
		fw.Nodes = append(fw.Nodes, indicators.Node{Code: code, Name: "Trụ cột " + code, NameEN: "Pillar " + code, MaxPoints: one(float64(per))})
		for i := 0; i < per; i++ {
			fw.Indicators = append(fw.Indicators, indicators.Indicator{Code: fmt.Sprintf("%s.%d", code, i+1), Parent: code, Name: "Tỷ lệ hồ sơ trực tuyến " + code, NameEN: "Share",
				Unit: "%", Direction: "higher", MaxPoints: one(1), Rule: &indicators.Rule{Kind: "ratio", Target: one(100)}, Domains: []string{indicators.BuiltinDomains[i%3].Code}, Maps: []string{"DTI-922:CQS"},
				Solution: indicators.Solutions[i%5], Recommendation: "Đẩy mạnh hướng dẫn người dân.", RecommendationEN: "Coach residents."})
		}
	}
	fw.Classes = []indicators.Class{{Name: "Xuất sắc", NameEN: "Excellent", Min: 90}, {Name: "Tốt", NameEN: "Good", Min: 80}, {Name: "Khá", NameEN: "Fair", Min: 70}, {Name: "Trung bình", NameEN: "Average", Min: 50}, {Name: "Yếu", NameEN: "Weak", Min: 0}}
	if err := fw.Validate(); err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	subs := make([]*submission.Submission, n)
	for u := range subs {
		s := &submission.Submission{Unit: fmt.Sprintf("X%05d", u), Name: fmt.Sprintf("Xã Tương Bình Hiệp Thượng %d", u)}
		base := 40 + rng.Float64()*60
		for _, ind := range fw.Indicators {
			v := base + (rng.Float64()-0.5)*30
			e := s.Entry(ind.Code)
			e.Self = submission.Value{Raw: fmt.Sprint(v), Num: v, Set: true}
			if rng.IntN(20) == 0 {
				e.Appraised = submission.Value{Raw: fmt.Sprint(v - 10), Num: v - 10, Set: true}
				e.Reason = "Đối chiếu số liệu hệ thống"
			}
		}
		subs[u] = s
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}
