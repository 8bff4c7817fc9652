package reports

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

// sampleEval scores the embedded 2024 sample, with a unit whose name is a
// formula added, as evaluators would run it.
func sampleEval(t testing.TB, extra ...*submission.Submission) *dti.Evaluation {
	t.Helper()
	fw, b, err := sample.Batch("2024")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: append(b.Submissions, extra...)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ev.Inputs = b.Inputs
	return ev
}

// jsonResults is results.json as another tool reads it.
type jsonResults struct {
	Units []struct {
		Code          string             `json:"code"`
		Name          string             `json:"name"`
		Score         *float64           `json:"score"`
		Rank          int                `json:"rank"`
		Class         string             `json:"class"`
		ClaimedScore  *float64           `json:"claimed_score"`
		AppraisalLoss float64            `json:"appraisal_loss"`
		Awards        []string           `json:"awards"`
		Nodes         map[string]jsonVal `json:"nodes"`
		Domains       map[string]jsonVal `json:"domains"`
		Indicators    map[string]struct {
			Value  *float64 `json:"value"`
			Points float64  `json:"points"`
			Status string   `json:"status"`
		} `json:"indicators"`
	} `json:"units"`
}

type jsonVal struct {
	Score *float64 `json:"score"`
}

// resultsOf decodes the evaluation's results.json.
func resultsOf(t testing.TB, ev *dti.Evaluation) jsonResults {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, ev, nil); err != nil {
		t.Fatal(err)
	}
	var r jsonResults
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

var fixedTime = time.Date(2025, 12, 15, 8, 0, 0, 0, time.UTC)

func formulaUnit() *submission.Submission {
	s := &submission.Submission{Unit: "XSS", Name: `=HYPERLINK("http://x","y")`, File: "xss.csv"}
	e := s.Entry("CQ.1")
	e.SetSelf(submission.Value{Raw: "50", Num: 50, Set: true})
	e.SetNote("+1 cộng")
	return s
}
