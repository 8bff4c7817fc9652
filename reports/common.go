package reports

import (
	"github.com/cqs-vn/dtikit/audit"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
)

// Options describe a report. The zero value writes Vietnamese with no
// provenance details.
type Options struct {
	Lang        indicators.Lang // Vietnamese (default) or English
	Timestamp   time.Time       // the time of the run, printed and stored; fixes PDF dates
	Command     string          // the command line, for provenance
	ToolVersion string          // version of the tool, for provenance
	Authority   string          // the governing body above the issuer, e.g. "UBND THÀNH PHỐ HỒ CHÍ MINH"
	Issuer      string          // the issuing body, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	Number      string          // the document number, e.g. "125/BC-SKHCN"; a blank to fill in when empty
	SignerTitle string          // e.g. "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; lines split at "\n"
	Signer      string          // the signer's name
	Place       string          // place for the date line, e.g. "Thủ Dầu Một"
	RunID       string          // identifies the run that wrote a set of outputs; results.json, report.xlsx and report.pdf record it
	// TempFile writes data to a temporary file named like name and returns
	// its path: the .docx library reads pictures from files, so report.docx
	// needs it for its chart; the command gives one that writes into a
	// folder it removes afterwards. Nil: the Word report has no chart.
	TempFile func(name string, data []byte) (string, error)
	// Uncertainty, by unit code, is the Monte Carlo analysis of the ranks
	// (dti score --uncertainty); results.json carries it when set.
	Uncertainty map[string]audit.UnitUncertainty
	// UncertaintyChoices is what the Monte Carlo varied; results.json
	// records it (top-level "uncertainty") and the documents say it.
	UncertaintyChoices *audit.Choices
	// Audit is the statistical audit of the evaluation, computed once by
	// the caller for all the writers; nil: each writer that shows it
	// computes it (audit.RunWith, the correlation matrix only for
	// report.xlsx, the one writer that shows it).
	Audit *audit.Report
	// AuditFunc, when Audit is nil, gives the audit to the writers that
	// show it, which ask for it only when they come to it (results.json
	// after its units): the command passes audit.RunWith under a
	// sync.OnceValue, started beside the writers, so that the audit and
	// the writing share the processors.
	AuditFunc func() *audit.Report
	// Sensitivity is the variance-based sensitivity analysis (dti score
	// --sensitivity); results.json and report.xlsx carry it when set.
	Sensitivity []audit.Factor
	// Changes, by unit code, is each unit's progress since the previous
	// year; results.json carries it when set.
	Changes map[string]dti.Change
	// CSVExcel writes results.csv for a Vietnamese-locale Excel: ";"
	// between columns and a decimal comma (the default is "," and a point).
	CSVExcel bool
}

// uncertainty returns the Monte Carlo result of a unit, if any.
func (o *Options) uncertainty(code string) (audit.UnitUncertainty, bool) {
	if o == nil {
		return audit.UnitUncertainty{}, false
	}
	uu, ok := o.Uncertainty[code]
	return uu, ok
}

// audit returns the statistical audit of ev: the caller's, or computed,
// with the correlation matrix only when the writer shows it (matrix).
func (o *Options) audit(ev *dti.Evaluation, matrix bool) *audit.Report {
	switch {
	case o != nil && o.Audit != nil:
		return o.Audit
	case o != nil && o.AuditFunc != nil:
		return o.AuditFunc()
	}
	return audit.RunWith(ev, audit.Options{SkipMatrix: !matrix})
}

// sensitivity returns the sensitivity analysis, if any.
func (o *Options) sensitivity() []audit.Factor {
	if o == nil {
		return nil
	}
	return o.Sensitivity
}

func (o *Options) lang() indicators.Lang {
	if o != nil && o.Lang == indicators.English {
		return indicators.English
	}
	return indicators.Vietnamese
}

// pillar is a top-level node with its indicators in tree order.
type pillar struct {
	node *indicators.Node // nil for indicators directly under the index
	inds []int            // framework indicator indexes, depth first
}

// pillars returns the top-level nodes with their indicators in tree order.
func pillars(fw *indicators.Framework) []pillar {
	idx := map[string]int{}
	for j := range fw.Indicators {
		idx[fw.Indicators[j].Code] = j
	}
	var collect func(code string) []int
	collect = func(code string) []int {
		nodes, inds := fw.Children(code)
		var out []int
		for _, ind := range inds {
			out = append(out, idx[ind.Code])
		}
		for _, n := range nodes {
			out = append(out, collect(n.Code)...)
		}
		return out
	}
	nodes, inds := fw.Children("")
	var ps []pillar
	for _, n := range nodes {
		ps = append(ps, pillar{node: n, inds: collect(n.Code)})
	}
	if len(inds) > 0 {
		p := pillar{}
		for _, ind := range inds {
			p.inds = append(p.inds, idx[ind.Code])
		}
		ps = append(ps, p)
	}
	return ps
}

func (p pillar) name(lang indicators.Lang) string {
	if p.node == nil {
		return lang.Pick("Chỉ tiêu chung", "Other indicators")
	}
	return p.node.DisplayName(lang)
}

func (p pillar) code() string {
	if p.node == nil {
		return "—"
	}
	return p.node.Code
}

// stat summarises one column of scores over the units that have one.
type stat struct {
	mean, median, best float64
	n                  int
}

func summarise(vals []float64) stat {
	var v []float64
	for _, x := range vals {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return stat{mean: math.NaN(), median: math.NaN(), best: math.NaN()}
	}
	sort.Float64s(v)
	s := stat{n: len(v), best: v[len(v)-1]}
	for _, x := range v {
		s.mean += x
	}
	s.mean /= float64(len(v))
	if len(v)%2 == 1 {
		s.median = v[len(v)/2]
	} else {
		s.median = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return s
}

// pillarScores returns each unit's score of pillar p (NaN when none).
func pillarScores(ev *dti.Evaluation, p pillar) []float64 {
	out := make([]float64, len(ev.Units))
	for i, u := range ev.Units {
		out[i] = p.score(ev, u)
	}
	return out
}

// score returns unit u's score of pillar p, NaN when it has none.
func (p pillar) score(ev *dti.Evaluation, u *dti.Unit) float64 {
	if p.node == nil {
		return math.NaN()
	}
	if n, _ := ev.Node(u, p.node.Code); n.Status.Counted() {
		return n.Score
	}
	return math.NaN()
}

// awardText lists the awards a unit received, in lang.
func awardText(fw *indicators.Framework, u *dti.Unit, lang indicators.Lang) string {
	var parts []string
	for _, a := range u.AwardNames() {
		parts = append(parts, fw.AwardName(a, lang))
	}
	return strings.Join(parts, "; ")
}

// indicatorAt returns the details of the framework's indicator j for u.
func indicatorAt(ev *dti.Evaluation, u *dti.Unit, j int) dti.IndicatorResult {
	ir, _ := ev.Indicator(u, ev.Framework.Indicators[j].Code)
	return ir
}

// choicesText says what the Monte Carlo varied; the defaults when the
// caller did not say.
func (o *Options) choicesText(lang indicators.Lang) string {
	if o != nil && o.UncertaintyChoices != nil {
		return o.UncertaintyChoices.Text(lang)
	}
	return audit.Choices{Band: 0.25, Missing: []indicators.MissingPolicy{indicators.MissingZero, indicators.MissingReweight}}.Text(lang)
}
