package submission

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScan is a strict, allocation-light reader of the XML that Excel,
// LibreOffice and excelize write for a workbook's parts. It is the fast
// path of reading a form (see fastBook); whatever it is not sure it reads
// the way encoding/xml would (CDATA, a DOCTYPE, carriage returns, which
// encoding/xml rewrites, control characters, an unknown entity, text that
// is not UTF-8, a malformed tag) makes it stop with ok false, and the
// workbook is read through excelize instead.
type xmlScan struct {
	b     []byte
	i     int
	bad   bool
	stack []string // open elements, to check that each end tag closes its own
	spare xmlTok   // skip's token, its attributes' memory reused
}

// xmlDecl is the XML declaration as spreadsheet programs write it; any
// other (another version or encoding, a malformed one) stops the scanner.
var xmlDecl = regexp.MustCompile(`^<\?xml version=("1\.0"|'1\.0')( encoding=("(?i:utf-8)"|'(?i:utf-8)'))?( standalone=("yes"|"no"|'yes'|'no'))? ?\?>$`)

// token kinds
const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

type xmlAttr struct{ name, value string }

type xmlTok struct {
	kind        int
	name        string
	attrs       []xmlAttr
	selfClosing bool
	text        string // decoded, for tokText
}

// newXMLScan checks the whole part once for what the scanner does not
// handle.
func newXMLScan(b []byte) *xmlScan {
	s := &xmlScan{b: b}
	// CDATA, a DOCTYPE or an ENTITY make next stop at their "<!".
	if !utf8.Valid(b) || hasControl(b) {
		s.bad = true
		return s
	}
	if bytes.HasPrefix(b, []byte("<?")) {
		end := bytes.Index(b, []byte("?>"))
		if end < 0 || !xmlDecl.Match(b[:end+2]) {
			s.bad = true // a declaration encoding/xml might read otherwise
		}
	}
	return s
}

// next returns the next token; tokEOF at the end or when the part is not
// what the scanner reads (s.bad).
func (s *xmlScan) next(t *xmlTok) {
	t.attrs, t.selfClosing, t.text, t.name = t.attrs[:0], false, "", ""
	for !s.bad {
		if s.i >= len(s.b) {
			if len(s.stack) > 0 {
				s.bad = true
			}
			t.kind = tokEOF
			return
		}
		if s.b[s.i] != '<' {
			j := bytes.IndexByte(s.b[s.i:], '<')
			if j < 0 {
				j = len(s.b) - s.i
			}
			raw := s.b[s.i : s.i+j]
			s.i += j
			txt, ok := unescapeXML(raw)
			if !ok {
				s.bad = true
				break
			}
			t.kind, t.text = tokText, txt
			return
		}
		rest := s.b[s.i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			j := bytes.Index(rest, []byte("?>"))
			if j < 0 || s.i != 0 {
				s.bad = true // only the declaration, checked by newXMLScan
				break
			}
			s.i += j + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			j := bytes.Index(rest[4:], []byte("-->"))
			if j < 0 {
				s.bad = true
				break
			}
			s.i += 4 + j + 3
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				s.bad = true
				break
			}
			name := strings.TrimRight(string(rest[2:j]), " \t\n")
			if !xmlName(name) {
				s.bad = true
				break
			}
			if n := len(s.stack); n == 0 || s.stack[n-1] != name {
				s.bad = true
				break
			}
			s.stack = s.stack[:len(s.stack)-1]
			s.i += j + 1
			t.kind, t.name = tokEnd, name
			return
		case len(rest) > 1 && rest[1] == '!':
			s.bad = true
		}
		if s.bad {
			break
		}
		s.startTag(t)
		if s.bad {
			break
		}
		return
	}
	t.kind = tokEOF
}

// startTag reads <name attr="v" …> or <name …/>.
func (s *xmlScan) startTag(t *xmlTok) {
	b, i := s.b, s.i+1
	j := i
	for j < len(b) && !isXMLSpace(b[j]) && b[j] != '>' && b[j] != '/' {
		j++
	}
	t.name = string(b[i:j])
	if !xmlName(t.name) {
		s.bad = true
		return
	}
	i = j
	for {
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			s.bad = true
			return
		}
		if b[i] == '>' {
			s.i, t.kind = i+1, tokStart
			s.stack = append(s.stack, t.name)
			return
		}
		if b[i] == '/' {
			if i+1 >= len(b) || b[i+1] != '>' {
				s.bad = true
				return
			}
			s.i, t.kind, t.selfClosing = i+2, tokStart, true
			return
		}
		j = i
		for j < len(b) && b[j] != '=' && !isXMLSpace(b[j]) && b[j] != '>' && b[j] != '/' {
			j++
		}
		name := string(b[i:j])
		if j >= len(b) || b[j] != '=' || !xmlName(name) || j+1 >= len(b) || b[j+1] != '"' && b[j+1] != '\'' {
			s.bad = true
			return
		}
		q := b[j+1]
		k := bytes.IndexByte(b[j+2:], q)
		if k < 0 {
			s.bad = true
			return
		}
		raw := b[j+2 : j+2+k]
		if bytes.IndexByte(raw, '<') >= 0 || bytes.ContainsAny(raw, "\t\n\r") {
			s.bad = true // encoding/xml keeps these, but nothing we read needs them
			return
		}
		v, ok := unescapeXML(raw)
		if !ok {
			s.bad = true
			return
		}
		for _, a := range t.attrs {
			if a.name == name {
				s.bad = true // twice: which one counts?
				return
			}
		}
		t.attrs = append(t.attrs, xmlAttr{name, v})
		i = j + 2 + k + 1
		if i < len(b) && !isXMLSpace(b[i]) && b[i] != '>' && b[i] != '/' {
			s.bad = true
			return
		}
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// xmlName accepts the names the parts use: letters, digits, '_', '-', '.'
// and at most one ':' (a prefix).
func xmlName(n string) bool {
	if n == "" || n[0] >= '0' && n[0] <= '9' || n[0] == '-' || n[0] == '.' || n[0] == ':' {
		return false
	}
	colons := 0
	for i := 0; i < len(n); i++ {
		c := n[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.':
		case c == ':':
			colons++
		default:
			return false
		}
	}
	return colons <= 1 && n[len(n)-1] != ':'
}

// unescapeXML decodes the five named entities and character references,
// as encoding/xml does; anything else is refused.
func unescapeXML(b []byte) (string, bool) {
	if bytes.IndexByte(b, '\r') >= 0 {
		// encoding/xml reads CR LF and a lone CR as LF
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	if bytes.IndexByte(b, '&') < 0 {
		return string(b), true
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			sb.Write(b)
			break
		}
		sb.Write(b[:i])
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 || j > 12 {
			return "", false
		}
		ent := string(b[1:j])
		b = b[j+1:]
		switch ent {
		case "lt":
			sb.WriteByte('<')
		case "gt":
			sb.WriteByte('>')
		case "amp":
			sb.WriteByte('&')
		case "quot":
			sb.WriteByte('"')
		case "apos":
			sb.WriteByte('\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return "", false
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			r := rune(n)
			if err != nil || ent[1] == 'x' && ent[2:] == "" || !validXMLChar(r) {
				return "", false
			}
			if r == '\r' {
				return "", false // kept by encoding/xml as it is; nothing we read holds one
			}
			sb.WriteRune(r)
		}
	}
	return sb.String(), true
}

// validXMLChar is the XML 1.0 Char production, as encoding/xml checks it.
func validXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// skip passes over the element whose start tag t was just read.
func (s *xmlScan) skip(t *xmlTok) {
	if t.selfClosing {
		return
	}
	depth := 1
	u := &s.spare
	for depth > 0 {
		s.next(u)
		switch u.kind {
		case tokEOF:
			s.bad = true
			return
		case tokStart:
			if !u.selfClosing {
				depth++
			}
		case tokEnd:
			depth--
		}
	}
}

// attr returns the value of the attribute named n.
func (t *xmlTok) attr(n string) (string, bool) {
	for _, a := range t.attrs {
		if a.name == n {
			return a.value, true
		}
	}
	return "", false
}

// root reads up to the root element's start tag, past the white space
// around the declaration.
func (s *xmlScan) root(t *xmlTok) {
	for s.next(t); t.kind == tokText && strings.TrimSpace(t.text) == ""; s.next(t) {
	}
}

// hasControl reports whether b holds a control character other than tab,
// line feed and carriage return (which unescapeXML rewrites as
// encoding/xml does: Excel ends its declaration with CR LF). It
// looks at eight bytes at a time for one below 0x20 ("hasless" of the
// bit twiddling hacks), then at each byte of those eight.
func hasControl(b []byte) bool {
	bad := func(w []byte) bool {
		for _, c := range w {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return true
			}
		}
		return false
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if (x-0x2020202020202020)&^x&0x8080808080808080 != 0 && bad(b[i:i+8]) {
			return true
		}
	}
	return bad(b[i:])
}

// child reads on to the next child element of the element being read:
// true with its start tag in t; false at that element's end tag, or at
// the end of the part, which makes s bad.
func (s *xmlScan) child(t *xmlTok) bool {
	for {
		s.next(t)
		switch t.kind {
		case tokText:
			continue
		case tokStart:
			return true
		case tokEOF:
			s.bad = true
		}
		return false
	}
}
