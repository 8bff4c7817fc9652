package dti

import (
	"fmt"
	"slices"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// compiled is a framework prepared for scoring.
type compiled struct {
	fw         *indicators.Framework
	model      *scoring.Model
	max        []float64           // max points per indicator, as scored
	indIdx     map[string]int      // indicator position by code
	nodeIdx    map[string]int      // node position by code: 0 is the index (""), k ≥ 1 is Nodes[k−1]
	domainList []indicators.Domain // the framework's domains, in report order
	domains    [][]int             // member indicators per domain
	digitalGov int                 // the digital-government domain's position, −1 none
	veto       []int               // veto indicators
	evidence   []int               // indicators that require evidence
	naOK       []bool              // per indicator: a unit may declare it not applicable
	per        []int               // indicators scored per unit attribute
	checked    []int               // indicators with a plausibility bound or an outlier factor
	effW       []float64           // per indicator: its share of the index
}

func compile(fw *indicators.Framework) (*compiled, error) {
	fw = fw.WithDefaults()
	if err := fw.Validate(); err != nil {
		return nil, err
	}
	c := &compiled{fw: fw, indIdx: map[string]int{}}
	m := scoring.Spec{Scale: fw.Scale, Precision: -1, VetoCap: -1}
	if fw.Precision != nil {
		m.Precision = *fw.Precision
	}
	switch fw.Missing {
	case indicators.MissingReweight:
		m.Missing = scoring.MissingReweight
	case indicators.MissingError:
		m.Missing = scoring.MissingError
	}
	agg := func(s indicators.Aggregation) scoring.Agg {
		switch s {
		case indicators.AggMean:
			return scoring.Mean
		case indicators.AggGeoMean:
			return scoring.GeoMean
		}
		return scoring.Sum
	}
	nodeIdx := map[string]int{"": 0}
	c.nodeIdx = nodeIdx
	m.Nodes = append(m.Nodes, scoring.Node{Code: "", Parent: -1, Agg: agg(fw.Aggregation), Max: fw.TotalMaxPoints()})
	for i := range fw.Nodes {
		nodeIdx[fw.Nodes[i].Code] = i + 1
	}
	f := func(p *float64, def float64) float64 {
		if p == nil {
			return def
		}
		return *p
	}
	for i := range fw.Nodes {
		n := &fw.Nodes[i]
		sn := scoring.Node{Code: n.Code, Parent: nodeIdx[n.Parent], Agg: agg(fw.NodeAggregation(n)), MinCoverage: f(n.MinCoverage, 0)}
		sn.Max = f(n.MaxPoints, 0)
		sn.Weight = f(n.Weight, sn.Max)
		m.Nodes = append(m.Nodes, sn)
	}
	for j := range fw.Indicators {
		ind := &fw.Indicators[j]
		c.indIdx[ind.Code] = j
		if ind.Veto {
			c.veto = append(c.veto, j)
		}
		if ind.Evidence {
			c.evidence = append(c.evidence, j)
		}
		c.naOK = append(c.naOK, ind.NAPolicy() != indicators.NANever && !ind.Veto)
		if ind.Per != "" {
			c.per = append(c.per, j)
		}
		if ind.PlausibleMax != nil || ind.Outlier != nil {
			c.checked = append(c.checked, j)
		}
		si := scoring.Indicator{Code: ind.Code, Parent: nodeIdx[ind.Parent], Lower: ind.Direction == indicators.Lower, Veto: ind.Veto}
		si.Max = f(ind.MaxPoints, 0)
		si.Weight = f(ind.Weight, si.Max)
		if ind.Rule == nil {
			if ind.MaxPoints == nil {
				si.Max = 0
			}
			switch fw.IndicatorNormalize(ind) {
			case indicators.NormMinMax:
				si.Norm = scoring.NormMinMax
			case indicators.NormZScore:
				si.Norm = scoring.NormZScore
			case indicators.NormRank:
				si.Norm = scoring.NormRank
			case indicators.NormGoalposts:
				si.Norm = scoring.NormGoalposts
				si.Lo, si.Hi = f(ind.Min, 0), f(ind.Max, 1)
			}
		} else {
			if ind.MaxPoints == nil {
				si.Max = 1 // points rules on weight-only indicators earn a share of 1
			}
			r := ind.Rule
			switch r.Kind {
			case indicators.RuleRatio:
				si.Rule, si.Target = scoring.Ratio, f(r.Target, 1)
			case indicators.RuleSteps:
				si.Rule = scoring.Steps
				for _, s := range r.Steps {
					si.Steps = append(si.Steps, scoring.Step{Threshold: s[0], Points: s[1]})
				}
			case indicators.RuleBoolean:
				si.Rule = scoring.Boolean
			case indicators.RuleCategorical:
				si.Rule = scoring.Categorical
				for _, l := range r.OptionLabels() {
					si.Levels = append(si.Levels, r.Options[l])
				}
			case indicators.RuleRelativeBest:
				si.Rule, si.Best = scoring.RelativeBest, r.BestQuantile()
				if r.Reference != nil {
					si.Reference, si.HasReference = *r.Reference, true
				}
			case indicators.RulePassFail:
				si.Rule = scoring.PassFail
				if r.Pass != nil {
					si.Pass, si.HasPass = *r.Pass, true
				}
			default:
				return nil, fmt.Errorf("dti: indicator %s: unknown rule %q", ind.Code, r.Kind)
			}
		}
		m.Indicators = append(m.Indicators, si)
	}
	for _, cl := range fw.Classes {
		m.Classes = append(m.Classes, scoring.Class{Name: cl.Name, Min: cl.Min})
	}
	m.VetoCap = fw.ClassIndex(fw.VetoCapClass())
	c.domainList = fw.DomainList()
	c.domains = make([][]int, len(c.domainList))
	c.digitalGov = -1
	for d, dom := range c.domainList {
		if dom.Code == indicators.DomainDigitalGov {
			c.digitalGov = d
		}
		for j := range fw.Indicators {
			if slices.Contains(fw.Indicators[j].Domains, dom.Code) {
				c.domains[d] = append(c.domains[d], j)
			}
		}
	}
	model, err := scoring.Compile(m)
	if err != nil {
		return nil, err
	}
	c.model = model
	c.effW = model.EffectiveWeights()
	for _, ind := range m.Indicators {
		c.max = append(c.max, ind.Max)
	}
	return c, nil
}

// perFactor returns what indicator j's value is multiplied by for unit s
// (the multiplier over the unit's attribute), and false when the unit
// lacks the attribute.
func (c *compiled) perFactor(j int, s *submission.Submission) (float64, bool) {
	ind := &c.fw.Indicators[j]
	if ind.Per == "" {
		return 1, true
	}
	a := s.Attributes[ind.Per]
	if !(a > 0) {
		return 0, false
	}
	m := 1.0
	if ind.Multiplier != nil {
		m = *ind.Multiplier
	}
	return m / a, true
}
