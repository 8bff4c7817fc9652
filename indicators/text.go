package indicators

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatFixed writes v with exactly decimals decimals, a decimal comma in
// Vietnamese and a true minus sign (−0,25), no thousands marks: for
// statistics read in columns; "–" for NaN and infinities.
func FormatFixed(v float64, decimals int, lang Lang) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "−0,00"
	}
	s = strings.Replace(s, "-", "−", 1)
	if lang != English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// FormatNumber writes v as a person reads it: up to 4 decimals, trailing
// zeros removed, a decimal comma and "." between thousands in Vietnamese
// (10.000; 87,5), a decimal point and "," in English. Numbers below 10,000
// are not grouped, so that years read as years.
func FormatNumber(v float64, lang Lang) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") {
		sign, intPart = "-", intPart[1:]
	}
	dec, grp := ",", "."
	if lang == English {
		dec, grp = ".", ","
	}
	if len(intPart) > 4 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(grp)
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	s = sign + intPart
	if hasFrac {
		s += dec + frac
	}
	return s
}

// RuleText describes in words how an indicator is scored, in lang.
func (f *Framework) RuleText(ind *Indicator, lang Lang) string {
	t := f.ruleText(ind, lang)
	if ind.Per != "" && (ind.Rule == nil || ind.Rule.Kind != RuleRelativeBest) {
		t = lang.Pick("giá trị tính", "value taken") + perText(ind, lang == English, func(v float64) string { return FormatNumber(v, lang) }) + "; " + t
	}
	return t
}

func (f *Framework) ruleText(ind *Indicator, lang Lang) string {
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
		case NormRank:
			if en {
				return fmt.Sprintf("percentile rank over the units: worst → 0, best → %s, ties share their mean rank", n(f.Scale))
			}
			return fmt.Sprintf("xếp hạng phần trăm giữa các đơn vị: thấp nhất → 0, cao nhất → %s, bằng nhau nhận hạng bình quân", n(f.Scale))
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
		best := map[bool]string{false: "highest value among units", true: "lowest value among units"}[lower]
		bestVI := map[bool]string{false: "giá trị cao nhất giữa các đơn vị", true: "giá trị thấp nhất giữa các đơn vị"}[lower]
		if q := r.BestQuantile(); q < 1 {
			p := int(math.Round(q * 100))
			if lower {
				p = 100 - p
			}
			best, bestVI = fmt.Sprintf("the units' %dth percentile", p), fmt.Sprintf("phân vị %d của các đơn vị", p)
		}
		if r.Reference != nil {
			best, bestVI = "the reference "+n(*r.Reference), "mức tham chiếu "+n(*r.Reference)
		}
		per := perText(ind, en, n)
		if lower {
			if en {
				return fmt.Sprintf("%s ÷ value%s × %s points, at most %s", best, per, n(max), n(max))
			}
			return fmt.Sprintf("%s ÷ giá trị%s × %s điểm, tối đa %s", bestVI, per, n(max), n(max))
		}
		if en {
			return fmt.Sprintf("value%s ÷ %s × %s points, at most %s", per, best, n(max), n(max))
		}
		return fmt.Sprintf("giá trị%s ÷ %s × %s điểm, tối đa %s", per, bestVI, n(max), n(max))
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

// perText is " per 10,000 population" for an indicator scored per unit
// attribute, else "".
func perText(ind *Indicator, en bool, n func(float64) string) string {
	if ind.Per == "" {
		return ""
	}
	m := 1.0
	if ind.Multiplier != nil {
		m = *ind.Multiplier
	}
	names := map[Attribute][2]string{AttrPopulation: {"dân", "residents"}, AttrArea: {"km²", "km²"}, AttrHouseholds: {"hộ", "households"}}[ind.Per]
	if en {
		return fmt.Sprintf(" per %s %s", n(m), names[1])
	}
	return fmt.Sprintf(" trên %s %s", n(m), names[0])
}

// unitWords are the units that are words of the format, in English and
// in Vietnamese: either spelling in a framework reads in the report's
// language.
var unitWords = [][2]string{{"count", "số lượng"}, {"yes/no", "có/không"}, {"category", "lựa chọn"}, {"score", "điểm"}, {"pass/fail", "đạt/không đạt"}}

// UnitText is the indicator's unit as a person reads it in lang: the
// words of the format (count, yes/no, category, score, pass/fail) in
// lang whichever language the framework spells them in, any other unit
// as it is written.
func (ind *Indicator) UnitText(lang Lang) string {
	for _, w := range unitWords {
		if ind.Unit == w[0] || ind.Unit == w[1] {
			return lang.Pick(w[1], w[0])
		}
	}
	return ind.Unit
}

// PerText is "trên 10.000 dân" ("per 10,000 residents") for an indicator
// scored per unit attribute, else "".
func (ind *Indicator) PerText(lang Lang) string {
	return strings.TrimSpace(perText(ind, lang == English, func(v float64) string { return FormatNumber(v, lang) }))
}
