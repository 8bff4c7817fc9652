package audit

import (
	"math/rand/v2"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSkipMatrix: without the matrix the audit is the full one less its
// Matrix and MatrixCodes, every other figure the same.
func TestSkipMatrix(t *testing.T) {
	fw, subs := fixture.Big(t, 400, 24)
	rng := rand.New(rand.NewPCG(7, 8))
	for _, s := range subs {
		for _, ind := range fw.Indicators {
			if rng.IntN(30) == 0 {
				e := s.Entry(ind.Code)
				e.SetSelf(submission.Value{})
				e.SetAppraised(submission.Value{})
			}
		}
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	full, part := Run(ev), RunWith(ev, Options{SkipMatrix: true})
	if len(full.Matrix) != 24+6+1 || len(full.MatrixCodes) != 24+6+1 {
		t.Fatalf("full audit: %d × %d matrix", len(full.Matrix), len(full.MatrixCodes))
	}
	if part.Matrix != nil || part.MatrixCodes != nil {
		t.Fatalf("matrix left in: %d codes", len(part.MatrixCodes))
	}
	full.Matrix, full.MatrixCodes = nil, nil
	if diff := cmp.Diff(full, part, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("audits differ (-full +without matrix):\n%s", diff)
	}
}
