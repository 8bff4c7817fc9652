package safetext

import "testing"

func TestPrintable(t *testing.T) {
	for _, tt := range []struct {
		in, keep, one string
	}{
		{"Phường Phú Cường", "Phường Phú Cường", "Phường Phú Cường"},
		{"a\x1b[2Jb", "a[2Jb", "a[2Jb"},                    // ESC dropped: no escape sequence survives
		{"x\x1b]0;title\x07y", "x]0;titley", "x]0;titley"}, // OSC title with BEL
		{"line1\nline2", "line1\nline2", "line1 line2"},    // newlines kept or folded
		{"tab\there", "tab\there", "tab\there"},            // tabs stay
		{"\u202eevil\u202c", "evil", "evil"},               // right-to-left override
		{"a\u2067b\u2069c", "abc", "abc"},                  // isolates
		{"nul\x00del\x7fc1\u0085", "nuldelc1", "nuldelc1"}, // NUL, DEL, C1 NEL
		{"bad\xffutf8", "bad\ufffdutf8", "bad\ufffdutf8"},  // invalid UTF-8 visible
		{"😀 𠀀", "😀 𠀀", "😀 𠀀"},                              // kept here; the PDF replaces what its fonts lack
	} {
		if got := Printable(tt.in, true); got != tt.keep {
			t.Errorf("Printable(%q, true) = %q, want %q", tt.in, got, tt.keep)
		}
		if got := Printable(tt.in, false); got != tt.one {
			t.Errorf("Printable(%q, false) = %q, want %q", tt.in, got, tt.one)
		}
	}
}

func TestCutAndReplace(t *testing.T) {
	if got := Cut("Phường Hiệp Thành", 7); got != "Phường…" { // 7 runes with the ellipsis
		t.Errorf("Cut = %q", got)
	}
	if got := Cut("abc", 3); got != "abc" {
		t.Errorf("Cut = %q", got)
	}
	bmp := func(r rune) bool { return r < 0x10000 }
	if got := Replace("a😀b", bmp, '□'); got != "a□b" {
		t.Errorf("Replace = %q", got)
	}
}
