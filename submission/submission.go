package submission

import (
	"iter"
	"math"
	"slices"
	"strings"
	"unique"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/xuri/excelize/v2"
)

// Value is one reported value: the text as given and its meaning.
type Value struct {
	Num float64 // the number; 1/0 for yes/no; the option's position for categorical
	Set bool    // false: no value was given
	Raw string  // as given, NFC, trimmed
}

// pos is a Location in 16 bytes: in a workbook the sheet, row and column
// (col ≥ 1); elsewhere the column's label and the line (col 0). The label
// is interned: a reader's few sheet names and column labels are each
// stored once, however many values name them.
type pos struct {
	label     unique.Handle[string] // zero: no label
	line, col int32
}

// intern returns s's handle, or the zero handle for "".
func intern(s string) unique.Handle[string] {
	if s == "" {
		return unique.Handle[string]{}
	}
	return unique.Make(s)
}

// text returns p's label.
func (p pos) text() string {
	if p.label == (unique.Handle[string]{}) {
		return ""
	}
	return p.label.Value()
}

func toPos(l Location) pos {
	if l.Sheet != "" && l.Line == 0 && l.Column == "" {
		if c, r, err := excelize.CellNameToCoordinates(l.Cell); err == nil && c <= math.MaxInt32 && r <= math.MaxInt32 && xl.Cell(c, r) == l.Cell {
			return pos{label: intern(l.Sheet), line: int32(r), col: int32(c)}
		}
	}
	if l.Sheet == "" && l.Cell == "" && l.Line >= 0 && l.Line <= math.MaxInt32 {
		return pos{label: intern(l.Column), line: int32(l.Line)}
	}
	return pos{label: intern(l.Sheet + "\x00" + l.Cell + "\x00" + l.Column), line: int32(min(max(l.Line, 0), math.MaxInt32)), col: -1} // any other: kept whole
}

// onLine returns column position p (made by toPos from a Location with
// only a Column) on line; toPos(loc) where the line does not fit.
func (p pos) onLine(line int, loc Location) pos {
	if line < 0 || line > math.MaxInt32 {
		return toPos(loc)
	}
	p.line = int32(line)
	return p
}

func (p pos) location() Location {
	switch {
	case p.col > 0:
		return Location{Sheet: p.text(), Cell: xl.Cell(int(p.col), int(p.line))}
	case p.col < 0:
		parts := strings.SplitN(p.text(), "\x00", 3)
		return Location{Sheet: parts[0], Cell: parts[1], Line: int(p.line), Column: parts[2]}
	case p.label == (unique.Handle[string]{}) && p.line == 0:
		return Location{}
	}
	return Location{Line: int(p.line), Column: p.text()}
}

// Location is where a value stands in its file: a sheet and cell for
// workbooks, a line and column for CSV and TOML.
type Location struct {
	Sheet, Cell string
	Line        int
	Column      string
}

// at returns an issue template located at l.
func (l Location) at(file, unit, indicator string) Issue {
	return Issue{File: file, Sheet: l.Sheet, Cell: l.Cell, Line: l.Line, Column: l.Column, Unit: unit, Indicator: indicator}
}

// Submission is one unit's data for one period. Its entries, one per
// indicator code, are made with [Submission.Entry] and kept in the order
// they were made (the order of the form or file they were read from).
type Submission struct {
	Unit   string   // unit code
	Name   string   // unit name, e.g. "Phường Phú Cường"
	Period string   // e.g. "2024"
	File   string   // source file
	Issues Issues   // warnings found while reading
	At     Location // where the unit code was read

	// Attributes are the unit's facts that indicators scored per resident,
	// per km² or per household divide by; AttributesAt says where each
	// was read.
	Attributes   map[indicators.Attribute]float64
	AttributesAt map[indicators.Attribute]Location

	// The entries' data, in columns by position (see Entry); codes holds
	// their codes once they left the shared order (nil while ordered:
	// the code of entry k is order[k]).
	n     int // entries made
	nums  []float64
	raws  []string
	flags []uint8
	more  []*detail // nil until an entry carries details
	codes []string
	index map[string]int // position by code, once there are more than indexFrom out of order
	// order and at, shared by the submissions of one file, are the codes
	// in the order its reader makes them and their positions; while
	// ordered (every entry so far at its place) a code is found through
	// at, and no submission needs an index of its own (a map per row of a
	// 10,000-row CSV was 61 MB).
	order   []string
	at      map[string]int
	ordered bool
	// selfAt holds where each entry's self-assessed value was read, by
	// position. Until it is made, entry k's is column rowAt[k] on line
	// rowLine: rowAt, shared by the rows of a CSV file, holds the column
	// of each code of order (a position per value was 16 MB of a
	// 10,000 × 100 CSV).
	selfAt  []pos
	rowAt   []pos
	rowLine int32
	// prechecked: validated when read, its values dropped
	// (Options.CheckOnly); checks are Validate's issues, which Ingest
	// adds after its own.
	prechecked bool
	checks     Issues
}

// precheck validates s at once (Options.CheckOnly), keeping Validate's
// issues apart for Ingest.
func (s *Submission) precheck(fw *indicators.Framework) {
	n := len(s.Issues)
	Validate(fw, s)
	s.checks = slices.Clone(s.Issues[n:])
	s.Issues = s.Issues[:n:n]
	s.prechecked = true
}

// recycle drops s's entries and returns an empty submission of the same
// file that makes its entries in their memory, cleared.
func (s *Submission) recycle() *Submission {
	clear(s.raws[:cap(s.raws)])
	next := &Submission{File: s.File, nums: s.nums[:0], raws: s.raws[:0], flags: s.flags[:0]}
	if s.codes != nil {
		next.codes = s.codes[:0]
	}
	s.nums, s.raws, s.flags, s.more, s.codes, s.index, s.n = nil, nil, nil, nil, nil, nil, 0
	s.selfAt, s.rowAt = nil, nil
	return next
}

// useOrder tells s that its entries will be made in order, as at maps
// them; order and at are shared, not copied.
func (s *Submission) useOrder(order []string, at map[string]int) {
	if s.n == 0 {
		s.order, s.at, s.ordered = order, at, true
	}
}

// useRow is useOrder for a CSV row read on line whose self-assessed
// values stand in the columns cols (by position in order, line 0).
func (s *Submission) useRow(order []string, at map[string]int, cols []pos, line int) {
	s.useOrder(order, at)
	if s.n == 0 && s.selfAt == nil && line >= 0 && line <= math.MaxInt32 {
		s.rowAt, s.rowLine = cols, int32(line)
	}
}

// rowPos returns entry k's position by rowAt.
func (s *Submission) rowPos(k int) pos {
	if k < len(s.rowAt) && s.rowAt[k] != (pos{}) {
		p := s.rowAt[k]
		p.line = s.rowLine
		return p
	}
	return pos{}
}

// setSelfAt records p as where entry k's self-assessed value was read.
func (s *Submission) setSelfAt(k int, p pos) {
	if s.selfAt == nil {
		if s.rowAt != nil && s.ordered && s.rowPos(k) == p {
			return // as rowAt says
		}
		s.ownPositions(s.n)
	}
	for len(s.selfAt) <= k {
		s.selfAt = append(s.selfAt, pos{})
	}
	s.selfAt[k] = p
}

// ownPositions gives the first n entries positions of their own, from
// rowAt.
func (s *Submission) ownPositions(n int) {
	s.selfAt = make([]pos, n, max(n+1, cap(s.nums)))
	for k := range n {
		s.selfAt[k] = s.rowPos(k)
	}
}

// madeAt gives entry n, just made, its position when s keeps positions
// of its own: its column, if it was made in order.
func (s *Submission) madeAt(n int, inOrder bool) {
	if s.selfAt == nil {
		return
	}
	var p pos
	if inOrder {
		p = s.rowPos(n)
	}
	for len(s.selfAt) < n {
		s.selfAt = append(s.selfAt, pos{})
	}
	s.selfAt = append(s.selfAt[:n], p)
}

// selfPos returns where entry k's self-assessed value was read.
func (s *Submission) selfPos(k int) pos {
	if s.selfAt != nil {
		if k < len(s.selfAt) {
			return s.selfAt[k]
		}
		return pos{}
	}
	return s.rowPos(k)
}

// New returns a submission read from file with room for n entries, as a
// reader knows n from the framework.
func New(file string, n int) *Submission {
	return &Submission{File: file, nums: make([]float64, 0, n), raws: make([]string, 0, n), flags: make([]uint8, 0, n)}
}

// columns is room for the entries of several submissions, made at once:
// a CSV reader's batch of rows takes three allocations instead of three a
// row (BenchmarkReadCSV 81,700 → 51,800 allocations and 57.3 → 55.0 MB per
// read; json on the harness CSV 154–162 → 147–152 MB peak, six
// interleaved runs, same bytes).
type columns struct {
	nums  []float64
	raws  []string
	flags []uint8
}

func newColumns(n int) *columns {
	return &columns{make([]float64, n), make([]string, n), make([]uint8, n)}
}

// give gives s room for n entries from c (appending past them moves
// s's columns elsewhere).
func (c *columns) give(s *Submission, n int) {
	s.nums, c.nums = c.nums[:0:n], c.nums[n:]
	s.raws, c.raws = c.raws[:0:n], c.raws[n:]
	s.flags, c.flags = c.flags[:0:n], c.flags[n:]
}

// code returns the code of entry k < s.n.
func (s *Submission) code(k int) string {
	if s.ordered {
		return s.order[k]
	}
	return s.codes[k]
}

// entry returns entry k < s.n.
func (s *Submission) entry(k int) Entry { return Entry{s, k} }

// indexFrom is the number of entries up to which a code is found by
// reading the codes in turn, which for a form's few dozen indicators is
// as quick as a map and needs no memory of its own.
const indexFrom = 64

// find returns the position of code's entry, or −1.
func (s *Submission) find(code string) int {
	if s.ordered {
		if k, ok := s.at[code]; ok && k < s.n {
			return k
		}
		return -1 // every entry is at its place: a code elsewhere is not made yet
	}
	if s.index != nil {
		if k, ok := s.index[code]; ok {
			return k
		}
		return -1
	}
	for k, c := range s.codes {
		if c == code {
			return k
		}
	}
	return -1
}

// Entry returns the entry for an indicator code, making an empty one
// when there is none.
func (s *Submission) Entry(code string) Entry {
	e, _ := s.entryK(code)
	return e
}

// entryK is Entry, also returning the entry's position.
func (s *Submission) entryK(code string) (Entry, int) {
	if k := s.find(code); k >= 0 {
		return s.entry(k), k
	}
	n := s.n
	s.n++
	s.nums, s.raws, s.flags = append(s.nums, 0), append(s.raws, ""), append(s.flags, 0)
	e := s.entry(n)
	if s.ordered {
		if n < len(s.order) && s.order[n] == code {
			s.madeAt(n, true)
			return e, n
		}
		// Out of order: codes of its own, and an index, from here.
		if s.rowAt != nil && s.selfAt == nil {
			s.ownPositions(n) // rowAt is by order
		}
		s.codes = append(make([]string, 0, max(cap(s.nums), 2*s.n)), s.order[:n]...)
		s.ordered = false
	}
	s.codes = append(s.codes, code)
	switch {
	case s.index != nil:
		s.index[code] = n
	case s.n > indexFrom:
		s.index = make(map[string]int, 2*s.n)
		for k, c := range s.codes {
			s.index[c] = k
		}
	}
	s.madeAt(n, false)
	return e, n
}

// Lookup returns the entry for an indicator code, or none (the zero
// Entry, whose OK is false).
func (s *Submission) Lookup(code string) Entry {
	if k := s.find(code); k >= 0 {
		return s.entry(k)
	}
	return Entry{}
}

// LookupAt is Lookup looking first at position hint: where the entries
// were made in framework order (as every reader makes them), the code of
// the framework's indicator j is at position j.
func (s *Submission) LookupAt(hint int, code string) Entry {
	if k := s.findAt(hint, code); k >= 0 {
		return s.entry(k)
	}
	return Entry{}
}

// findAt is find, looking first at position hint.
func (s *Submission) findAt(hint int, code string) int {
	if hint >= 0 && hint < s.n && s.code(hint) == code {
		return hint
	}
	return s.find(code)
}

// Len returns the number of entries.
func (s *Submission) Len() int { return s.n }

// All yields the indicator codes and entries in the order they were made.
func (s *Submission) All() iter.Seq2[string, Entry] {
	return func(yield func(string, Entry) bool) {
		for k := range s.n {
			if !yield(s.code(k), s.entry(k)) {
				return
			}
		}
	}
}
