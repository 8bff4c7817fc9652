package submission

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"golang.org/x/text/unicode/norm"
)

// Clean normalises text the way people type it: NFC, trimmed, inner
// runs of white space folded.
func Clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.Join(strings.Fields(s), " ")
}

// IsNA reports whether a cell says "not applicable" (NA, N/A, KAD, không áp dụng).
func IsNA(s string) bool {
	switch strings.ToLower(Clean(s)) {
	case "na", "n/a", "kad", "không áp dụng", "khong ap dung", "not applicable":
		return true
	}
	return false
}

var yesWords = map[string]bool{"có": true, "co": true, "x": true, "đạt": true, "dat": true, "yes": true, "y": true, "true": true, "pass": true, "1": true, "rồi": true}
var noWords = map[string]bool{"không": true, "khong": true, "không đạt": true, "khong dat": true, "chưa đạt": true, "no": true, "n": true, "false": true, "fail": true, "0": true, "chưa": true}

// ParseNumber reads a number the way Vietnamese users type it: "87,5",
// "87.5", "87,5%", "1.234" (thousands), "1.234,5", "1,234.5". A trailing
// % is dropped (the value stays in percent). Text with a single separator
// followed by exactly three digits ("1.234", "1,234") is read as
// thousands.
func ParseNumber(s string) (float64, error) {
	t := strings.ReplaceAll(Clean(s), " ", "")
	t = strings.ReplaceAll(t, "\u00a0", "")
	t = strings.TrimSuffix(t, "%")
	if t == "" {
		return 0, fmt.Errorf("empty")
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndex(t, ",") > strings.LastIndex(t, ".") {
			t = strings.ReplaceAll(t, ".", "")
			t = strings.Replace(t, ",", ".", 1)
		} else {
			t = strings.ReplaceAll(t, ",", "")
		}
	case commas == 1:
		if thousands(t, ",") {
			t = strings.Replace(t, ",", "", 1)
		} else {
			t = strings.Replace(t, ",", ".", 1)
		}
	case commas > 1:
		if !groupsOfThree(t, ",") {
			return 0, fmt.Errorf("not a number")
		}
		t = strings.ReplaceAll(t, ",", "")
	case dots == 1:
		if thousands(t, ".") {
			t = strings.Replace(t, ".", "", 1)
		}
	case dots > 1:
		if !groupsOfThree(t, ".") {
			return 0, fmt.Errorf("not a number")
		}
		t = strings.ReplaceAll(t, ".", "")
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a number")
	}
	return v, nil
}

// thousands: a single separator followed by exactly three digits, with
// one to three digits (not "0") before it.
func thousands(t, sep string) bool {
	i := strings.Index(t, sep)
	head, tail := strings.TrimPrefix(t[:i], "-"), t[i+1:]
	return len(tail) == 3 && allDigits(tail) && len(head) >= 1 && len(head) <= 3 && allDigits(head) && head != "0"
}

func groupsOfThree(t, sep string) bool {
	parts := strings.Split(strings.TrimPrefix(t, "-"), sep)
	if len(parts[0]) < 1 || len(parts[0]) > 3 || !allDigits(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ParseValue reads raw text as a value of the indicator: a yes/no word for
// boolean and pass-fail indicators, an option label for categorical ones,
// a number otherwise. It returns a bilingual description of what was
// expected on failure.
func ParseValue(ind *indicators.Indicator, raw string) (Value, *Issue) {
	c := Clean(raw)
	v := Value{Raw: c}
	if c == "" {
		return v, nil
	}
	var kind indicators.RuleKind
	if ind.Rule != nil {
		kind = ind.Rule.Kind
	}
	switch {
	case kind == indicators.RuleCategorical:
		labels := ind.Rule.OptionLabels()
		for k, l := range labels {
			if strings.EqualFold(Clean(l), c) {
				v.Num, v.Set, v.Raw = float64(k), true, l
				return v, nil
			}
		}
		return v, &Issue{VI: fmt.Sprintf("giá trị %q không thuộc danh sách; cần một trong: %s", c, strings.Join(labels, "; ")),
			EN: fmt.Sprintf("value %q is not an option; expected one of: %s", c, strings.Join(labels, "; "))}
	case kind == indicators.RuleBoolean || kind == indicators.RulePassFail && ind.Rule.Pass == nil || ind.Unit == "yes/no":
		l := strings.ToLower(c)
		switch {
		case yesWords[l]:
			v.Num, v.Set = 1, true
			return v, nil
		case noWords[l]:
			v.Num, v.Set = 0, true
			return v, nil
		}
		return v, &Issue{VI: fmt.Sprintf("giá trị %q không phải Có/Không; cần Có, Không, x, Đạt hoặc Không đạt", c),
			EN: fmt.Sprintf("value %q is not yes/no; expected Có, Không, x, Đạt or Không đạt", c)}
	}
	n, err := ParseNumber(c)
	if err != nil {
		return v, &Issue{VI: fmt.Sprintf("giá trị %q không phải là số; cần một số (ví dụ 87,5 hoặc 87.5)", c),
			EN: fmt.Sprintf("value %q is not a number; expected a number (e.g. 87,5 or 87.5)", c)}
	}
	v.Num, v.Set = n, true
	return v, checkRange(ind, n)
}

// checkRange reports a value outside the indicator's valid range: a share
// outside [0, 100], a negative count, or outside min/max.
func checkRange(ind *indicators.Indicator, n float64) *Issue {
	lo, hi := math.Inf(-1), math.Inf(1)
	switch ind.Unit {
	case "%":
		lo, hi = 0, 100
	case "count":
		lo = 0
	}
	if ind.Min != nil {
		lo = *ind.Min
	}
	if ind.Max != nil {
		hi = *ind.Max
	}
	if n >= lo && n <= hi {
		return nil
	}
	want := func(en bool) string {
		switch {
		case math.IsInf(hi, 1):
			if en {
				return fmt.Sprintf("at least %s", fmtNum(lo))
			}
			return fmt.Sprintf("từ %s trở lên", fmtNum(lo))
		case math.IsInf(lo, -1):
			if en {
				return fmt.Sprintf("at most %s", fmtNum(hi))
			}
			return fmt.Sprintf("không quá %s", fmtNum(hi))
		}
		if en {
			return fmt.Sprintf("between %s and %s", fmtNum(lo), fmtNum(hi))
		}
		return fmt.Sprintf("từ %s đến %s", fmtNum(lo), fmtNum(hi))
	}
	return &Issue{VI: fmt.Sprintf("giá trị %s nằm ngoài khoảng hợp lệ; cần %s (%s)", fmtNum(n), want(false), ind.Unit),
		EN: fmt.Sprintf("value %s is out of range; expected %s (%s)", fmtNum(n), want(true), ind.Unit)}
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// DisplayValue shows a reported value as a person reads it: a number with
// the language's decimal mark ("87,5" in Vietnamese), an answer or option
// as written, "–" when nothing was given.
func DisplayValue(ind *indicators.Indicator, v Value, lang indicators.Lang) string {
	if !v.Set {
		return "–"
	}
	if numericKind(ind) {
		return indicators.FormatNumber(v.Num, lang)
	}
	return v.Raw
}
