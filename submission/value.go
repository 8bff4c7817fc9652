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
	if plainASCII(s) {
		return s // the common cell: nothing to normalise, trim or fold
	}
	s = norm.NFC.String(s)
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.Join(strings.Fields(s), " ")
}

// plainASCII reports whether s is printable ASCII with single inner
// spaces and none at the ends: Clean leaves it as it is.
func plainASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// IsNA reports whether a cell says "not applicable" (NA, N/A, KAD, không áp dụng).
func IsNA(s string) bool {
	if len(s) > 32 || len(s) > 0 && s[0] >= '0' && s[0] <= '9' {
		return false // longer than any of the words, or a number
	}
	switch strings.ToLower(Clean(s)) {
	case "na", "n/a", "kad", "không áp dụng", "khong ap dung", "not applicable":
		return true
	}
	return false
}

var yesWords = map[string]bool{"có": true, "co": true, "x": true, "đạt": true, "dat": true, "yes": true, "y": true, "true": true, "pass": true, "1": true, "rồi": true}
var noWords = map[string]bool{"không": true, "khong": true, "không đạt": true, "khong dat": true, "chưa đạt": true, "no": true, "n": true, "false": true, "fail": true, "0": true, "chưa": true}

// ParseValue reads raw text as a value of the indicator: a yes/no word for
// boolean and pass-fail indicators, an option label for categorical ones,
// a number under decimal convention d otherwise. On failure it returns the
// value unset and an error (SevError) saying what was expected.
//
// Text with two readings ("1.234" under DecimalAuto) is read only when
// exactly one of them fits the indicator (a count is a whole number, a
// share lies in [0, 100], min and max hold); the value is then set and
// the returned issue is a warning that says which reading was taken.
// When both or neither fit, it is an error showing both readings.
func ParseValue(ind *indicators.Indicator, raw string, d Decimal) (Value, *Issue) {
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
	if n, ok := plainDecimal(c, d); ok {
		if is := checkRange(ind, n); is != nil {
			return v, is
		}
		v.Num, v.Set = n, true
		return v, nil
	}
	rs, err := Readings(c, d)
	if err != nil {
		return v, &Issue{VI: fmt.Sprintf("giá trị %q không phải là số; cần một số (%s)", c, decimalHint(d, indicators.Vietnamese)),
			EN: fmt.Sprintf("value %q is not a number; expected a number (%s)", c, decimalHint(d, indicators.English))}
	}
	if len(rs) == 1 {
		if is := checkRange(ind, rs[0]); is != nil {
			return v, is
		}
		v.Num, v.Set = rs[0], true
		return v, nil
	}
	// Two readings: the decimal one and the thousands one.
	lo, hi := rs[0], rs[1]
	loBad, hiBad := checkRange(ind, lo), checkRange(ind, hi)
	both := func(l indicators.Lang) string {
		return l.Pick(fmt.Sprintf("%s (dấu thập phân) hoặc %s (dấu phân cách hàng nghìn)", numText(lo, l), numText(hi, l)),
			fmt.Sprintf("%s (decimal mark) or %s (thousands separator)", numText(lo, l), numText(hi, l)))
	}
	switch {
	case loBad == nil && hiBad == nil:
		return v, &Issue{VI: fmt.Sprintf("giá trị %q có hai cách đọc đều hợp với chỉ tiêu: %s; hãy nhập ô dạng số, hoặc bỏ dấu phân cách hàng nghìn", c, both(indicators.Vietnamese)),
			EN: fmt.Sprintf("value %q has two readings that both fit the indicator: %s; enter it as a number cell, or without a thousands separator", c, both(indicators.English))}
	case loBad != nil && hiBad != nil:
		return v, &Issue{VI: fmt.Sprintf("giá trị %q có hai cách đọc, %s, và cả hai đều không hợp lệ: %s", c, both(indicators.Vietnamese), loBad.VI),
			EN: fmt.Sprintf("value %q has two readings, %s, and neither is valid: %s", c, both(indicators.English), loBad.EN)}
	}
	took, other, why := lo, hi, hiBad
	if loBad != nil {
		took, other, why = hi, lo, loBad
	}
	v.Num, v.Set = took, true
	return v, &Issue{Severity: SevWarning,
		VI: fmt.Sprintf("đã đọc %q là %s; cách đọc %s không hợp với chỉ tiêu (%s)", c, numText(took, indicators.Vietnamese), numText(other, indicators.Vietnamese), why.VI),
		EN: fmt.Sprintf("read %q as %s; the reading %s does not fit the indicator (%s)", c, numText(took, indicators.English), numText(other, indicators.English), why.EN)}
}

// MaxMagnitude bounds any value read: no ward counts, measures or shares
// anything beyond it (1e308 is a typing accident, not a figure).
const MaxMagnitude = 1e15

// numText writes v in full with the language's decimal mark and no
// grouping, so that it cannot be misread: 1234, 1,234 (vi) or 1.234 (en).
func numText(v float64, l indicators.Lang) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if l != indicators.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// decimalHint says what numbers look like under convention d.
func decimalHint(d Decimal, l indicators.Lang) string {
	switch d {
	case DecimalPoint:
		return l.Pick("dấu chấm thập phân, không phân cách hàng nghìn, ví dụ 87.5 hoặc 1234", "decimal point, no thousands separator, e.g. 87.5 or 1234")
	case DecimalComma:
		return l.Pick("dấu phẩy thập phân, ví dụ 87,5 hoặc 1.234,5", "decimal comma, e.g. 87,5 or 1.234,5")
	}
	return l.Pick("ví dụ 87,5 hoặc 87.5", "e.g. 87,5 or 87.5")
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
	if math.Abs(n) > MaxMagnitude {
		return &Issue{VI: fmt.Sprintf("giá trị %s quá lớn để là một số đo (tối đa %g)", numText(n, indicators.Vietnamese), MaxMagnitude), EN: fmt.Sprintf("value %s is too large to be a measurement (at most %g)", numText(n, indicators.English), MaxMagnitude)}
	}
	if n >= lo && n <= hi {
		if ind.Unit == "count" && n != math.Trunc(n) {
			return &Issue{VI: fmt.Sprintf("giá trị %s không phải số nguyên; chỉ tiêu đếm số lượng (count) cần một số nguyên", numText(n, indicators.Vietnamese)),
				EN: fmt.Sprintf("value %s is not a whole number; a count needs a whole number", numText(n, indicators.English))}
		}
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
