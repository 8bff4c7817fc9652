package tomlerr

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLine(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
	}{
		{"a = 1\n[[b]\nc = 2\n", 2}, // the parser says line 3 for the unclosed header on line 2
		{"a = 1\n[b\nc=1\n", 2},     // likewise
		{"a = 1\nb = \n", 2},        // the parser says line 2: right
		{"a = 1\nb = = 2\n", 2},
		{"a = 1\nx = \"abc\n", 2},
		{"= 1\n", 1},
	} {
		var v map[string]any
		_, err := toml.Decode(tt.src, &v)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: %v, want a ParseError", tt.src, err)
		}
		if got := Line(pe, []byte(tt.src)); got != tt.want {
			t.Errorf("Line(%q) = %d (parser: %d, start %d), want %d", tt.src, got, pe.Position.Line, pe.Position.Start, tt.want)
		}
	}
}
