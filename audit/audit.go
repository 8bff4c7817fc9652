package audit

import (
	"math"
	"slices"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/scoring"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Thresholds of the flags, after the JRC/OECD handbook and COINr.
const (
	MinAvailability = 0.65 // an indicator with values for fewer units is flagged
	MaxSameShare    = 0.5  // one value shared by more units than this: it does not discriminate
	MaxAbsSkew      = 2.0  // with kurtosis above MaxKurtosis: a skewed distribution
	MaxKurtosis     = 3.5
	MaxCorrelation  = 0.9  // two indicators of a pillar more correlated say the same thing
	MinCorrelation  = -0.4 // an indicator this negatively correlated pulls against the others
)

// Flag names a problem the audit found.
type Flag string

// Flags.
const (
	FlagNoDiscrimination Flag = "no-discrimination" // one value for most units
	FlagSkewed           Flag = "skewed"            // |skewness| > 2 and kurtosis > 3.5
	FlagLowAvailability  Flag = "low-availability"  // values for fewer than 65 % of the units
	FlagCollinear        Flag = "collinear"         // r > 0.9 with another indicator of its pillar
	FlagNegative         Flag = "negative"          // r < −0.4
)

// Indicator is the distribution of one indicator's values over the units:
// numbers as scored (per resident or household where the framework says
// so); for yes/no, pass/fail and categorical indicators, whose value is an
// answer, the score it earns (points ÷ max × scale).
type Indicator struct {
	Code         string
	N            int     // units with a value
	Availability float64 // N ÷ units
	Min, Max     float64
	Mean, Median float64
	SD           float64 // sample standard deviation
	Skew         float64 // adjusted Fisher–Pearson skewness (Excel's SKEW)
	Kurtosis     float64 // excess kurtosis, bias-corrected (Excel's KURT)
	SameShare    float64 // share of the units with values that have the most frequent one
	Flags        []Flag
}

// Correlation is between two series over the units that have both.
type Correlation struct {
	A, B     string // codes; "" for the index
	N        int
	Pearson  float64
	Spearman float64
	Flag     Flag // FlagCollinear or FlagNegative, or ""
}

// Node is a node's internal consistency and principal components.
type Node struct {
	Code  string
	K     int     // children
	Alpha float64 // Cronbach's alpha from pairwise-complete covariances; NaN under 2 children
	// PCA on the complete cases of the children's scores, standardised:
	// the share of the variance each component explains, largest first,
	// and the first component's loadings (largest loading positive).
	N         int
	Explained []float64
	Loadings  []float64
}

// Report is the audit of one evaluation.
type Report struct {
	Indicators   []Indicator
	WithParent   []Correlation // each indicator with its parent node's score
	WithIndex    []Correlation // each indicator with the index
	WithinPillar []Correlation // each pair of indicators of the same pillar
	Nodes        []Node
	LeaveOneOut  []Shift // each indicator, then each pillar; nil for weighted means
	// Matrix is Pearson's correlation, pairwise complete, between every
	// two of MatrixCodes: the indicators' scores, then the pillars', then
	// the index (code ""); the diagonal is 1 (NaN for a constant series).
	MatrixCodes []string
	Matrix      [][]float64
}

// Run audits ev: every part of the Report.
func Run(ev *dti.Evaluation) *Report { return RunWith(ev, Options{}) }

// Options choose parts of the audit to leave out; the zero Options leave
// out nothing.
type Options struct {
	// SkipMatrix leaves Matrix and MatrixCodes empty. Only report.xlsx
	// shows the matrix, and pairing every two of the indicators is most
	// of the audit's pairs (5,565 of 6,965 on 100 indicators in 4
	// pillars): `dti score --format json` on the #13 harness CSV took
	// 0.96–1.04 s without it against 1.08–1.31 s with it (six
	// interleaved pairs, same bytes); BenchmarkAuditMissing 312–372 ms
	// without (no-matrix), 419–487 ms with (all).
	SkipMatrix bool
}

// RunWith audits ev, leaving out what o says.
func RunWith(ev *dti.Evaluation, o Options) *Report {
	fw := ev.Framework
	r := &Report{}
	nU := len(ev.Units)
	values := make([][]float64, len(fw.Indicators)) // as scored; NaN none
	scores := make([][]float64, len(fw.Indicators)) // points ÷ max × scale; NaN none
	for j := range fw.Indicators {
		values[j] = make([]float64, nU)
		scores[j] = make([]float64, nU)
	}
	index := make([]float64, nU)
	// Gathered on every core, each unit's cells written by one worker
	// (BenchmarkAudit, 10,000 × 102, -benchtime 8x, three runs each:
	// 549–670 → 412–505 ms; `dti score --format json` on the harness
	// CSV showed no change beyond its noise, 2.19–2.34 s either way),
	// through Points and Value rather than the full Indicators, and the
	// nodes through Nodes rather than by code: BenchmarkAuditMissing
	// /no-matrix 256–298 → 217–234 ms (three runs each).
	par.Do(nU, func(lo, hi int) error {
		for u := lo; u < hi; u++ {
			unit := ev.Units[u]
			index[u] = math.NaN()
			if unit.HasScore {
				index[u] = unit.Score
			}
			for j := range fw.Indicators {
				values[j][u], scores[j][u] = math.NaN(), math.NaN()
				_, _, score, status := ev.Points(unit, j)
				if v, ok := ev.Value(unit, j); ok && status == scoring.Scored {
					values[j][u], scores[j][u] = v, score
					if answer(&fw.Indicators[j]) {
						values[j][u] = score
					}
				}
			}
		}
		return nil
	})
	// Each part below runs over every processor; the results keep the
	// framework's order (on 2 cores about halves the audit's time).
	r.Indicators = make([]Indicator, len(fw.Indicators))
	par.Each(len(fw.Indicators), func(j int) { r.Indicators[j] = describe(fw.Indicators[j].Code, values[j], nU) })
	nodeScores := map[string][]float64{}
	byNode := make([][]float64, len(fw.Nodes))
	for i := range fw.Nodes {
		byNode[i] = make([]float64, nU)
		nodeScores[fw.Nodes[i].Code] = byNode[i]
	}
	for u, unit := range ev.Units {
		i := 0
		for nr := range ev.Nodes(unit) { // in framework order
			byNode[i][u] = math.NaN()
			if nr.Status.Counted() {
				byNode[i][u] = nr.Score
			}
			i++
		}
	}
	// Every column's rows sorted by value, once, shared by the workers.
	cols := append(append([][]float64{}, scores...), index)
	for i := range fw.Nodes {
		cols = append(cols, nodeScores[fw.Nodes[i].Code])
	}
	rc := newRankCache()
	orders := make([][]int32, len(cols))
	par.Each(len(cols), func(i int) { orders[i] = sortedRows(cols[i]) })
	for i, c := range cols {
		if len(c) > 0 {
			rc.order[&c[0]] = orders[i]
		}
	}
	withParent := make([]Correlation, len(fw.Indicators))
	hasParent := make([]bool, len(fw.Indicators))
	r.WithIndex = make([]Correlation, len(fw.Indicators))
	rc.each(len(fw.Indicators), func(w *rankCache, j int) {
		ind := &fw.Indicators[j]
		if p, ok := nodeScores[ind.Parent]; ok {
			withParent[j], hasParent[j] = w.correlate(ind.Code, ind.Parent, scores[j], p), true
		}
		r.WithIndex[j] = w.correlate(ind.Code, "", scores[j], index)
	})
	for j := range withParent {
		if hasParent[j] {
			r.WithParent = append(r.WithParent, withParent[j])
		}
	}
	// Within each pillar (top-level node), every pair of its indicators.
	byPillar := map[string][]int{}
	var pillars []string
	for j := range fw.Indicators {
		p := pillarOf(fw, fw.Indicators[j].Parent)
		if _, ok := byPillar[p]; !ok {
			pillars = append(pillars, p)
		}
		byPillar[p] = append(byPillar[p], j)
	}
	var pairsOf [][2]int
	for _, p := range pillars {
		js := byPillar[p]
		for a := 0; a < len(js); a++ {
			for b := a + 1; b < len(js); b++ {
				pairsOf = append(pairsOf, [2]int{js[a], js[b]})
			}
		}
	}
	r.WithinPillar = make([]Correlation, len(pairsOf))
	rc.each(len(pairsOf), func(w *rankCache, i int) {
		a, b := pairsOf[i][0], pairsOf[i][1]
		c := w.correlate(fw.Indicators[a].Code, fw.Indicators[b].Code, scores[a], scores[b])
		if c.Pearson > MaxCorrelation {
			c.Flag = FlagCollinear
		}
		r.WithinPillar[i] = c
	})
	r.Nodes = make([]Node, len(fw.Nodes))
	par.Each(len(fw.Nodes), func(i int) {
		n := &fw.Nodes[i]
		nodes, inds := fw.Children(n.Code)
		var cols [][]float64
		for _, ind := range inds {
			cols = append(cols, scores[slices.IndexFunc(fw.Indicators, func(x indicators.Indicator) bool { return x.Code == ind.Code })])
		}
		for _, c := range nodes {
			cols = append(cols, nodeScores[c.Code])
		}
		nd := Node{Code: n.Code, K: len(cols), Alpha: Alpha(cols)}
		nd.N, nd.Explained, nd.Loadings = PCA(cols, true)
		r.Nodes[i] = nd
	})
	if !o.SkipMatrix {
		var series [][]float64
		for j := range fw.Indicators {
			r.MatrixCodes = append(r.MatrixCodes, fw.Indicators[j].Code)
			series = append(series, scores[j])
		}
		for _, p := range pillars {
			if s, ok := nodeScores[p]; ok {
				r.MatrixCodes = append(r.MatrixCodes, p)
				series = append(series, s)
			}
		}
		r.MatrixCodes = append(r.MatrixCodes, "")
		r.Matrix = correlationMatrix(rc, append(series, index))
	}
	r.LeaveOneOut = LeaveOneOut(ev)
	return r
}

// correlationMatrix is Pearson's correlation, pairwise complete, between
// every two of series; the diagonal is 1 (NaN for a constant series).
func correlationMatrix(rc *rankCache, series [][]float64) [][]float64 {
	m := make([][]float64, len(series))
	for a := range series {
		m[a] = make([]float64, len(series))
	}
	// A series without gaps is standardised once: the correlation of two
	// such is then the mean product (one pass instead of three; 0.1 s of
	// BenchmarkAudit's 0.8 s). Others go pair by pair.
	std := make([][]float64, len(series))
	for a, x := range series {
		if len(x) >= 3 && !slices.ContainsFunc(x, math.IsNaN) {
			mean, sd := stat.MeanStdDev(x, nil)
			if sd > 0 {
				z := make([]float64, len(x))
				for i, v := range x {
					z[i] = (v - mean) / sd
				}
				std[a] = z
			}
		}
	}
	rc.each(len(series), func(w *rankCache, a int) {
		for b := a; b < len(series); b++ {
			v := math.NaN()
			if za, zb := std[a], std[b]; za != nil && zb != nil {
				var sum float64
				for i := range za {
					sum += za[i] * zb[i]
				}
				v = max(-1, min(1, sum/float64(len(za)-1)))
			} else if x, y := pairsInto(series[a], series[b], w.bufA, w.bufB); len(x) >= 3 {
				if len(x) != len(series[a]) { // copies: keep the grown buffers
					w.bufA, w.bufB = x, y
				}
				v = stat.Correlation(x, y, nil)
			}
			if a == b && !math.IsNaN(v) {
				v = 1
			}
			m[a][b], m[b][a] = v, v
		}
	})
	return m
}

// answer reports whether an indicator's value is an answer (yes/no,
// pass/fail, an option) rather than a number.
func answer(ind *indicators.Indicator) bool {
	if ind.Rule == nil {
		return ind.Unit == "yes/no"
	}
	switch ind.Rule.Kind {
	case indicators.RuleBoolean, indicators.RuleCategorical:
		return true
	case indicators.RulePassFail:
		return ind.Rule.Pass == nil
	}
	return ind.Unit == "yes/no"
}

// pillarOf returns the top-level node above parent ("" for the index).
func pillarOf(fw *indicators.Framework, parent string) string {
	for parent != "" {
		n := fw.Node(parent)
		if n == nil || n.Parent == "" {
			return parent
		}
		parent = n.Parent
	}
	return ""
}

// presentInto returns the values of x that are not NaN, written into buf
// (grown as needed).
func presentInto(buf, x []float64) []float64 {
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
		}
	}
	out := buf[:0]
	if cap(out) < n {
		out = make([]float64, 0, n) // sized once: appending was a third of the audit's allocations
	}
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}

// describe summarises one indicator's values over nU units.
func describe(code string, x []float64, nU int) Indicator {
	s := getScratch() // v and sorted are not kept
	defer scratches.Put(s)
	v := presentInto(s.a, x)
	s.a = v
	d := Indicator{Code: code, N: len(v), Min: math.NaN(), Max: math.NaN(), Mean: math.NaN(), Median: math.NaN(), SD: math.NaN(), Skew: math.NaN(), Kurtosis: math.NaN()}
	if nU > 0 {
		d.Availability = float64(len(v)) / float64(nU)
	}
	if len(v) > 0 {
		sorted := append(s.b[:0], v...)
		s.b = sorted
		s.Floats(sorted) // 2.8× sort.Float64s (BenchmarkSort)
		d.Min, d.Max = sorted[0], sorted[len(sorted)-1]
		d.Mean = stat.Mean(v, nil)
		d.Median = median(sorted)
		if len(v) > 1 {
			d.SD = stat.StdDev(v, nil)
		}
		if len(v) > 2 && d.SD > 0 {
			d.Skew = stat.Skew(v, nil)
		}
		if len(v) > 3 && d.SD > 0 {
			d.Kurtosis = stat.ExKurtosis(v, nil)
		}
		most, run := 0, 0 // the longest run of equal values in the sorted ones
		for i, x := range sorted {
			if i > 0 && x == sorted[i-1] {
				run++
			} else {
				run = 1
			}
			most = max(most, run)
		}
		d.SameShare = float64(most) / float64(len(v))
	}
	if d.SameShare > MaxSameShare {
		d.Flags = append(d.Flags, FlagNoDiscrimination)
	}
	if math.Abs(d.Skew) > MaxAbsSkew && d.Kurtosis > MaxKurtosis {
		d.Flags = append(d.Flags, FlagSkewed)
	}
	if d.Availability < MinAvailability {
		d.Flags = append(d.Flags, FlagLowAvailability)
	}
	return d
}

// median of sorted values: the middle one, or the mean of the middle two.
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// Alpha is Cronbach's alpha of the columns from pairwise-complete
// covariances: k² × the mean off-diagonal covariance ÷ the sum of every
// covariance (variances included). NaN with fewer than two columns or no
// variance.
func Alpha(cols [][]float64) float64 {
	k := len(cols)
	if k < 2 {
		return math.NaN()
	}
	var sum, off float64
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			c, n := pairCov(cols[a], cols[b])
			if n < 2 {
				return math.NaN()
			}
			if a == b {
				sum += c
			} else {
				sum, off = sum+2*c, off+2*c
			}
		}
	}
	if sum == 0 {
		return math.NaN()
	}
	return float64(k*k) * (off / float64(k*(k-1))) / sum
}

// pairCov is the sample covariance of x and y over the rows where both
// have a value, in two passes and without copying them (Alpha pairs every
// two children of a node; see rankCache for the gain); n is the number of
// those rows.
func pairCov(x, y []float64) (cov float64, n int) {
	var sx, sy float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			sx, sy, n = sx+x[i], sy+y[i], n+1
		}
	}
	if n < 2 {
		return math.NaN(), n
	}
	mx, my := sx/float64(n), sy/float64(n)
	var ss float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			ss += (x[i] - mx) * (y[i] - my)
		}
	}
	return ss / float64(n-1), n
}

// PCA returns, on the rows where every column has a value, the share of
// the variance each principal component explains (largest first) and the
// first component's loadings, largest entry positive; standardised
// columns (the correlation matrix) when standardise is set, else the
// covariance matrix. n is the number of complete rows; nothing under 3
// rows or 2 columns, or when a column is constant.
func PCA(cols [][]float64, standardise bool) (n int, explained, loadings []float64) {
	k := len(cols)
	if k < 2 {
		return 0, nil, nil
	}
	// The complete rows, written straight into the data of the transposed
	// k × n matrix that stat.CovarianceMatrix would clone (each variable's
	// values side by side), then centred and multiplied as it does: the
	// same figures without the copy (presentInto sized once: BenchmarkAudit
	// 66,928 → 5,412 allocations and 222 → 180 MB per op; the transposed
	// data without CovarianceMatrix's copy: BenchmarkPCA 3.3 → 2.1 MB and
	// 3.4–3.7 → 1.8–1.9 ms per op, BenchmarkAudit 98.6 → 89.9 MB per op,
	// results.json of the #13 harness byte for byte the same).
	N := len(cols[0])
	data := make([]float64, N*k)
	for i := range N {
		ok := true
		for c := range cols {
			v := cols[c][i]
			data[c*N+n] = v
			ok = ok && !math.IsNaN(v)
		}
		if ok {
			n++
		}
	}
	if n < 3 {
		return n, nil, nil
	}
	for c := 1; c < k; c++ { // the rows of n values side by side
		copy(data[c*n:(c+1)*n], data[c*N:c*N+n])
	}
	xt := mat.NewDense(k, n, data[:k*n])
	var col []float64
	if standardise {
		col = make([]float64, n)
	}
	for c := range k {
		v := xt.RawRowView(c)
		if standardise {
			// On a copy of 16-byte alignment, as before: floats' sums
			// add in an order that follows the data's alignment, and a
			// row of odd n moved the figures in their 14th digit.
			mean, sd := stat.MeanStdDev(append(col[:0], v...), nil)
			if sd == 0 {
				return n, nil, nil
			}
			for i := range v {
				v[i] = (v[i] - mean) / sd
			}
		}
		floats.AddConst(-stat.Mean(v, nil), v) // as stat.CovarianceMatrix centres
	}
	// The eigenvalues and vectors of the k × k covariance matrix, not
	// the SVD of the n × k data that stat.PC factorises (which copies the
	// data three times over): BenchmarkPCA 13.8–14.7 → 6.0–7.5 ms and
	// 5.8 → 3.3 MB per op; json on the #13 harness CSV 253–258 → 234–251
	// MB peak (seven interleaved pairs). The figures agree to 1e-13.
	var cov mat.SymDense
	cov.SymOuterK(1/(float64(n)-1), xt)
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return n, nil, nil
	}
	vals := eig.Values(nil) // ascending
	var total float64
	for i := range vals {
		vals[i] = max(vals[i], 0) // a covariance matrix has none below 0: rounding
		total += vals[i]
	}
	for i := len(vals) - 1; i >= 0 && len(explained) < min(n, k); i-- {
		explained = append(explained, vals[i]/total)
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	loadings = mat.Col(nil, k-1, &vecs)
	big := 0
	for i, v := range loadings {
		if math.Abs(v) > math.Abs(loadings[big]) {
			big = i
		}
	}
	if loadings[big] < 0 {
		for i := range loadings {
			loadings[i] = -loadings[i]
		}
	}
	return n, explained, loadings
}
