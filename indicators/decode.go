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
	f, _, err := DecodeNotes(data, file)
	return f, err
}

// DecodeNotes is [Decode] that also returns what it assumed where the
// file is silent: the defaults it filled in, weights of 1 under means,
// the built-in domains a framework that declares none names. These are
// not faults; "dti framework check" prints them.
func DecodeNotes(data []byte, file string) (*Framework, Problems, error) {
	if len(data) > MaxFileSize {
		return nil, nil, Problems{{File: file, VI: fmt.Sprintf("tệp quá lớn (%d byte, tối đa %d)", len(data), MaxFileSize), EN: fmt.Sprintf("file too large (%d bytes, at most %d)", len(data), MaxFileSize)}}
	}
	data = norm.NFC.Bytes(data)
	if line := tomlerr.TooDeep(data, tomlerr.MaxDepth); line > 0 {
		return nil, nil, Problems{{File: file, Line: line, VI: fmt.Sprintf("mảng hoặc bảng lồng nhau quá %d cấp", tomlerr.MaxDepth), EN: fmt.Sprintf("arrays or tables nested more than %d deep", tomlerr.MaxDepth)}}
	}
	var f Framework
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		p := Problem{File: file}
		p.Line, p.VI, p.EN = tomlerr.Syntax(err, data)
		return nil, nil, Problems{p}
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
	var notes Problems
	for _, p := range f.applyDefaults() {
		p.File = file
		p.Line = pos.line(p.table, p.index, p.key)
		notes = append(notes, p.Problem)
	}
	for _, p := range f.validate() {
		p.File = file
		p.Line = pos.line(p.table, p.index, p.key)
		probs = append(probs, p.Problem)
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, nil, probs
	}
	return &f, notes, nil
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
// 100, direction higher, weight 1 under a mean); f is not changed. The
// copy has nodes and indicators of its own and shares the rest with f.
func (f *Framework) WithDefaults() *Framework {
	c := *f
	c.Nodes = slices.Clone(f.Nodes)
	c.Indicators = slices.Clone(f.Indicators)
	c.applyDefaults()
	return &c
}

// applyDefaults fills the defaults the format documents and returns a
// note for each, located like a problem.
func (f *Framework) applyDefaults() []located {
	var notes []located
	note := func(table string, index int, key, code, vi, en string) {
		notes = append(notes, located{Problem: Problem{Code: code, VI: vi, EN: en}, table: table, index: index, key: key})
	}
	if f.Aggregation == "" {
		f.Aggregation = AggSum
		note("", 0, "aggregation", "aggregation", "không ghi aggregation: dùng sum (cộng điểm)", "no aggregation: sum of points assumed")
	}
	if f.Missing == "" {
		f.Missing = MissingZero
		note("", 0, "missing", "missing", "không ghi missing: giá trị thiếu được 0 điểm (zero)", "no missing policy: a missing value scores zero")
	}
	if f.Normalize == "" {
		f.Normalize = NormMinMax
		if f.hasNormalised() {
			note("", 0, "normalize", "normalize", "không ghi normalize: chuẩn hóa min-max", "no normalize: min-max assumed")
		}
	}
	if f.Scale == 0 {
		f.Scale = 100
		note("", 0, "scale", "scale", "không ghi scale: thang điểm 100", "no scale: 100 assumed")
	}
	for i := range f.Indicators {
		if f.Indicators[i].Direction == "" {
			f.Indicators[i].Direction = Higher
		}
	}
	// Equal weights under a mean, as composite-indicator tools assume.
	meanParent := func(parent string) bool {
		if n := f.Node(parent); n != nil {
			return f.NodeAggregation(n) != AggSum
		}
		return parent == "" && f.Aggregation != AggSum
	}
	var weighed []string // codes that were given a weight of 1
	firstTable, firstIndex := "", 0
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.Weight == nil && n.MaxPoints == nil && meanParent(n.Parent) {
			one := 1.0
			n.Weight = &one
			if weighed == nil {
				firstTable, firstIndex = "node", i
			}
			weighed = append(weighed, n.Code)
		}
	}
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		if ind.Weight == nil && ind.MaxPoints == nil && meanParent(ind.Parent) {
			one := 1.0
			ind.Weight = &one
			if weighed == nil {
				firstTable, firstIndex = "indicator", i
			}
			weighed = append(weighed, ind.Code)
		}
	}
	if len(weighed) > 0 {
		list := strings.Join(weighed[:min(len(weighed), 10)], ", ")
		if len(weighed) > 10 {
			list += fmt.Sprintf(", … (%d)", len(weighed))
		}
		note(firstTable, firstIndex, "code", weighed[0], "không ghi weight: trọng số 1 cho "+list, "no weight: 1 assumed for "+list)
	}
	if len(f.Domains) == 0 {
		if ds := f.DomainList(); len(ds) > 0 {
			var codes []string
			for _, d := range ds {
				codes = append(codes, d.Code)
			}
			note("", 0, "", "domain", "không khai báo [[domain]]: dùng các lĩnh vực có sẵn mà chỉ tiêu nêu: "+strings.Join(codes, ", "),
				"no [[domain]] declared: the built-in domains the indicators name are assumed: "+strings.Join(codes, ", "))
		}
	}
	return notes
}

// hasNormalised reports whether any indicator is normalised (has no
// points rule and no normalisation of its own).
func (f *Framework) hasNormalised() bool {
	for i := range f.Indicators {
		if f.Indicators[i].Rule == nil && f.Indicators[i].Normalize == "" {
			return true
		}
	}
	return false
}

// positions maps the tables of a TOML file to the lines of their keys.
type positions struct {
	blocks map[string][]block // "" (top level), "node", "indicator", "class", "award", "uncertainty"
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
			} else {
				// a table of its own, such as [uncertainty]
				p.blocks[cur] = append(p.blocks[cur], block{header: i + 1, keys: map[string]int{}})
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
