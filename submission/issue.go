package submission

import (
	"fmt"
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
	return strings.Join(is.where(lang), ", ")
}

func (is Issue) where(lang indicators.Lang) []string {
	tr := lang.Pick
	var loc []string
	if is.File != "" {
		loc = append(loc, is.File)
	}
	if is.Sheet != "" || is.Cell != "" {
		s := fmt.Sprintf(tr("trang %q", "sheet %q"), is.Sheet)
		if is.Cell != "" {
			s += tr(" ô ", " cell ") + is.Cell
		}
		loc = append(loc, s)
	}
	if is.Line > 0 {
		s := fmt.Sprintf(tr("dòng %d", "line %d"), is.Line)
		if is.Column != "" {
			s += tr(", cột ", ", column ") + is.Column
		}
		loc = append(loc, s)
	}
	return loc
}

// Message renders the issue in lang ("vi" or "en").
func (is Issue) Message(lang indicators.Lang) string {
	tr := lang.Pick
	loc := is.where(lang)
	if is.Unit != "" {
		loc = append(loc, tr("đơn vị ", "unit ")+is.Unit)
	}
	if is.Indicator != "" {
		loc = append(loc, tr("chỉ tiêu ", "indicator ")+is.Indicator)
	}
	sev := tr("lỗi", "error")
	if is.Severity == SevWarning {
		sev = tr("cảnh báo", "warning")
	}
	return strings.Join(loc, ", ") + ": " + sev + ": " + tr(is.VI, is.EN)
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
