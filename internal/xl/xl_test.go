package xl

import "testing"

func TestLines(t *testing.T) {
	for _, c := range []struct {
		s     string
		width float64
		want  int
	}{
		{"", 20, 1},
		{"short", 20, 1},
		// 17 characters per line at width 20
		{"aaaa bbbb cccc dd", 20, 1},         // 17
		{"aaaa bbbb cccc ddd", 20, 2},        // 18
		{"aaaaaaaaaaaaaaaaaaaaaaaaa", 20, 2}, // 25 > 17
		{"one\ntwo\nthree", 20, 3},
		{"Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", 20, 4}, // 55 runes
	} {
		if got := Lines(c.s, c.width); got != c.want {
			t.Errorf("Lines(%q, %v) = %d, want %d", c.s, c.width, got, c.want)
		}
	}
}
