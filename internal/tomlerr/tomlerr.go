// Package tomlerr locates TOML syntax errors for people.
package tomlerr

import (
	"bytes"
	"errors"

	"github.com/BurntSushi/toml"
)

// Line is the line of a TOML syntax error in src. The parser's own line
// number is one too far when the offending character is the end of a
// line; the byte offset it reports is right, so the line is counted from
// that.
func Line(pe toml.ParseError, src []byte) int {
	if s := pe.Position.Start; s >= 0 && s <= len(src) && (s > 0 || pe.Position.Line <= 1) {
		return 1 + bytes.Count(src[:s], []byte("\n"))
	}
	return pe.Position.Line
}

// Syntax describes a toml.Decode error for people: its line (0 when the
// error is not a parse error) and the message in Vietnamese and English.
func Syntax(err error, src []byte) (line int, vi, en string) {
	msg := err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, msg = Line(pe, src), pe.Message
	}
	return line, "cú pháp TOML không hợp lệ: " + msg, "invalid TOML syntax: " + msg
}

// MaxDepth bounds how deep arrays and inline tables may nest in the TOML
// files dti reads; a framework or a submission needs three or four.
const MaxDepth = 16

// TooDeep returns the line where the nesting of arrays and inline tables
// ([ and { outside strings and comments) first goes beyond max, or 0. It
// reads src once, before the decoder does, so that a file of deeply
// nested brackets cannot exhaust the decoder's memory.
func TooDeep(src []byte, max int) int {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case '"', '\'':
			q := []byte{c}
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				q = []byte{c, c, c} // multi-line string
			}
			j := i + len(q)
			for j < len(src) && !bytes.HasPrefix(src[j:], q) {
				if src[j] == '\\' && c == '"' {
					j++
				} else if src[j] == '\n' {
					if len(q) == 1 {
						break // an unterminated string: the decoder says so
					}
					line++
				}
				j++
			}
			i = j + len(q) - 1
		case '[', '{':
			if depth++; depth > max {
				return line
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0
}

// Index finds, in one pass, the line where each key is first assigned at
// the start of a line and where each quoted string first appears, so that
// locating many values costs no more than reading the file.
type Index struct {
	keys, strs map[string]int
}

// NewIndex indexes src.
func NewIndex(src []byte) *Index {
	ix := &Index{keys: map[string]int{}, strs: map[string]int{}}
	for n, l := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if k, _, ok := bytes.Cut(t, []byte("=")); ok && len(t) > 0 && t[0] != '#' && t[0] != '[' {
			key := string(bytes.Trim(bytes.TrimSpace(k), `"'`))
			if _, seen := ix.keys[key]; !seen {
				ix.keys[key] = n + 1
			}
		}
		for rest := l; ; {
			i := bytes.IndexByte(rest, '"')
			if i < 0 {
				break
			}
			j := bytes.IndexByte(rest[i+1:], '"')
			if j < 0 {
				break
			}
			s := string(rest[i+1 : i+1+j])
			if _, seen := ix.strs[s]; !seen {
				ix.strs[s] = n + 1
			}
			rest = rest[i+j+2:]
		}
	}
	return ix
}

// Key returns the line where key is first assigned, or 0.
func (ix *Index) Key(key string) int { return ix.keys[key] }

// String returns the line where "s" first appears, or 0.
func (ix *Index) String(s string) int { return ix.strs[s] }
