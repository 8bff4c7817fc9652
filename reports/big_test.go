package reports

import (
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/submission"
)

// bigEval evaluates n synthetic communes on a framework of m indicators
// in 6 pillars (sum of points, 100 in all).
func bigEval(tb testing.TB, n, m int) *dti.Evaluation {
	tb.Helper()
	fw, subs := fixture.Big(tb, n, m)
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}
