package reports

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The per-indicator, per-node and per-domain objects of results.json are
// written by the appenders below rather than by encoding/json's reflection:
// on 10,000 units × 100 indicators that took the whole `dti score --format
// json` from 16.3 s to 4.1 s (BenchmarkWriteJSON measures the writer). The
// bytes are those encoding/json writes; TestAppendMatchesEncodingJSON
// compares the two on edge and random values.

// appendString appends s as encoding/json writes it (HTML-safe escaping,
// invalid UTF-8 replaced), taking a fast path for the common case of text
// that needs no escaping.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshal(b, s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshal(b, s)
		}
		i += n
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshal(b []byte, v any) []byte {
	m, _ := json.Marshal(v) // a string or []string cannot fail
	return append(b, m...)
}

// appendFloat appends f as encoding/json writes a float64 field; NaN and
// infinities, which encoding/json refuses, are written as null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json does
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJnum appends v as its MarshalJSON writes it.
func appendJnum(b []byte, v jnum) []byte {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

func (n *jsonNode) appendJSON(b []byte) []byte {
	b = append(b, `{"score":`...)
	b = appendJnum(b, n.Score)
	if n.Points != nil {
		b = append(b, `,"points":`...)
		b = appendJnum(b, *n.Points)
	}
	if n.Max != nil {
		b = append(b, `,"max":`...)
		b = appendFloat(b, *n.Max)
	}
	b = append(b, `,"rank":`...)
	b = strconv.AppendInt(b, int64(n.Rank), 10)
	b = append(b, `,"status":`...)
	b = appendString(b, n.Status)
	return append(b, '}')
}

func (d *jsonDomain) appendJSON(b []byte) []byte {
	b = append(b, `{"score":`...)
	b = appendJnum(b, d.Score)
	b = append(b, `,"rank":`...)
	b = strconv.AppendInt(b, int64(d.Rank), 10)
	return append(b, '}')
}

func (ji *jsonIndicator) appendJSON(b []byte) []byte {
	b = append(b, `{"value":`...)
	if ji.text != nil {
		b = append(b, ji.text...)
	} else {
		b = appendJnum(b, ji.Value)
	}
	if ji.Raw != "" {
		b = append(b, `,"raw":`...)
		b = appendString(b, ji.Raw)
	}
	if ji.ScoredValue != nil {
		b = append(b, `,"scored_value":`...)
		b = appendJnum(b, *ji.ScoredValue)
	}
	b = append(b, `,"basis":`...)
	b = appendString(b, ji.Basis)
	b = append(b, `,"status":`...)
	b = appendString(b, ji.Status)
	if ji.Points != nil {
		b = append(b, `,"points":`...)
		b = appendFloat(b, *ji.Points)
	}
	if ji.Max != nil {
		b = append(b, `,"max":`...)
		b = appendFloat(b, *ji.Max)
	}
	b = append(b, `,"score":`...)
	b = appendFloat(b, ji.Score)
	if ji.Self != nil {
		b = append(b, `,"self":`...)
		b = appendJnum(b, *ji.Self)
	}
	if ji.SelfPoints != nil {
		b = append(b, `,"self_points":`...)
		b = appendFloat(b, *ji.SelfPoints)
	}
	if ji.Lost != 0 {
		b = append(b, `,"lost":`...)
		b = appendFloat(b, ji.Lost)
	}
	if len(ji.Evidence) > 0 {
		b = append(b, `,"evidence":[`...)
		for i, e := range ji.Evidence {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		b = append(b, ']')
	}
	if ji.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendString(b, ji.Reason)
	}
	if ji.Note != "" {
		b = append(b, `,"note":`...)
		b = appendString(b, ji.Note)
	}
	return append(b, '}')
}

// unitEncoder is what appendUnit reuses from one unit to the next: an
// encoder that writes into the chunk (json.Marshal returned a copy of
// each unit's head and tail) and the text of a warning (a string each
// before): appendUnit on the #13 harness CSV allocated 34.7 → 20.0 MB
// (DTI_MEMPROFILE), and json took 206–226 MB peak instead of 241–250
// (with PCA's copy gone; four interleaved runs, same bytes).
type unitEncoder struct {
	w   sliceWriter
	enc *json.Encoder
	msg []byte
}

func newUnitEncoder() *unitEncoder {
	ue := &unitEncoder{}
	ue.enc = json.NewEncoder(&ue.w)
	return ue
}

// marshal appends v as json.Marshal writes it.
func (ue *unitEncoder) marshal(b []byte, v any) ([]byte, error) {
	ue.w = b
	err := ue.enc.Encode(v) // writes nothing on error
	b, ue.w = ue.w, nil
	if err != nil {
		return b, err
	}
	return b[:len(b)-1], nil // without Encode's newline
}

// sliceWriter appends what is written to it.
type sliceWriter []byte

func (w *sliceWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

// pow10 holds the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// shortestG reports whether raw is what strconv.AppendFloat(v, 'g', -1)
// writes, without formatting v. It is when raw is a plain decimal ("-"?,
// digits without a leading zero, a fraction not ending in 0) of at most
// 15 significant digits, so the shortest text of the float nearest it,
// with its first digit where 'g' keeps the %f form (10⁻⁴ ≤ |v| < 10⁶),
// and v is that float: the digits over a power of ten, both exact, divide
// correctly rounded. Most values of a CSV are written so: BenchmarkValueText
// 17 ns a value against 42 to format it again, 25 ms of CPU on the #13
// harness CSV (TestShortestG and FuzzShortestG compare it with strconv).
func shortestG(raw string, v float64) bool {
	s, neg := strings.CutPrefix(raw, "-")
	whole, frac, point := strings.Cut(s, ".")
	if whole == "" || point && (frac == "" || frac[len(frac)-1] == '0') || len(whole) > 1 && whole[0] == '0' || len(frac) > 19 {
		return false
	}
	var m uint64
	digits := 0
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return false
			}
			if m == 0 && c == '0' {
				continue // not significant
			}
			if digits == 15 {
				return false
			}
			m = m*10 + uint64(c-'0')
			digits++
		}
	}
	if m == 0 {
		return raw == "0" && v == 0 && !math.Signbit(v)
	}
	exp := len(whole) - 1 // of the first significant digit
	if whole == "0" {
		exp = -(len(frac) - len(strings.TrimLeft(frac, "0"))) - 1
	}
	if exp < -4 || exp >= 6 {
		return false
	}
	f := float64(m) / pow10[len(frac)]
	if neg {
		f = -f
	}
	return f == v
}
