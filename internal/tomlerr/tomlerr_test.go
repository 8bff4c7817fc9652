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

func TestTooDeep(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
	}{
		{"a = [1, [2, [3]]]\n", 0},
		{"a = [[[[1]]]]\n", 1},                      // depth 4 > 3 on line 1
		{"s = \"[[[[[\"\nb = 1\n", 0},               // brackets in a string
		{"# [[[[[[\nb = 1\n", 0},                    // in a comment
		{"m = '''\n[[[[[\n'''\nx = [[[[1]]]]\n", 4}, // multi-line literal, then too deep on line 4
		{"x = {a = {b = {c = {d = 1}}}}\n", 1},      // inline tables
	} {
		max := 3
		if got := TooDeep([]byte(tt.src), max); got != tt.want {
			t.Errorf("TooDeep(%q, %d) = %d, want %d", tt.src, max, got, tt.want)
		}
	}
}

func TestIndex(t *testing.T) {
	ix := NewIndex([]byte("unit = \"PC\"\n\n[[value]]\nindicator = \"CQ.1\"\nself = 1\n[[value]]\nindicator = \"CQ.2\"\n"))
	if ix.Key("unit") != 1 || ix.Key("indicator") != 4 || ix.String("CQ.2") != 7 || ix.String("none") != 0 {
		t.Errorf("index: unit %d, indicator %d, CQ.2 %d", ix.Key("unit"), ix.Key("indicator"), ix.String("CQ.2"))
	}
}
