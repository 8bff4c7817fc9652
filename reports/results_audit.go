package reports

import (
	"encoding/json"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
)

// The top-level "audit" of results.json: the statistical audit of the
// cohort (audit.Run) and, when it was run, the sensitivity analysis.
type jsonAudit struct {
	Indicators   []jsonAuditIndicator `json:"indicators"`
	WithParent   []jsonCorrelation    `json:"with_parent"`
	WithIndex    []jsonCorrelation    `json:"with_index"`
	WithinPillar []jsonCorrelation    `json:"within_pillar"`
	Nodes        []jsonAuditNode      `json:"nodes"`
	LeaveOneOut  []jsonShift          `json:"leave_one_out"`
	Sensitivity  []jsonFactor         `json:"sensitivity,omitempty"`
}

type jsonAuditIndicator struct {
	Code         string   `json:"code"`
	N            int      `json:"n"`
	Availability jnum     `json:"availability"`
	Min          jnum     `json:"min"`
	Max          jnum     `json:"max"`
	Mean         jnum     `json:"mean"`
	Median       jnum     `json:"median"`
	SD           jnum     `json:"sd"`
	Skew         jnum     `json:"skew"`
	Kurtosis     jnum     `json:"kurtosis"`
	SameShare    jnum     `json:"same_share"`
	Flags        []string `json:"flags"`
}

type jsonCorrelation struct {
	A        string `json:"a"`
	B        string `json:"b"` // "" for the index
	N        int    `json:"n"`
	Pearson  jnum   `json:"pearson"`
	Spearman jnum   `json:"spearman"`
	Flag     string `json:"flag,omitempty"`
}

type jsonAuditNode struct {
	Code      string `json:"code"`
	K         int    `json:"children"`
	Alpha     jnum   `json:"alpha"`
	N         int    `json:"pca_units"`
	Explained []jnum `json:"pca_explained"`
	Loadings  []jnum `json:"pca_loadings"`
}

type jsonShift struct {
	Code   string `json:"code"`
	Pillar bool   `json:"pillar"`
	Mean   jnum   `json:"mean"`
	Max    jnum   `json:"max"`
}

type jsonFactor struct {
	Input   string  `json:"input"` // a pillar's code, or "missing"
	First   jnum    `json:"first"`
	Total   jnum    `json:"total"`
	FirstCI [2]jnum `json:"first_ci95"`
	TotalCI [2]jnum `json:"total_ci95"`
}

func jnums(x []float64) []jnum {
	out := make([]jnum, len(x))
	for i, v := range x {
		out[i] = jnum(v)
	}
	return out
}

func jsonCorrelations(cs []audit.Correlation) []jsonCorrelation {
	out := make([]jsonCorrelation, len(cs))
	for i, c := range cs {
		out[i] = jsonCorrelation{A: c.A, B: c.B, N: c.N, Pearson: jnum(c.Pearson), Spearman: jnum(c.Spearman), Flag: string(c.Flag)}
	}
	return out
}

// auditJSON encodes the audit of ev (opts.Audit, or computed) with the
// sensitivity analysis when there is one.
func auditJSON(ev *dti.Evaluation, opts *Options) ([]byte, error) {
	r := opts.audit(ev, false)
	ja := jsonAudit{
		Indicators:   make([]jsonAuditIndicator, len(r.Indicators)),
		WithParent:   jsonCorrelations(r.WithParent),
		WithIndex:    jsonCorrelations(r.WithIndex),
		WithinPillar: jsonCorrelations(r.WithinPillar),
		Nodes:        make([]jsonAuditNode, len(r.Nodes)),
		LeaveOneOut:  make([]jsonShift, len(r.LeaveOneOut)),
	}
	for i, d := range r.Indicators {
		fl := make([]string, len(d.Flags))
		for j, f := range d.Flags {
			fl[j] = string(f)
		}
		ja.Indicators[i] = jsonAuditIndicator{Code: d.Code, N: d.N, Availability: jnum(d.Availability), Min: jnum(d.Min), Max: jnum(d.Max), Mean: jnum(d.Mean), Median: jnum(d.Median), SD: jnum(d.SD), Skew: jnum(d.Skew), Kurtosis: jnum(d.Kurtosis), SameShare: jnum(d.SameShare), Flags: fl}
	}
	for i, nd := range r.Nodes {
		ja.Nodes[i] = jsonAuditNode{Code: nd.Code, K: nd.K, Alpha: jnum(nd.Alpha), N: nd.N, Explained: jnums(nd.Explained), Loadings: jnums(nd.Loadings)}
	}
	for i, s := range r.LeaveOneOut {
		ja.LeaveOneOut[i] = jsonShift{Code: s.Code, Pillar: s.Pillar, Mean: jnum(s.Mean), Max: jnum(s.Max)}
	}
	if opts != nil {
		for _, f := range opts.Sensitivity {
			ja.Sensitivity = append(ja.Sensitivity, jsonFactor{Input: f.Name, First: jnum(f.First), Total: jnum(f.Total), FirstCI: [2]jnum{jnum(f.FirstLo), jnum(f.FirstHi)}, TotalCI: [2]jnum{jnum(f.TotalLo), jnum(f.TotalHi)}})
		}
	}
	return json.Marshal(ja)
}
