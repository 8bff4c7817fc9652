package indicators

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// located is a problem with the table entry and key it belongs to, so that
// Decode can find its line.
type located struct {
	Problem
	table string // "", "node", "indicator", "class", "award"
	index int
	key   string
}

// Validate checks a framework built in code (Decode validates on its own)
// as if its defaults were filled in; f itself is not changed. It returns
// [Problems] listing every fault, or nil.
func (f *Framework) Validate() error {
	ps := f.WithDefaults().validate()
	if len(ps) == 0 {
		return nil
	}
	out := make(Problems, len(ps))
	for i, p := range ps {
		out[i] = p.Problem
	}
	return out
}

type checker struct {
	out []located
}

func (c *checker) add(table string, index int, key, code, vi, en string) {
	c.out = append(c.out, located{Problem: Problem{Code: code, VI: vi, EN: en}, table: table, index: index, key: key})
}

var (
	aggregations = map[Aggregation]bool{AggSum: true, AggMean: true, AggGeoMean: true}
	missings     = map[MissingPolicy]bool{MissingZero: true, MissingReweight: true, MissingError: true}
	normalizes   = map[Normalization]bool{NormMinMax: true, NormZScore: true, NormGoalposts: true, NormRank: true, NormNone: true}
	ruleKinds    = map[RuleKind]bool{RuleRatio: true, RuleSteps: true, RuleBoolean: true, RuleCategorical: true, RuleRelativeBest: true, RulePassFail: true}
	dataSources  = map[string]bool{"self": true, "system": true, "survey": true}
	tieKeys      = map[string]bool{TieDigitalGov: true, TieFewerZero: true, TieAppraisalLoss: true}
)

func inSet[K ~string](m map[K]bool) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, string(k))
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// Bounds on a framework's size, checked before anything else so that
// the checks and every report stay fast: a report sheet has a column per
// indicator (a spreadsheet has 16,384).
const (
	MaxIndicators = 2000
	MaxNodes      = 500
	MaxLevels     = 12 // nodes nested under the index
)

func (f *Framework) validate() []located {
	c := &checker{}
	if len(f.Indicators) > MaxIndicators || len(f.Nodes) > MaxNodes {
		c.add("", 0, "id", "", fmt.Sprintf("khung quá lớn: %d chỉ tiêu, %d nút (tối đa %d chỉ tiêu, %d nút)", len(f.Indicators), len(f.Nodes), MaxIndicators, MaxNodes),
			fmt.Sprintf("the framework is too large: %d indicators, %d nodes (at most %d indicators, %d nodes)", len(f.Indicators), len(f.Nodes), MaxIndicators, MaxNodes))
		return c.out
	}
	if code, deep := f.tooDeep(); deep {
		c.add("", 0, "id", code, fmt.Sprintf("cây khung lồng quá %d cấp (nút %q)", MaxLevels, code), fmt.Sprintf("the framework's tree nests more than %d levels (node %q)", MaxLevels, code))
		return c.out
	}
	c.top(f)
	codes := map[string]string{} // code → "node" | "indicator"
	for i := range f.Nodes {
		n := &f.Nodes[i]
		c.code("node", i, n.Code, codes)
		c.names("node", i, n.Code, n.Name, n.NameEN)
		c.weight("node", i, n.Code, n.Weight, n.MaxPoints, false)
		if n.Aggregation != "" && !aggregations[n.Aggregation] {
			c.add("node", i, "aggregation", n.Code, fmt.Sprintf("phương pháp tổng hợp %q không hợp lệ (cần một trong: %s)", n.Aggregation, inSet(aggregations)), fmt.Sprintf("invalid aggregation %q (want one of: %s)", n.Aggregation, inSet(aggregations)))
		}
		if n.MinCoverage != nil && (*n.MinCoverage < 0 || *n.MinCoverage > 1) {
			c.add("node", i, "min_coverage", n.Code, fmt.Sprintf("min_coverage %v phải nằm trong [0, 1]", *n.MinCoverage), fmt.Sprintf("min_coverage %v must lie in [0, 1]", *n.MinCoverage))
		}
	}
	seenDomain := map[string]bool{}
	for i, d := range f.Domains {
		switch {
		case strings.TrimSpace(d.Code) == "":
			c.add("domain", i, "code", "", "thiếu mã lĩnh vực (code)", "missing domain code")
		case seenDomain[d.Code]:
			c.add("domain", i, "code", d.Code, fmt.Sprintf("lĩnh vực %q khai báo hai lần", d.Code), fmt.Sprintf("domain %q is declared twice", d.Code))
		}
		seenDomain[d.Code] = true
		if strings.TrimSpace(d.Name) == "" {
			c.add("domain", i, "name", d.Code, "thiếu tên lĩnh vực (name)", "missing domain name")
		}
	}
	for i := range f.Indicators {
		c.indicator(f, i, codes)
	}
	c.tree(f, codes)
	c.classes(f)
	c.awards(f)
	c.uncertainty(f)
	return c.out
}

// uncertainty checks the [uncertainty] table and the items' own bands.
func (c *checker) uncertainty(f *Framework) {
	band := func(table string, i int, code string, b *float64) {
		if b != nil && !(*b >= 0 && *b < 1) {
			key := "uncertainty_band"
			if table == "uncertainty" {
				key = "band"
			}
			c.add(table, i, key, code, fmt.Sprintf("biên độ %s phải từ 0 đến dưới 1 (0,25 = ±25 %%)", num(*b)), fmt.Sprintf("band %s must be from 0 to under 1 (0.25 = ±25 %%)", num(*b)))
		}
	}
	for i := range f.Nodes {
		band("node", i, f.Nodes[i].Code, f.Nodes[i].UncertaintyBand)
	}
	for i := range f.Indicators {
		band("indicator", i, f.Indicators[i].Code, f.Indicators[i].UncertaintyBand)
	}
	u := f.Uncertainty
	if u == nil {
		return
	}
	band("uncertainty", 0, "", u.Band)
	for _, m := range u.Missing {
		if m != MissingZero && m != MissingReweight {
			c.add("uncertainty", 0, "missing", "", fmt.Sprintf("cách xử lý thiếu số liệu %q không dùng được: cần \"zero\" hoặc \"reweight\"", m), fmt.Sprintf("missing-data policy %q cannot be drawn: want \"zero\" or \"reweight\"", m))
		}
	}
	for _, n := range u.Normalize {
		if n != NormMinMax && n != NormZScore && n != NormRank {
			c.add("uncertainty", 0, "normalize", "", fmt.Sprintf("cách chuẩn hóa %q không dùng được: cần \"minmax\", \"zscore\" hoặc \"rank\"", n), fmt.Sprintf("normalisation %q cannot be drawn: want \"minmax\", \"zscore\" or \"rank\"", n))
		}
	}
}

// keyOr is key, or "id" for a problem of the index (the top level, whose
// id line is always there to point at).
func keyOr(table, key string) string {
	if table == "" {
		return "id"
	}
	return key
}

// tooDeep reports a node more than MaxLevels below the index, following
// each node's parents at most MaxLevels + 1 steps (a cycle is reported by
// the tree checks).
func (f *Framework) tooDeep() (string, bool) {
	parent := make(map[string]string, len(f.Nodes))
	for _, n := range f.Nodes {
		parent[n.Code] = n.Parent
	}
	for _, n := range f.Nodes {
		cur, steps := n.Code, 0
		var path []string // at most MaxLevels + 1 codes
		for cur != "" && steps <= MaxLevels {
			p, ok := parent[cur]
			if !ok || slices.Contains(path, cur) {
				break // an unknown parent or a cycle: the tree checks say so
			}
			path = append(path, cur)
			cur, steps = p, steps+1
		}
		if steps > MaxLevels && cur != "" && !slices.Contains(path, cur) {
			return n.Code, true
		}
	}
	return "", false
}

func (c *checker) top(f *Framework) {
	if strings.TrimSpace(f.ID) == "" {
		c.add("", 0, "id", "id", "thiếu mã khung (id)", "missing framework id")
	}
	if strings.TrimSpace(f.Name) == "" {
		c.add("", 0, "name", "name", "thiếu tên khung (name)", "missing framework name")
	}
	if strings.TrimSpace(f.Version) == "" {
		c.add("", 0, "version", "version", "thiếu phiên bản (version)", "missing version")
	}
	if f.Scale <= 0 || math.IsNaN(f.Scale) || math.IsInf(f.Scale, 0) {
		c.add("", 0, "scale", "scale", fmt.Sprintf("thang điểm %v phải lớn hơn 0", f.Scale), fmt.Sprintf("scale %v must be greater than 0", f.Scale))
	}
	if !aggregations[f.Aggregation] {
		c.add("", 0, "aggregation", "aggregation", fmt.Sprintf("phương pháp tổng hợp %q không hợp lệ (cần một trong: %s)", f.Aggregation, inSet(aggregations)), fmt.Sprintf("invalid aggregation %q (want one of: %s)", f.Aggregation, inSet(aggregations)))
	}
	if !missings[f.Missing] {
		c.add("", 0, "missing", "missing", fmt.Sprintf("cách xử lý thiếu dữ liệu %q không hợp lệ (cần một trong: %s)", f.Missing, inSet(missings)), fmt.Sprintf("invalid missing policy %q (want one of: %s)", f.Missing, inSet(missings)))
	}
	if !normalizes[f.Normalize] {
		c.add("", 0, "normalize", "normalize", fmt.Sprintf("phương pháp chuẩn hóa %q không hợp lệ (cần một trong: %s)", f.Normalize, inSet(normalizes)), fmt.Sprintf("invalid normalisation %q (want one of: %s)", f.Normalize, inSet(normalizes)))
	}
	if f.Precision != nil && (*f.Precision < 0 || *f.Precision > 10) {
		c.add("", 0, "precision", "precision", fmt.Sprintf("số chữ số thập phân %d phải từ 0 đến 10", *f.Precision), fmt.Sprintf("precision %d must be between 0 and 10", *f.Precision))
	}
	for _, t := range f.TieBreak {
		if !tieKeys[t] {
			c.add("", 0, "tie_break", "tie_break", fmt.Sprintf("tiêu chí phân định %q không hợp lệ (cần một trong: %s)", t, inSet(tieKeys)), fmt.Sprintf("invalid tie-break %q (want one of: %s)", t, inSet(tieKeys)))
		}
	}
	if f.TotalPoints != nil {
		if got := f.TotalMaxPoints(); math.Abs(got-*f.TotalPoints) > 1e-9 {
			c.add("", 0, "total_points", "total_points", fmt.Sprintf("tổng điểm tối đa của các chỉ tiêu là %s, không bằng tổng khai báo %s", num(got), num(*f.TotalPoints)), fmt.Sprintf("the indicators' max points add up to %s, not the declared total %s", num(got), num(*f.TotalPoints)))
		}
	}
}

func num(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}

func (c *checker) code(table string, i int, code string, codes map[string]string) {
	switch {
	case strings.TrimSpace(code) == "":
		c.add(table, i, "code", "", "thiếu mã (code)", "missing code")
	case strings.ContainsAny(code, " \t,;\"'"):
		c.add(table, i, "code", code, fmt.Sprintf("mã %q không được chứa khoảng trắng, dấu phẩy, chấm phẩy hay dấu nháy", code), fmt.Sprintf("code %q must not contain spaces, commas, semicolons or quotes", code))
	case codes[code] != "":
		c.add(table, i, "code", code, fmt.Sprintf("mã %q bị trùng", code), fmt.Sprintf("duplicate code %q", code))
	default:
		codes[code] = table
	}
}

func (c *checker) names(table string, i int, code, name, nameEN string) {
	if strings.TrimSpace(name) == "" {
		c.add(table, i, "name", code, "thiếu tên tiếng Việt (name)", "missing Vietnamese name")
	}
}

func (c *checker) weight(table string, i int, code string, w, mp *float64, required bool) {
	if w != nil && (*w < 0 || math.IsNaN(*w) || math.IsInf(*w, 0)) {
		c.add(table, i, "weight", code, fmt.Sprintf("trọng số %v không được âm", *w), fmt.Sprintf("weight %v must not be negative", *w))
	}
	if mp != nil && (*mp < 0 || math.IsNaN(*mp) || math.IsInf(*mp, 0)) {
		c.add(table, i, "max_points", code, fmt.Sprintf("điểm tối đa %v không được âm", *mp), fmt.Sprintf("max points %v must not be negative", *mp))
	}
	if required && w == nil && mp == nil {
		c.add(table, i, "code", code, "cần trọng số (weight) hoặc điểm tối đa (max_points)", "needs a weight or max_points")
	}
}

func (c *checker) indicator(f *Framework, i int, codes map[string]string) {
	ind := &f.Indicators[i]
	t := "indicator"
	c.code(t, i, ind.Code, codes)
	c.names(t, i, ind.Code, ind.Name, ind.NameEN)
	c.weight(t, i, ind.Code, ind.Weight, ind.MaxPoints, true)
	if ind.Direction != Higher && ind.Direction != Lower {
		c.add(t, i, "direction", ind.Code, fmt.Sprintf("chiều %q không hợp lệ (cần higher hoặc lower)", ind.Direction), fmt.Sprintf("invalid direction %q (want higher or lower)", ind.Direction))
	}
	known := f.DomainList()
	if len(f.Domains) == 0 {
		known = BuiltinDomains
	}
	var domains []string
	for _, d := range known {
		domains = append(domains, d.Code)
	}
	for _, d := range ind.Domains {
		if !contains(domains, d) {
			c.add(t, i, "domains", ind.Code, fmt.Sprintf("lĩnh vực %q chưa được khai báo (khai báo trong [[domain]]; đang có: %s)", d, strings.Join(domains, ", ")), fmt.Sprintf("domain %q is not declared (declare it in [[domain]]; declared: %s)", d, strings.Join(domains, ", ")))
		}
	}
	if ind.Per != "" && !slices.Contains(Attributes, ind.Per) {
		c.add(t, i, "per", ind.Code, fmt.Sprintf("per %q không hợp lệ (cần population, area hoặc households)", ind.Per), fmt.Sprintf("invalid per %q (want population, area or households)", ind.Per))
	}
	if ind.Multiplier != nil && (ind.Per == "" || !(*ind.Multiplier > 0) || math.IsInf(*ind.Multiplier, 0)) {
		c.add(t, i, "multiplier", ind.Code, "multiplier cần per và phải lớn hơn 0", "multiplier needs per and must be greater than 0")
	}
	if ind.PlausibleMax != nil && (math.IsNaN(*ind.PlausibleMax) || math.IsInf(*ind.PlausibleMax, 0)) {
		c.add(t, i, "plausible_max", ind.Code, "plausible_max phải là một số hữu hạn", "plausible_max must be a finite number")
	}
	if ind.Outlier != nil && !(*ind.Outlier > 1 && *ind.Outlier < math.Inf(1)) {
		c.add(t, i, "outlier", ind.Code, fmt.Sprintf("outlier %v phải lớn hơn 1 (số lần trung vị)", *ind.Outlier), fmt.Sprintf("outlier %v must be greater than 1 (times the median)", *ind.Outlier))
	}
	switch ind.NA {
	case "", NANever:
	case NAAllowed, NAWithReason:
		if ind.Veto {
			c.add(t, i, "na", ind.Code, "chỉ tiêu loại trừ (veto) không thể được khai báo không áp dụng (na phải là \"never\")", "a veto indicator cannot be declared not applicable (na must be \"never\")")
		}
	default:
		c.add(t, i, "na", ind.Code, fmt.Sprintf("na %q không hợp lệ (cần never, allowed hoặc with-reason)", ind.NA), fmt.Sprintf("invalid na %q (want never, allowed or with-reason)", ind.NA))
	}
	for _, m := range ind.Maps {
		if k, v, ok := strings.Cut(m, ":"); !ok || k == "" || v == "" {
			c.add(t, i, "maps", ind.Code, fmt.Sprintf("ánh xạ %q phải có dạng KHUNG:MÃ, ví dụ DTI-922:CQS", m), fmt.Sprintf("mapping %q must read FRAMEWORK:CODE, e.g. DTI-922:CQS", m))
		}
	}
	if ind.Solution != "" && !contains(Solutions, ind.Solution) {
		c.add(t, i, "solution", ind.Code, fmt.Sprintf("nhóm giải pháp %q không hợp lệ (cần một trong: %s)", ind.Solution, strings.Join(Solutions, ", ")), fmt.Sprintf("unknown solution group %q (want one of: %s)", ind.Solution, strings.Join(Solutions, ", ")))
	}
	if ind.DataSource != "" && !dataSources[ind.DataSource] {
		c.add(t, i, "data_source", ind.Code, fmt.Sprintf("nguồn dữ liệu %q không hợp lệ (cần một trong: %s)", ind.DataSource, inSet(dataSources)), fmt.Sprintf("invalid data source %q (want one of: %s)", ind.DataSource, inSet(dataSources)))
	}
	if ind.Min != nil && ind.Max != nil && !(*ind.Min < *ind.Max) {
		c.add(t, i, "min", ind.Code, fmt.Sprintf("min (%s) phải nhỏ hơn max (%s)", num(*ind.Min), num(*ind.Max)), fmt.Sprintf("min (%s) must be less than max (%s)", num(*ind.Min), num(*ind.Max)))
	}
	if ind.Rule == nil {
		if ind.Normalize != "" && !normalizes[ind.Normalize] {
			c.add(t, i, "normalize", ind.Code, fmt.Sprintf("phương pháp chuẩn hóa %q không hợp lệ (cần một trong: %s)", ind.Normalize, inSet(normalizes)), fmt.Sprintf("invalid normalisation %q (want one of: %s)", ind.Normalize, inSet(normalizes)))
		}
		if f.IndicatorNormalize(ind) == NormGoalposts && (ind.Min == nil || ind.Max == nil) {
			c.add(t, i, "normalize", ind.Code, "chuẩn hóa goalposts cần min và max", "goalposts normalisation needs min and max")
		}
		return
	}
	if ind.Normalize != "" {
		c.add(t, i, "normalize", ind.Code, "không dùng đồng thời quy tắc tính điểm (rule) và chuẩn hóa (normalize)", "a points rule and a normalisation cannot both be set")
	}
	c.rule(ind, i)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (c *checker) rule(ind *Indicator, i int) {
	r := ind.Rule
	t := "indicator"
	max := ind.MaxOr(1)
	bad := func(vi, en string) { c.add(t, i, "rule", ind.Code, vi, en) }
	if !ruleKinds[r.Kind] {
		bad(fmt.Sprintf("loại quy tắc %q không hợp lệ (cần một trong: %s)", r.Kind, inSet(ruleKinds)), fmt.Sprintf("unknown rule kind %q (want one of: %s)", r.Kind, inSet(ruleKinds)))
		return
	}
	if r.Kind != RuleRelativeBest && (r.Best != "" || r.Reference != nil) {
		bad(fmt.Sprintf("quy tắc %s không dùng best và reference", r.Kind), fmt.Sprintf("rule %s takes no best or reference", r.Kind))
	}
	if r.Best != "" && r.Best != "max" && r.BestQuantile() == 1 {
		bad(fmt.Sprintf("best %q không hợp lệ (cần \"max\" hoặc phân vị \"p50\" … \"p99\")", r.Best), fmt.Sprintf("invalid best %q (want \"max\" or a percentile \"p50\" … \"p99\")", r.Best))
	}
	if r.Reference != nil && !(*r.Reference > 0 && *r.Reference < math.Inf(1)) {
		bad("reference phải lớn hơn 0", "reference must be greater than 0")
	}
	if r.Kind != RuleRatio && r.Target != nil {
		bad(fmt.Sprintf("quy tắc %s không dùng target", r.Kind), fmt.Sprintf("rule %s takes no target", r.Kind))
	}
	if r.Kind != RuleSteps && len(r.Steps) > 0 {
		bad(fmt.Sprintf("quy tắc %s không dùng steps", r.Kind), fmt.Sprintf("rule %s takes no steps", r.Kind))
	}
	if r.Kind != RuleCategorical && len(r.Options) > 0 {
		bad(fmt.Sprintf("quy tắc %s không dùng options", r.Kind), fmt.Sprintf("rule %s takes no options", r.Kind))
	}
	if r.Kind != RulePassFail && r.Pass != nil {
		bad(fmt.Sprintf("quy tắc %s không dùng pass", r.Kind), fmt.Sprintf("rule %s takes no pass", r.Kind))
	}
	switch r.Kind {
	case RuleRatio:
		if r.Target == nil || !(*r.Target > 0) {
			bad("quy tắc ratio cần target lớn hơn 0", "a ratio rule needs a target greater than 0")
		}
	case RuleSteps:
		if len(r.Steps) == 0 {
			bad("quy tắc steps cần ít nhất một bậc [ngưỡng, điểm]", "a steps rule needs at least one [threshold, points] step")
		}
		for k, s := range r.Steps {
			if len(s) != 2 {
				bad(fmt.Sprintf("bậc %d phải có đúng 2 số [ngưỡng, điểm], có %d", k+1, len(s)), fmt.Sprintf("step %d must hold exactly 2 numbers [threshold, points], has %d", k+1, len(s)))
				continue
			}
			if s[1] < 0 || s[1] > max+1e-9 {
				bad(fmt.Sprintf("bậc %d cho %s điểm, ngoài khoảng [0, %s]", k+1, num(s[1]), num(max)), fmt.Sprintf("step %d gives %s points, outside [0, %s]", k+1, num(s[1]), num(max)))
			}
			if k > 0 && len(r.Steps[k-1]) == 2 {
				prev := r.Steps[k-1][0]
				if ind.Direction == Lower && !(s[0] > prev) || ind.Direction != Lower && !(s[0] < prev) {
					order := "giảm dần"
					orderEN := "descending"
					if ind.Direction == Lower {
						order, orderEN = "tăng dần", "ascending"
					}
					bad(fmt.Sprintf("ngưỡng các bậc phải %s và không trùng nhau (bậc %d: %s sau %s)", order, k+1, num(s[0]), num(prev)), fmt.Sprintf("step thresholds must be strictly %s (step %d: %s after %s)", orderEN, k+1, num(s[0]), num(prev)))
				}
			}
		}
	case RuleCategorical:
		if len(r.Options) == 0 {
			bad("quy tắc categorical cần options", "a categorical rule needs options")
		}
		for _, l := range r.OptionLabels() {
			if p := r.Options[l]; p < 0 || p > max+1e-9 {
				bad(fmt.Sprintf("lựa chọn %q cho %s điểm, ngoài khoảng [0, %s]", l, num(p), num(max)), fmt.Sprintf("option %q gives %s points, outside [0, %s]", l, num(p), num(max)))
			}
		}
	}
}

// tree checks parents, cycles, children and point totals.
func (c *checker) tree(f *Framework, codes map[string]string) {
	nodeIdx := map[string]int{}
	for i := range f.Nodes {
		if _, dup := nodeIdx[f.Nodes[i].Code]; !dup {
			nodeIdx[f.Nodes[i].Code] = i
		}
	}
	parentOK := func(table string, i int, code, parent string) {
		if parent == "" {
			return
		}
		switch codes[parent] {
		case "node":
		case "indicator":
			c.add(table, i, "parent", code, fmt.Sprintf("cha %q là một chỉ tiêu; chỉ nút (node) mới có con", parent), fmt.Sprintf("parent %q is an indicator; only nodes have children", parent))
		default:
			c.add(table, i, "parent", code, fmt.Sprintf("không có nút cha %q", parent), fmt.Sprintf("unknown parent %q", parent))
		}
	}
	for i := range f.Nodes {
		parentOK("node", i, f.Nodes[i].Code, f.Nodes[i].Parent)
	}
	for i := range f.Indicators {
		parentOK("indicator", i, f.Indicators[i].Code, f.Indicators[i].Parent)
	}
	// Cycles: follow parents from each node.
	inCycle := map[string]bool{}
	for i := range f.Nodes {
		seen := map[string]bool{}
		cur := f.Nodes[i].Code
		for cur != "" && !seen[cur] {
			seen[cur] = true
			j, ok := nodeIdx[cur]
			if !ok {
				break
			}
			cur = f.Nodes[j].Parent
		}
		if cur != "" && cur == f.Nodes[i].Code && !inCycle[cur] {
			inCycle[cur] = true
			c.add("node", i, "parent", cur, fmt.Sprintf("vòng lặp cha–con: nút %q là tổ tiên của chính nó", cur), fmt.Sprintf("parent cycle: node %q is its own ancestor", cur))
		}
	}
	if len(f.Indicators) == 0 {
		c.add("", 0, "id", "", "khung không có chỉ tiêu nào", "the framework has no indicators")
	}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if inCycle[n.Code] {
			continue
		}
		nodes, inds := f.Children(n.Code)
		if len(nodes)+len(inds) == 0 {
			c.add("node", i, "code", n.Code, "nút không có con (không có nút hay chỉ tiêu nào nhận nút này làm cha)", "node has no children (no node or indicator names it as parent)")
			continue
		}
		c.aggregate(f, "node", i, n.Code, f.NodeAggregation(n), n.MaxPoints, nodes, inds)
	}
	nodes, inds := f.Children("")
	c.aggregate(f, "", 0, "", f.Aggregation, nil, nodes, inds)
}

// aggregate checks that a node's children fit its aggregation.
func (c *checker) aggregate(f *Framework, table string, i int, code string, agg Aggregation, declared *float64, nodes []*Node, inds []*Indicator) {
	where := code
	if code == "" {
		where = "index"
	}
	switch agg {
	case AggSum:
		var total float64
		complete := true
		for _, n := range nodes {
			if n.MaxPoints == nil {
				complete = false
				c.add("node", indexOfNode(f, n), "max_points", n.Code, fmt.Sprintf("nút cha %q cộng điểm (sum) nên nút này cần max_points", where), fmt.Sprintf("parent %q sums points, so this node needs max_points", where))
				continue
			}
			total += *n.MaxPoints
		}
		for _, ind := range inds {
			if ind.MaxPoints == nil {
				complete = false
				c.add("indicator", indexOfIndicator(f, ind), "max_points", ind.Code, fmt.Sprintf("nút cha %q cộng điểm (sum) nên chỉ tiêu này cần max_points", where), fmt.Sprintf("parent %q sums points, so this indicator needs max_points", where))
				continue
			}
			total += *ind.MaxPoints
		}
		if complete && declared != nil && math.Abs(total-*declared) > 1e-9 {
			c.add(table, i, "max_points", code, fmt.Sprintf("điểm tối đa khai báo %s không bằng tổng điểm tối đa của các con %s", num(*declared), num(total)), fmt.Sprintf("declared max points %s do not equal the children's total %s", num(*declared), num(total)))
		}
		if complete && total == 0 && len(nodes)+len(inds) > 0 {
			c.add(table, i, keyOr(table, "max_points"), code, fmt.Sprintf("các con của %q có tổng điểm tối đa bằng 0: không tính được điểm", where), fmt.Sprintf("the children of %q have max points adding up to 0: it cannot be scored", where))
		}
	}
	if agg != AggSum && len(nodes)+len(inds) > 0 {
		total := 0.0
		for _, n := range nodes {
			if n.Weight != nil {
				total += *n.Weight
			}
		}
		for _, ind := range inds {
			if ind.Weight != nil {
				total += *ind.Weight
			}
		}
		if !(total > 0) {
			c.add(table, i, keyOr(table, "code"), code, fmt.Sprintf("không con nào của %q có trọng số dương: không tính được điểm", where), fmt.Sprintf("no child of %q has a positive weight: it cannot be scored", where))
		}
	}
	switch agg {
	case AggGeoMean:
		for _, ind := range inds {
			if ind.Rule != nil || f.IndicatorNormalize(ind) != NormNone {
				c.add("indicator", indexOfIndicator(f, ind), "rule", ind.Code, fmt.Sprintf("nút %q dùng trung bình nhân (geomean) nhưng chỉ tiêu này có thể bằng 0 hoặc âm (quy tắc điểm hoặc chuẩn hóa %s); dùng mean hoặc normalize = \"none\" với giá trị dương", where, f.IndicatorNormalize(ind)), fmt.Sprintf("node %q uses a geometric mean but this indicator can be 0 or negative (a points rule or %s normalisation); use mean, or normalize = \"none\" with positive values", where, f.IndicatorNormalize(ind)))
			}
		}
	}
}

func indexOfNode(f *Framework, n *Node) int {
	for i := range f.Nodes {
		if &f.Nodes[i] == n {
			return i
		}
	}
	return -1
}

func indexOfIndicator(f *Framework, ind *Indicator) int {
	for i := range f.Indicators {
		if &f.Indicators[i] == ind {
			return i
		}
	}
	return -1
}

func (c *checker) classes(f *Framework) {
	names := map[string]bool{}
	for i, cl := range f.Classes {
		if strings.TrimSpace(cl.Name) == "" {
			c.add("class", i, "name", "", "thiếu tên xếp loại", "missing class name")
		}
		if names[cl.Name] {
			c.add("class", i, "name", cl.Name, fmt.Sprintf("tên xếp loại %q bị trùng", cl.Name), fmt.Sprintf("duplicate class name %q", cl.Name))
		}
		names[cl.Name] = true
		if cl.Min < 0 || cl.Min > f.Scale {
			c.add("class", i, "min", cl.Name, fmt.Sprintf("ngưỡng %s nằm ngoài thang điểm [0, %s]", num(cl.Min), num(f.Scale)), fmt.Sprintf("bound %s lies outside the scale [0, %s]", num(cl.Min), num(f.Scale)))
		}
		if i > 0 && !(cl.Min < f.Classes[i-1].Min) {
			c.add("class", i, "min", cl.Name, fmt.Sprintf("các xếp loại phải theo thứ tự ngưỡng giảm dần, không chồng lấn: %q (≥ %s) đứng sau %q (≥ %s)", cl.Name, num(cl.Min), f.Classes[i-1].Name, num(f.Classes[i-1].Min)), fmt.Sprintf("classes must be listed by strictly descending min, without overlap: %q (≥ %s) follows %q (≥ %s)", cl.Name, num(cl.Min), f.Classes[i-1].Name, num(f.Classes[i-1].Min)))
		}
	}
	if len(f.Classes) > 0 && f.ClassIndex(f.VetoCapClass()) < 0 && f.VetoCap != "" {
		c.add("", 0, "veto_cap", "veto_cap", fmt.Sprintf("veto_cap %q không phải là một xếp loại", f.VetoCap), fmt.Sprintf("veto_cap %q is not a class", f.VetoCap))
	}
}

func (c *checker) awards(f *Framework) {
	for i, a := range f.Awards {
		if strings.TrimSpace(a.Name) == "" {
			c.add("award", i, "name", "", "thiếu tên danh hiệu", "missing award name")
		}
		if a.MinClass != "" && f.ClassIndex(a.MinClass) < 0 {
			c.add("award", i, "min_class", a.Name, fmt.Sprintf("xếp loại tối thiểu %q không có trong [[class]]", a.MinClass), fmt.Sprintf("minimum class %q is not a [[class]]", a.MinClass))
		}
		if a.Count < 0 {
			c.add("award", i, "count", a.Name, fmt.Sprintf("số lượng %d không được âm", a.Count), fmt.Sprintf("count %d must not be negative", a.Count))
		}
		if a.Basis != "" && a.Basis != AwardByScore && a.Basis != AwardByProgress {
			c.add("award", i, "basis", a.Name, fmt.Sprintf("cơ sở xét %q không hợp lệ: cần \"score\" (chỉ số) hoặc \"progress\" (tiến bộ so với năm trước)", a.Basis), fmt.Sprintf("basis %q is not valid: want \"score\" (the index) or \"progress\" (the rise since the previous year)", a.Basis))
		}
		if a.MinScore != nil && (*a.MinScore < 0 || *a.MinScore > f.Scale) {
			c.add("award", i, "min_score", a.Name, fmt.Sprintf("điểm tối thiểu %s nằm ngoài thang điểm", num(*a.MinScore)), fmt.Sprintf("minimum score %s lies outside the scale", num(*a.MinScore)))
		}
	}
}
