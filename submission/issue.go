package submission

import (
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
)

// Severity of an [Issue].
type Severity uint8

const (
	SevError   Severity = iota // the value or file cannot be used
	SevWarning                 // the value is used, but someone should look
)

// Issue is one finding about a submission, located as precisely as the
// format allows.
type Issue struct {
	Severity  Severity
	File      string
	Sheet     string // xlsx sheet
	Cell      string // A1 reference in Sheet
	Line      int    // CSV/TOML line, 1-based
	Column    string // CSV column name or letter
	Unit      string
	Indicator string
	VI, EN    string
	// MadeFor is the framework a form was made for, on the error that
	// refuses it for being scored under another.
	MadeFor string
}

// Where says in lang where the issue stands in its file: the file, then
// the sheet and cell or the line and column; "" when nothing is known.
func (is Issue) Where(lang indicators.Lang) string {
	return string(is.appendWhere(nil, lang))
}

// appendWhere appends Where's text to b.
func (is Issue) appendWhere(b []byte, lang indicators.Lang) []byte {
	tr := lang.Pick
	n := len(b)
	sep := func() {
		if len(b) > n {
			b = append(b, ", "...)
		}
	}
	if is.File != "" {
		b = append(b, is.File...)
	}
	if is.Sheet != "" || is.Cell != "" {
		sep()
		b = append(b, tr("trang ", "sheet ")...)
		b = strconv.AppendQuote(b, is.Sheet) // as %q writes it
		if is.Cell != "" {
			b = append(b, tr(" ô ", " cell ")...)
			b = append(b, is.Cell...)
		}
	}
	if is.Line > 0 {
		sep()
		b = append(b, tr("dòng ", "line ")...)
		b = strconv.AppendInt(b, int64(is.Line), 10)
		if is.Column != "" {
			b = append(b, tr(", cột ", ", column ")...)
			b = append(b, is.Column...)
		}
	}
	return b
}

// Message renders the issue in lang ("vi" or "en").
func (is Issue) Message(lang indicators.Lang) string {
	return string(is.AppendMessage(nil, lang))
}

// AppendMessage appends Message's text to b: results.json writes a
// warning per missing value, and a string for each was a third of what
// it allocated.
func (is Issue) AppendMessage(b []byte, lang indicators.Lang) []byte {
	tr := lang.Pick
	n := len(b)
	b = is.appendWhere(b, lang)
	for _, part := range [2][2]string{{tr("đơn vị ", "unit "), is.Unit}, {tr("chỉ tiêu ", "indicator "), is.Indicator}} {
		if part[1] != "" {
			if len(b) > n {
				b = append(b, ", "...)
			}
			b = append(b, part[0]...)
			b = append(b, part[1]...)
		}
	}
	sev := tr("lỗi", "error")
	if is.Severity == SevWarning {
		sev = tr("cảnh báo", "warning")
	}
	b = append(b, ": "...)
	b = append(b, sev...)
	b = append(b, ": "...)
	return append(b, tr(is.VI, is.EN)...)
}

// Error returns the Vietnamese message.
func (is Issue) Error() string { return is.Message(indicators.Vietnamese) }

// Issues is a list of findings; as an error it lists them one per line.
type Issues []Issue

func (l Issues) Error() string {
	s := make([]string, len(l))
	for i, is := range l {
		s[i] = is.Error()
	}
	return strings.Join(s, "\n")
}

// HasErrors reports whether any issue is an error.
func (l Issues) HasErrors() bool {
	for _, is := range l {
		if is.Severity == SevError {
			return true
		}
	}
	return false
}
