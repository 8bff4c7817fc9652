package dti

import (
	"fmt"
	"strings"
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
}

// Message renders the issue in lang ("vi" or "en").
func (is Issue) Message(lang string) string {
	var loc []string
	if is.File != "" {
		loc = append(loc, is.File)
	}
	if is.Sheet != "" || is.Cell != "" {
		s := fmt.Sprintf("trang %q", is.Sheet)
		if lang == "en" {
			s = fmt.Sprintf("sheet %q", is.Sheet)
		}
		if is.Cell != "" {
			if lang == "en" {
				s += " cell " + is.Cell
			} else {
				s += " ô " + is.Cell
			}
		}
		loc = append(loc, s)
	}
	if is.Line > 0 {
		s := fmt.Sprintf("dòng %d", is.Line)
		if lang == "en" {
			s = fmt.Sprintf("line %d", is.Line)
		}
		if is.Column != "" {
			if lang == "en" {
				s += ", column " + is.Column
			} else {
				s += ", cột " + is.Column
			}
		}
		loc = append(loc, s)
	}
	if is.Unit != "" {
		if lang == "en" {
			loc = append(loc, "unit "+is.Unit)
		} else {
			loc = append(loc, "đơn vị "+is.Unit)
		}
	}
	if is.Indicator != "" {
		if lang == "en" {
			loc = append(loc, "indicator "+is.Indicator)
		} else {
			loc = append(loc, "chỉ tiêu "+is.Indicator)
		}
	}
	sev := "lỗi"
	if lang == "en" {
		sev = "error"
	}
	if is.Severity == SevWarning {
		sev = "cảnh báo"
		if lang == "en" {
			sev = "warning"
		}
	}
	msg := is.VI
	if lang == "en" {
		msg = is.EN
	}
	return strings.Join(loc, ", ") + ": " + sev + ": " + msg
}

// Error returns the Vietnamese message.
func (is Issue) Error() string { return is.Message("vi") }

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
