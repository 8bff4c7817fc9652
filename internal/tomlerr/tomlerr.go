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
