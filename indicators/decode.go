package indicators

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cqs-vn/dtikit/internal/tomlerr"
	"golang.org/x/text/unicode/norm"
)

// MaxFileSize bounds the size of a framework file Decode accepts.
const MaxFileSize = 4 << 20

// Decode reads a framework from TOML and validates it. file names the
// source in messages. On failure the error is [Problems], listing every
// fault found with its line.
func Decode(data []byte, file string) (*Framework, error) {
	if len(data) > MaxFileSize {
		return nil, Problems{{File: file, VI: fmt.Sprintf("tệp quá lớn (%d byte, tối đa %d)", len(data), MaxFileSize), EN: fmt.Sprintf("file too large (%d bytes, at most %d)", len(data), MaxFileSize)}}
	}
	data = norm.NFC.Bytes(data)
	var f Framework
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		p := Problem{File: file}
		p.Line, p.VI, p.EN = tomlerr.Syntax(err, data)
		return nil, Problems{p}
	}
	pos := scanPositions(data)
	var probs Problems
	for _, k := range md.Undecoded() {
		line, code := pos.find(k)
		key := k.String()
		probs = append(probs, Problem{File: file, Line: line, Code: code,
			VI: fmt.Sprintf("khóa không được hỗ trợ %q", key),
			EN: fmt.Sprintf("unknown key %q", key)})
	}
	f.applyDefaults()
	for _, p := range f.validate() {
		p.File = file
		p.Line = pos.line(p.table, p.index, p.key)
		probs = append(probs, p.Problem)
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, probs
	}
	return &f, nil
}

// Load returns the embedded framework called name (see [Embedded]). An
// error for a name that is not embedded satisfies [IsNotEmbedded]; a
// caller that also takes file paths reads the file then and calls
// [Decode].
func Load(name string) (*Framework, error) {
	data, err := fs.ReadFile(embedded, "frameworks/"+name+".toml")
	if err != nil {
		return nil, notEmbedded(name)
	}
	return Decode(data, name)
}

// notEmbedded is the error of Load for a name it does not have.
type notEmbedded string

func (n notEmbedded) Error() string {
	return fmt.Sprintf("không có khung tiêu chí nhúng sẵn %q / no embedded framework %q", string(n), string(n))
}

// IsNotEmbedded reports whether err says that Load has no framework of
// that name.
func IsNotEmbedded(err error) bool {
	var ne notEmbedded
	return errors.As(err, &ne)
}

// WithDefaults returns a copy of f with the defaults the format documents
// filled in (aggregation sum, missing zero, normalisation min-max, scale
// 100, direction higher); f is not changed. The copy shares the nodes,
// classes and awards with f, and has indicators of its own.
func (f *Framework) WithDefaults() *Framework {
	c := *f
	c.Indicators = slices.Clone(f.Indicators)
	c.applyDefaults()
	return &c
}

// applyDefaults fills the defaults the format documents.
func (f *Framework) applyDefaults() {
	if f.Aggregation == "" {
		f.Aggregation = AggSum
	}
	if f.Missing == "" {
		f.Missing = MissingZero
	}
	if f.Normalize == "" {
		f.Normalize = NormMinMax
	}
	if f.Scale == 0 {
		f.Scale = 100
	}
	for i := range f.Indicators {
		if f.Indicators[i].Direction == "" {
			f.Indicators[i].Direction = Higher
		}
	}
}

// positions maps the tables of a TOML file to the lines of their keys.
type positions struct {
	blocks map[string][]block // "" (top level), "node", "indicator", "class", "award"
	lines  []string
}

type block struct {
	header int
	code   string
	keys   map[string]int
}

var (
	headerRe = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]`)
	tableRe  = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)
	keyRe    = regexp.MustCompile(`^\s*("?[A-Za-z0-9_-]+"?)\s*=`)
	codeRe   = regexp.MustCompile(`^\s*code\s*=\s*"([^"]*)"`)
)

// scanPositions finds, line by line, where each array-of-tables entry
// starts and on which line each of its keys stands. It reads the plain
// layout Encode writes and people type; unusual layouts fall back to the
// entry's header line.
func scanPositions(data []byte) positions {
	p := positions{blocks: map[string][]block{"": {{header: 1, keys: map[string]int{}}}}}
	cur := ""
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := string(raw)
		p.lines = append(p.lines, line)
		if m := headerRe.FindStringSubmatch(line); m != nil {
			cur = m[1]
			p.blocks[cur] = append(p.blocks[cur], block{header: i + 1, keys: map[string]int{}})
			continue
		}
		if m := tableRe.FindStringSubmatch(line); m != nil {
			// A sub-table such as [indicator.rule] belongs to the last entry.
			cur = m[1]
			if j := strings.LastIndex(cur, "."); j >= 0 {
				cur = cur[:j]
			}
			continue
		}
		if m := keyRe.FindStringSubmatch(line); m != nil {
			bs := p.blocks[cur]
			if len(bs) == 0 {
				continue
			}
			k := strings.Trim(m[1], `"`)
			if _, seen := bs[len(bs)-1].keys[k]; !seen {
				bs[len(bs)-1].keys[k] = i + 1
			}
			if k == "code" {
				if m := codeRe.FindStringSubmatch(line); m != nil {
					bs[len(bs)-1].code = m[1]
				}
			}
		}
	}
	return p
}

// line returns the line of key in entry index of table, else the entry's
// header line, else 0.
func (p positions) line(table string, index int, key string) int {
	bs := p.blocks[table]
	if index < 0 || index >= len(bs) {
		return 0
	}
	if l, ok := bs[index].keys[key]; ok {
		return l
	}
	if table == "" {
		return 0
	}
	return bs[index].header
}

// find locates an undecoded key such as indicator.rule.tagret: the first
// line where that key is assigned, and the code of the entry holding it.
func (p positions) find(k toml.Key) (int, string) {
	last := regexp.QuoteMeta(k[len(k)-1])
	re := regexp.MustCompile(`(^|[\s{,])"?` + last + `"?\s*=`)
	for i, l := range p.lines {
		if !re.MatchString(l) {
			continue
		}
		if len(k) == 1 {
			return i + 1, ""
		}
		code := ""
		for _, b := range p.blocks[k[0]] {
			if b.header <= i+1 {
				code = b.code
			}
		}
		return i + 1, code
	}
	return 0, ""
}
