package indicators

import (
	"fmt"
	"strings"
)

// Problem is one fault found in a framework file: where it is and what is
// wrong, in Vietnamese and English.
type Problem struct {
	File string // file name as given to Decode
	Line int    // 1-based line, 0 when unknown
	Code string // code of the node or indicator, or the key at fault
	VI   string // message in Vietnamese
	EN   string // message in English
}

// Message returns "file:line: [code] message" in lang ("vi" or "en").
func (p Problem) Message(lang Lang) string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(":")
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d:", p.Line)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if p.Code != "" {
		b.WriteString("[" + p.Code + "] ")
	}
	if lang == English {
		b.WriteString(p.EN)
	} else {
		b.WriteString(p.VI)
	}
	return b.String()
}

// Error returns the message in Vietnamese followed by English.
func (p Problem) Error() string { return p.Message(Vietnamese) + " / " + p.EN }

// Problems is every fault found in one framework; it is the error returned
// by [Decode] and [Framework.Validate].
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
