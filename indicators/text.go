package indicators

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatNumber writes v with up to 4 decimals, trailing zeros removed, and
// a decimal comma for lang "vi".
func FormatNumber(v float64, lang Lang) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	if lang != English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// RuleText describes in words how an indicator is scored, in lang.
func (f *Framework) RuleText(ind *Indicator, lang Lang) string {
	en := lang == English
	n := func(v float64) string { return FormatNumber(v, lang) }
	max := ind.MaxOr(1)
	lower := ind.Direction == Lower
	if ind.MaxPoints != nil && *ind.MaxPoints == 0 {
		if en {
			return "reported, not scored"
		}
		return "theo dõi, không tính điểm"
	}
	if ind.Rule == nil {
		switch f.IndicatorNormalize(ind) {
		case NormMinMax:
			if en {
				return fmt.Sprintf("min-max over the units: worst → 0, best → %s", n(f.Scale))
			}
			return fmt.Sprintf("chuẩn hóa min-max giữa các đơn vị: thấp nhất → 0, cao nhất → %s", n(f.Scale))
		case NormZScore:
			if en {
				return "z-score over the units (sample standard deviation)"
			}
			return "chuẩn hóa z-score giữa các đơn vị (độ lệch chuẩn mẫu)"
		case NormGoalposts:
			lo, hi := 0.0, 1.0
			if ind.Min != nil {
				lo = *ind.Min
			}
			if ind.Max != nil {
				hi = *ind.Max
			}
			if en {
				return fmt.Sprintf("goalposts %s–%s, truncated, × %s", n(lo), n(hi), n(f.Scale))
			}
			return fmt.Sprintf("mốc chuẩn %s–%s, cắt ngoài khoảng, × %s", n(lo), n(hi), n(f.Scale))
		}
		if en {
			return "value used as the score"
		}
		return "dùng trực tiếp giá trị làm điểm"
	}
	r := ind.Rule
	switch r.Kind {
	case RuleRatio:
		t := 1.0
		if r.Target != nil {
			t = *r.Target
		}
		if lower {
			if en {
				return fmt.Sprintf("≤ %s → %s points; above: %s ÷ value × %s", n(t), n(max), n(t), n(max))
			}
			return fmt.Sprintf("≤ %s → %s điểm; cao hơn: %s ÷ giá trị × %s", n(t), n(max), n(t), n(max))
		}
		if en {
			return fmt.Sprintf("min(value ÷ %s, 1) × %s points", n(t), n(max))
		}
		return fmt.Sprintf("min(giá trị ÷ %s; 1) × %s điểm", n(t), n(max))
	case RuleSteps:
		var parts []string
		op := "≥"
		if lower {
			op = "≤"
		}
		for _, s := range r.Steps {
			if len(s) == 2 {
				parts = append(parts, fmt.Sprintf("%s %s → %s", op, n(s[0]), n(s[1])))
			}
		}
		if en {
			return strings.Join(parts, "; ") + "; otherwise 0"
		}
		return strings.Join(parts, "; ") + "; còn lại 0"
	case RuleBoolean:
		if lower {
			if en {
				return fmt.Sprintf("No → %s points, Yes → 0", n(max))
			}
			return fmt.Sprintf("Không → %s điểm, Có → 0", n(max))
		}
		if en {
			return fmt.Sprintf("Yes → %s points, No → 0", n(max))
		}
		return fmt.Sprintf("Có → %s điểm, Không → 0", n(max))
	case RuleCategorical:
		var parts []string
		for _, l := range r.OptionLabels() {
			parts = append(parts, fmt.Sprintf("%s → %s", l, n(r.Options[l])))
		}
		return strings.Join(parts, "; ")
	case RuleRelativeBest:
		if lower {
			if en {
				return fmt.Sprintf("lowest value among units ÷ value × %s points", n(max))
			}
			return fmt.Sprintf("giá trị thấp nhất giữa các đơn vị ÷ giá trị × %s điểm", n(max))
		}
		if en {
			return fmt.Sprintf("value ÷ highest value among units × %s points", n(max))
		}
		return fmt.Sprintf("giá trị ÷ giá trị cao nhất giữa các đơn vị × %s điểm", n(max))
	case RulePassFail:
		if r.Pass != nil {
			op := "≥"
			if lower {
				op = "≤"
			}
			if en {
				return fmt.Sprintf("pass (%s %s) → %s points, fail → 0", op, n(*r.Pass), n(max))
			}
			return fmt.Sprintf("đạt (%s %s) → %s điểm, không đạt → 0", op, n(*r.Pass), n(max))
		}
		if en {
			return fmt.Sprintf("pass → %s points, fail → 0", n(max))
		}
		return fmt.Sprintf("Đạt → %s điểm, Không đạt → 0", n(max))
	}
	return string(r.Kind)
}

// DisplayName returns the name in lang.
func (ind *Indicator) DisplayName(lang Lang) string {
	if lang == English && ind.NameEN != "" {
		return ind.NameEN
	}
	return ind.Name
}

// DisplayName returns the node's name in lang.
func (n *Node) DisplayName(lang Lang) string {
	if lang == English && n.NameEN != "" {
		return n.NameEN
	}
	return n.Name
}

// DisplayName returns the framework's name in lang.
func (f *Framework) DisplayName(lang Lang) string {
	if lang == English && f.NameEN != "" {
		return f.NameEN
	}
	return f.Name
}

// ClassName returns the display name of the class called name in lang.
func (f *Framework) ClassName(name string, lang Lang) string {
	if i := f.ClassIndex(name); i >= 0 && lang == English && f.Classes[i].NameEN != "" {
		return f.Classes[i].NameEN
	}
	return name
}

// AwardName returns the display name of the award called name in lang.
func (f *Framework) AwardName(name string, lang Lang) string {
	if lang == English {
		for _, a := range f.Awards {
			if a.Name == name && a.NameEN != "" {
				return a.NameEN
			}
		}
	}
	return name
}
