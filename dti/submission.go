package dti

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"golang.org/x/text/unicode/norm"
)

// Value is one reported value: the text as given and its meaning.
type Value struct {
	Num float64 // the number; 1/0 for yes/no; the option's position for categorical
	Set bool    // false: no value was given
	Raw string  // as given, NFC, trimmed
}

// Entry is a submission's data for one indicator.
type Entry struct {
	// The fields scoring reads come first; with the padding at the end,
	// an Entry takes four whole cache lines (its size class aligns it to
	// 64 bytes), so they are read in one.
	NA        bool     // không áp dụng
	Self      Value    // tự đánh giá
	Appraised Value    // thẩm định
	Evidence  []string // document numbers, links or file names
	Reason    string   // the evaluators' reason for an appraised value
	Note      string
	// Where the values came from, for messages.
	SelfAt, AppraisedAt Location
	_                   [16]byte
}

// Location is where a value stands in its file: a sheet and cell for
// workbooks, a line and column for CSV and TOML.
type Location struct {
	Sheet, Cell string
	Line        int
	Column      string
}

// at returns an issue template located at l.
func (l Location) at(file, unit, indicator string) Issue {
	return Issue{File: file, Sheet: l.Sheet, Cell: l.Cell, Line: l.Line, Column: l.Column, Unit: unit, Indicator: indicator}
}

// Submission is one unit's data for one period. Its entries, one per
// indicator code, are made with [Submission.Entry] and kept in the order
// they were made (the order of the form or file they were read from).
type Submission struct {
	Unit   string // unit code
	Name   string // unit name, e.g. "Phường Phú Cường"
	Period string // e.g. "2024"
	File   string // source file
	Issues Issues // warnings found while reading

	codes   []string
	entries []*Entry
	index   map[string]int // position in entries by code, once there are more than indexFrom
	slab    []Entry        // where new entries are made, side by side
}

// newSubmission returns a submission with room for n entries made side by
// side, as a reader knows n from the framework.
func newSubmission(file string, n int) *Submission {
	return &Submission{File: file, slab: make([]Entry, 0, n), codes: make([]string, 0, n), entries: make([]*Entry, 0, n)}
}

// indexFrom is the number of entries up to which a code is found by
// reading the codes in turn, which for a form's few dozen indicators is
// as quick as a map and needs no memory of its own.
const indexFrom = 64

// find returns the position of code's entry, or −1.
func (s *Submission) find(code string) int {
	if s.index != nil {
		if k, ok := s.index[code]; ok {
			return k
		}
		return -1
	}
	for k, c := range s.codes {
		if c == code {
			return k
		}
	}
	return -1
}

// Entry returns the entry for an indicator code, making an empty one
// when there is none.
func (s *Submission) Entry(code string) *Entry {
	if k := s.find(code); k >= 0 {
		return s.entries[k]
	}
	var e *Entry
	if len(s.slab) < cap(s.slab) {
		s.slab = s.slab[:len(s.slab)+1]
		e = &s.slab[len(s.slab)-1]
	} else {
		e = &Entry{}
	}
	s.codes = append(s.codes, code)
	s.entries = append(s.entries, e)
	switch n := len(s.codes); {
	case s.index != nil:
		s.index[code] = n - 1
	case n > indexFrom:
		s.index = make(map[string]int, 2*n)
		for k, c := range s.codes {
			s.index[c] = k
		}
	}
	return e
}

// Lookup returns the entry for an indicator code, or nil.
func (s *Submission) Lookup(code string) *Entry {
	if k := s.find(code); k >= 0 {
		return s.entries[k]
	}
	return nil
}

// entryAt returns the entry for code, the code of the framework's
// indicator j: found at position j when the entries were made in
// framework order, else looked up.
func (s *Submission) entryAt(j int, code string) *Entry {
	if j < len(s.codes) && s.codes[j] == code {
		return s.entries[j]
	}
	return s.Lookup(code)
}

// Len returns the number of entries.
func (s *Submission) Len() int { return len(s.entries) }

// All yields the indicator codes and entries in the order they were made.
func (s *Submission) All() iter.Seq2[string, *Entry] {
	return func(yield func(string, *Entry) bool) {
		for k, e := range s.entries {
			if !yield(s.codes[k], e) {
				return
			}
		}
	}
}

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
	kind := ""
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
func DisplayValue(ind *indicators.Indicator, v Value, lang string) string {
	if !v.Set {
		return "–"
	}
	if numericKind(ind) {
		return indicators.FormatNumber(v.Num, lang)
	}
	return v.Raw
}
