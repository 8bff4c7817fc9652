// Package safetext makes text that came from submissions, frameworks or
// file names safe to show: on a terminal, in a spreadsheet cell or in a
// PDF. Every writer of the module passes such text through here, so that
// no input can reorder, hide or rewrite what a person reads.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s without the characters that must not reach a
// reader: C0 and C1 control characters and DEL (terminal escapes, XML's
// forbidden characters), and the bidirectional formatting characters
// (embeddings, overrides and isolates, which can make text read in
// another order than it is stored). Tabs and, when keepLines is true,
// line breaks stay; invalid UTF-8 becomes U+FFFD.
func Printable(s string, keepLines bool) string {
	if clean(s, keepLines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			if keepLines {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case drop(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean reports whether s needs no change (the common case: no
// allocation).
func clean(s string, keepLines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			goto slow
		}
	}
	return true
slow:
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r == '\n' || r == '\r') && !keepLines || r != '\n' && r != '\r' && drop(r) {
			return false
		}
	}
	return true
}

// drop reports whether r is removed: a control character other than tab
// and line breaks, or a bidirectional formatting character.
func drop(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// Cut returns s cut to at most n runes, ending with "…" when it was cut.
func Cut(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return s[:i] + "…"
}

// Replace returns s with every rune for which ok is false replaced by
// repl, so that a missing glyph is seen, not silently dropped.
func Replace(s string, ok func(rune) bool, repl rune) string {
	for _, r := range s {
		if !ok(r) {
			goto slow
		}
	}
	return s
slow:
	return strings.Map(func(r rune) rune {
		if ok(r) || unicode.IsSpace(r) {
			return r
		}
		return repl
	}, s)
}
