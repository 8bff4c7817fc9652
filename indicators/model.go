package indicators

import (
	"sort"
	"strconv"
	"strings"
)

// Aggregation is how a node combines its children (and the framework's
// default).
type Aggregation string

// Aggregation methods.
const (
	AggSum     Aggregation = "sum"     // points: node score = Σ points / Σ max points × scale
	AggMean    Aggregation = "mean"    // weighted arithmetic mean of the children's scores
	AggGeoMean Aggregation = "geomean" // weighted geometric mean of the children's scores
)

// MissingPolicy says what a missing value does.
type MissingPolicy string

// Missing-data policies.
const (
	MissingZero     MissingPolicy = "zero"     // a missing value scores zero and stays in the denominator
	MissingReweight MissingPolicy = "reweight" // a missing value leaves numerator and denominator
	MissingError    MissingPolicy = "error"    // a missing value is an error
)

// Normalization is how an indicator without a points rule becomes a score.
type Normalization string

// Normalisations for indicators without a points rule.
const (
	NormMinMax    Normalization = "minmax"
	NormZScore    Normalization = "zscore"
	NormGoalposts Normalization = "goalposts"
	NormRank      Normalization = "rank"
	NormNone      Normalization = "none"
)

// RuleKind names a points rule.
type RuleKind string

// Points rule kinds.
const (
	RuleRatio        RuleKind = "ratio"         // min(v/target, 1) × max; lower: min(target/v, 1) × max
	RuleSteps        RuleKind = "steps"         // points of the highest threshold reached (lower: lowest threshold not exceeded)
	RuleBoolean      RuleKind = "boolean"       // yes → max, no → 0 (lower: no → max)
	RuleCategorical  RuleKind = "categorical"   // points of the chosen option
	RuleRelativeBest RuleKind = "relative-best" // min(v / best, 1) × max (lower: min(best / v, 1) × max); best from the cohort (max or a percentile) or a reference
	RulePassFail     RuleKind = "pass-fail"     // đạt → max, không đạt → 0; with pass: v ≥ pass (lower: v ≤ pass)
)

// NAPolicy says whether a ward may declare an indicator not applicable.
type NAPolicy string

// Not-applicable policies.
const (
	NANever      NAPolicy = "never"       // every unit is scored on it (the default; always for a veto)
	NAAllowed    NAPolicy = "allowed"     // a unit may declare it not applicable; it is listed for the appraiser
	NAWithReason NAPolicy = "with-reason" // as allowed, with the reason written beside it (note or reason)
)

// Attribute is a fact about a unit that a count can be divided by, so that
// a large ward does not win by its size alone.
type Attribute string

// Unit attributes, given in every submission format (the form's cells
// H3–H5, CSV columns, TOML keys of the same names).
const (
	AttrPopulation Attribute = "population" // residents
	AttrArea       Attribute = "area"       // km²
	AttrHouseholds Attribute = "households" // households
)

// Attributes lists the unit attributes in the order forms show them.
var Attributes = []Attribute{AttrPopulation, AttrArea, AttrHouseholds}

// Direction says whether higher or lower values are better.
type Direction string

// Directions.
const (
	Higher Direction = "higher"
	Lower  Direction = "lower"
)

// Domain is a view over the indicators, reported as a sub-index from the
// same scores: a framework declares its domains ([[domain]]) and each
// indicator names the ones it belongs to.
type Domain struct {
	Code   string `toml:"code"`
	Name   string `toml:"name"`
	NameEN string `toml:"name_en,omitempty"`
}

// DisplayName returns the domain's name in lang (the Vietnamese name when
// it has no English one).
func (d Domain) DisplayName(lang Lang) string {
	if lang == English && d.NameEN != "" {
		return d.NameEN
	}
	return d.Name
}

// The domains of the three source frameworks: a framework that declares
// no domains but whose indicators name these codes is read as declaring
// them (see [Framework.DomainList]).
const (
	DomainDigitalGov  = "digital-government" // Chính quyền số (DTI)
	DomainAdminReform = "admin-reform"       // Cải cách hành chính (PAR INDEX, 766)
	DomainSmartCity   = "smart-city"         // Đô thị thông minh
)

// BuiltinDomains are the domains assumed for a framework that declares
// none, in their report order.
var BuiltinDomains = []Domain{
	{DomainDigitalGov, "Chính quyền số", "Digital government"},
	{DomainAdminReform, "Cải cách hành chính", "Administrative reform"},
	{DomainSmartCity, "Đô thị thông minh", "Smart city"},
}

// DomainName returns the name in lang of the framework's domain with this
// code, or the code itself when there is none.
func (f *Framework) DomainName(code string, lang Lang) string {
	for _, d := range f.DomainList() {
		if d.Code == code {
			return d.DisplayName(lang)
		}
	}
	return code
}

// DomainList returns the framework's domains in report order: those it
// declares, or when it declares none, the built-in domains its indicators
// name. A framework whose indicators name no domain has none.
func (f *Framework) DomainList() []Domain {
	if len(f.Domains) > 0 {
		return f.Domains
	}
	var out []Domain
	for _, d := range BuiltinDomains {
		for j := range f.Indicators {
			if contains(f.Indicators[j].Domains, d.Code) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// Solution groups of seed 000 used to file recommendations.
const (
	SolutionAwareness      = "awareness"       // nâng cao nhận thức và tuyên truyền
	SolutionInstitutions   = "institutions"    // hoàn thiện cơ chế, chính sách
	SolutionHumanResources = "human-resources" // phát triển nguồn nhân lực số
	SolutionInfrastructure = "infrastructure"  // đầu tư hạ tầng số
	SolutionIncentives     = "incentives"      // chính sách khuyến khích, khen thưởng
)

// Solutions lists the solution groups in the order of seed 000.
var Solutions = []string{SolutionAwareness, SolutionInstitutions, SolutionHumanResources, SolutionInfrastructure, SolutionIncentives}

// SolutionName returns the display name of a solution group in lang.
func SolutionName(code string, lang Lang) string {
	vi := map[string]string{
		SolutionAwareness:      "Nâng cao nhận thức và tuyên truyền",
		SolutionInstitutions:   "Hoàn thiện cơ chế, chính sách",
		SolutionHumanResources: "Phát triển nguồn nhân lực số",
		SolutionInfrastructure: "Đầu tư hạ tầng số",
		SolutionIncentives:     "Chính sách khuyến khích, khen thưởng",
	}
	en := map[string]string{
		SolutionAwareness:      "Awareness and communication",
		SolutionInstitutions:   "Institutions and policy",
		SolutionHumanResources: "Digital human resources",
		SolutionInfrastructure: "Digital infrastructure",
		SolutionIncentives:     "Incentives and awards",
	}
	m := vi
	if lang == English {
		m = en
	}
	if s, ok := m[code]; ok {
		return s
	}
	return code
}

// Tie-break keys for awards, applied in order when a tie crosses an
// award's cut-off.
const (
	TieDigitalGov    = "digital-government" // higher digital-government domain score
	TieFewerZero     = "fewer-zero"         // fewer indicators with zero points
	TieAppraisalLoss = "appraisal-loss"     // smaller loss of points at appraisal
)

// DefaultTieBreak is the tie-break chain used when a framework names none.
var DefaultTieBreak = []string{TieDigitalGov, TieFewerZero, TieAppraisalLoss}

// DefaultVetoCap is the class a failed veto criterion caps a unit at when
// the framework does not name one.
const DefaultVetoCap = "Trung bình"

// Framework is a criteria set: a tree of nodes with indicators as leaves,
// with classes and award rules. The TOML keys in the struct tags are a
// contract; see docs/framework-format.md.
type Framework struct {
	ID          string        `toml:"id"`
	Name        string        `toml:"name"`
	NameEN      string        `toml:"name_en"`
	Version     string        `toml:"version"`
	Year        int           `toml:"year"`
	Scale       float64       `toml:"scale"`
	Aggregation Aggregation   `toml:"aggregation"`
	Missing     MissingPolicy `toml:"missing"`
	Normalize   Normalization `toml:"normalize"`
	Precision   *int          `toml:"precision,omitempty"`
	TotalPoints *float64      `toml:"total_points,omitempty"` // declared total of the indicators' max points, checked
	Issuer      string        `toml:"issuer,omitempty"`
	Description string        `toml:"description,omitempty"`
	VetoCap     string        `toml:"veto_cap,omitempty"`  // class a failed veto caps a unit at (default "Trung bình")
	TieBreak    []string      `toml:"tie_break,omitempty"` // award tie-break chain (default DefaultTieBreak)

	Domains    []Domain    `toml:"domain,omitempty"`
	Nodes      []Node      `toml:"node"`
	Indicators []Indicator `toml:"indicator"`
	Classes    []Class     `toml:"class"`
	Awards     []Award     `toml:"award"`
	// Uncertainty sets what the Monte Carlo and sensitivity analyses
	// vary; nil: their defaults.
	Uncertainty *Uncertainty `toml:"uncertainty,omitempty"`
}

// Uncertainty is the [uncertainty] table: the choices the Monte Carlo
// (dti score --uncertainty) and sensitivity (--sensitivity) analyses
// vary. A list of one entry fixes that choice.
type Uncertainty struct {
	Band      *float64        `toml:"band,omitempty"`      // weights (max points) drawn within ±band; default 0.25
	Missing   []MissingPolicy `toml:"missing,omitempty"`   // policies drawn; default zero and reweight
	Normalize []Normalization `toml:"normalize,omitempty"` // drawn for indicators normalised by minmax, zscore or rank; default those three
}

// UncertaintyBand returns the framework's weight band, def when it sets none.
func (f *Framework) UncertaintyBand(def float64) float64 {
	if f.Uncertainty != nil && f.Uncertainty.Band != nil {
		return *f.Uncertainty.Band
	}
	return def
}

// MissingChoices returns the missing-data policies the analyses draw from.
func (f *Framework) MissingChoices() []MissingPolicy {
	if f.Uncertainty != nil && len(f.Uncertainty.Missing) > 0 {
		return f.Uncertainty.Missing
	}
	return []MissingPolicy{MissingZero, MissingReweight}
}

// NormalizeChoices returns the normalisations the analyses draw from for
// indicators normalised relative to the units (minmax, zscore, rank).
func (f *Framework) NormalizeChoices() []Normalization {
	if f.Uncertainty != nil && len(f.Uncertainty.Normalize) > 0 {
		return f.Uncertainty.Normalize
	}
	return []Normalization{NormMinMax, NormZScore, NormRank}
}

// Node is an inner node of the tree: a pillar or group.
type Node struct {
	Code        string      `toml:"code"`
	Parent      string      `toml:"parent,omitempty"` // "" = child of the index
	Name        string      `toml:"name"`
	NameEN      string      `toml:"name_en"`
	Weight      *float64    `toml:"weight,omitempty"`
	MaxPoints   *float64    `toml:"max_points,omitempty"`
	Aggregation Aggregation `toml:"aggregation,omitempty"` // default: the framework's
	MinCoverage *float64    `toml:"min_coverage,omitempty"`
	// UncertaintyBand replaces the [uncertainty] band for this node's
	// weight: 0 fixes it, a larger band widens it.
	UncertaintyBand *float64 `toml:"uncertainty_band,omitempty"`
}

// Indicator is a leaf of the tree: one measured quantity.
type Indicator struct {
	Code             string        `toml:"code"`
	Parent           string        `toml:"parent,omitempty"`
	Name             string        `toml:"name"`
	NameEN           string        `toml:"name_en"`
	Unit             string        `toml:"unit"`
	Direction        Direction     `toml:"direction"`
	Weight           *float64      `toml:"weight,omitempty"`
	MaxPoints        *float64      `toml:"max_points,omitempty"`
	Normalize        Normalization `toml:"normalize,omitempty"`
	UncertaintyBand  *float64      `toml:"uncertainty_band,omitempty"` // replaces the [uncertainty] band for this indicator's weight
	Min              *float64      `toml:"min,omitempty"`              // goalposts (and the valid range of a value)
	Max              *float64      `toml:"max,omitempty"`
	Rule             *Rule         `toml:"rule,omitempty"`
	NA               NAPolicy      `toml:"na,omitempty"`            // may a unit declare it not applicable (default never)
	Per              Attribute     `toml:"per,omitempty"`           // score value ÷ the unit's attribute × Multiplier
	Multiplier       *float64      `toml:"multiplier,omitempty"`    // with Per: e.g. 10000 for "per 10,000 residents" (default 1)
	PlausibleMax     *float64      `toml:"plausible_max,omitempty"` // a value above it is flagged for appraisal
	Outlier          *float64      `toml:"outlier,omitempty"`       // a value above k × the cohort's median is flagged for appraisal
	Evidence         bool          `toml:"evidence,omitempty"`
	Veto             bool          `toml:"veto,omitempty"`
	Source           string        `toml:"source,omitempty"`      // the document the indicator is drawn from
	DataSource       string        `toml:"data_source,omitempty"` // self | system | survey
	DataOrigin       string        `toml:"data_origin,omitempty"` // for system and survey data: the system or survey that produces the number
	Maps             []string      `toml:"maps,omitempty"`
	Domains          []string      `toml:"domains,omitempty"`
	Solution         string        `toml:"solution,omitempty"`
	Recommendation   string        `toml:"recommendation,omitempty"`
	RecommendationEN string        `toml:"recommendation_en,omitempty"`
}

// Rule is a points rule.
type Rule struct {
	Kind    RuleKind           `toml:"kind"`
	Target  *float64           `toml:"target,omitempty"`
	Steps   [][]float64        `toml:"steps,omitempty"`
	Options map[string]float64 `toml:"options,omitempty"`
	Pass    *float64           `toml:"pass,omitempty"`
	// relative-best: the cohort's value to score against, "max" (the
	// default) or a percentile "p50" … "p99" (values beyond it earn full
	// points), and a published reference that replaces it.
	Best      string   `toml:"best,omitempty"`
	Reference *float64 `toml:"reference,omitempty"`
}

// BestQuantile returns the quantile in (0, 1] a relative-best rule scores
// against: 1 for "max", 0.9 for "p90".
func (r *Rule) BestQuantile() float64 {
	if p, ok := strings.CutPrefix(r.Best, "p"); ok {
		if n, err := strconv.Atoi(p); err == nil && n >= 1 && n <= 99 {
			return float64(n) / 100
		}
	}
	return 1
}

// Class is a band on the scale, such as Xuất sắc ≥ 90.
type Class struct {
	Name   string  `toml:"name"`
	NameEN string  `toml:"name_en"`
	Min    float64 `toml:"min"`
}

// Award is an award rule: who is eligible and how many are awarded.
type Award struct {
	Name            string   `toml:"name"`
	NameEN          string   `toml:"name_en"`
	MinScore        *float64 `toml:"min_score,omitempty"`
	MinClass        string   `toml:"min_class,omitempty"`
	Count           int      `toml:"count,omitempty"`            // at most this many (0 = no limit)
	RequireEvidence *bool    `toml:"require_evidence,omitempty"` // default true
	// Cumulative lets a unit that received an earlier award of the list
	// receive this one too; by default it does not.
	Cumulative bool `toml:"cumulative,omitempty"`
	// Basis is what the award ranks units by: "score" (the default, the
	// index) or "progress" (the rise of the index since the previous
	// year; only units whose index rose are eligible).
	Basis string `toml:"basis,omitempty"`
}

// Award bases.
const (
	AwardByScore    = "score"
	AwardByProgress = "progress"
)

// ByProgress reports whether the award goes to the units that improved most.
func (a *Award) ByProgress() bool { return a.Basis == AwardByProgress }

// NAPolicy returns the indicator's not-applicable policy, NANever when it
// sets none.
func (ind *Indicator) NAPolicy() NAPolicy {
	if ind.NA == "" {
		return NANever
	}
	return ind.NA
}

// NeedsEvidence reports whether the award requires every required evidence.
func (a *Award) NeedsEvidence() bool { return a.RequireEvidence == nil || *a.RequireEvidence }

// IsPoints reports whether the indicator is scored by a points rule.
func (ind *Indicator) IsPoints() bool { return ind.Rule != nil }

// MaxOr returns the indicator's max points, or def when it has none.
func (ind *Indicator) MaxOr(def float64) float64 {
	if ind.MaxPoints != nil {
		return *ind.MaxPoints
	}
	return def
}

// OptionLabels returns a categorical rule's option labels, best first
// (by points, then by label).
func (r *Rule) OptionLabels() []string {
	labels := make([]string, 0, len(r.Options))
	for k := range r.Options {
		labels = append(labels, k)
	}
	sort.Slice(labels, func(i, j int) bool {
		pi, pj := r.Options[labels[i]], r.Options[labels[j]]
		if pi != pj {
			return pi > pj
		}
		return labels[i] < labels[j]
	})
	return labels
}

// Indicator returns the indicator with the given code, or nil.
func (f *Framework) Indicator(code string) *Indicator {
	for i := range f.Indicators {
		if f.Indicators[i].Code == code {
			return &f.Indicators[i]
		}
	}
	return nil
}

// Node returns the node with the given code, or nil.
func (f *Framework) Node(code string) *Node {
	for i := range f.Nodes {
		if f.Nodes[i].Code == code {
			return &f.Nodes[i]
		}
	}
	return nil
}

// NodeAggregation returns the aggregation a node uses.
func (f *Framework) NodeAggregation(n *Node) Aggregation {
	if n.Aggregation != "" {
		return n.Aggregation
	}
	return f.Aggregation
}

// IndicatorNormalize returns the normalisation an indicator without a
// points rule uses.
func (f *Framework) IndicatorNormalize(ind *Indicator) Normalization {
	if ind.Normalize != "" {
		return ind.Normalize
	}
	return f.Normalize
}

// TotalMaxPoints is the sum of the indicators' max points.
func (f *Framework) TotalMaxPoints() float64 {
	var t float64
	for i := range f.Indicators {
		if f.Indicators[i].MaxPoints != nil {
			t += *f.Indicators[i].MaxPoints
		}
	}
	return t
}

// Children returns the codes of the nodes and indicators whose parent is
// code ("" for the index), nodes first, each in file order.
func (f *Framework) Children(code string) (nodes []*Node, inds []*Indicator) {
	for i := range f.Nodes {
		if f.Nodes[i].Parent == code {
			nodes = append(nodes, &f.Nodes[i])
		}
	}
	for i := range f.Indicators {
		if f.Indicators[i].Parent == code {
			inds = append(inds, &f.Indicators[i])
		}
	}
	return nodes, inds
}

// Walk visits the tree in the order reports and forms show it: under each
// node (and the index) its indicators first, then its child nodes, each
// followed by its own subtree. Exactly one of n and ind is set; depth is 0
// for children of the index.
func (f *Framework) Walk(visit func(depth int, n *Node, ind *Indicator)) {
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		nodes, inds := f.Children(parent)
		for _, ind := range inds {
			visit(depth, nil, ind)
		}
		for _, n := range nodes {
			visit(depth, n, nil)
			walk(n.Code, depth+1)
		}
	}
	walk("", 0)
}

// ClassIndex returns the position of the class named name, or -1.
func (f *Framework) ClassIndex(name string) int {
	for i := range f.Classes {
		if f.Classes[i].Name == name || (f.Classes[i].NameEN != "" && f.Classes[i].NameEN == name) {
			return i
		}
	}
	return -1
}

// VetoCapClass returns the name of the class a failed veto caps a unit at.
func (f *Framework) VetoCapClass() string {
	if f.VetoCap != "" {
		return f.VetoCap
	}
	return DefaultVetoCap
}

// TieBreakChain returns the framework's award tie-break chain.
func (f *Framework) TieBreakChain() []string {
	if len(f.TieBreak) > 0 {
		return f.TieBreak
	}
	return DefaultTieBreak
}
