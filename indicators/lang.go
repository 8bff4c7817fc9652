package indicators

import "fmt"

// Lang is the language of what a person reads: messages, reports, names.
// The zero value and anything but [English] mean Vietnamese.
type Lang string

const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// ParseLang reads a --lang value: "vi" or "en".
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case Vietnamese, English:
		return Lang(s), nil
	}
	return Vietnamese, fmt.Errorf("language %q: want vi or en", s)
}

// Pick returns vi, or en when l is English. Every text the module shows in
// both languages is chosen here.
func (l Lang) Pick(vi, en string) string {
	if l == English {
		return en
	}
	return vi
}
