// Package tomlerr locates TOML syntax errors for people.
package tomlerr

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// Line is the line of a TOML syntax error. The parser reports an
// unexpected end of line on the next line; this points at the line itself.
func Line(pe toml.ParseError) int {
	if l := pe.Position.Line; l > 1 && strings.Contains(pe.Message, `'\n'`) {
		return l - 1
	}
	return pe.Position.Line
}
