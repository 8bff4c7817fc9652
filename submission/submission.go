package submission

import (
	"iter"
	"math"
	"slices"
	"strings"

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

// Entry is a submission's data for one indicator.
type Entry struct {
	// The fields scoring reads come first; with the padding at the end,
	// an Entry takes three whole cache lines (192 bytes, a size class
	// aligned to 64), so they are read in one.
	NA        bool     // không áp dụng
	Self      Value    // tự đánh giá
	Appraised Value    // thẩm định
	Evidence  []string // document numbers, links or file names
	Reason    string   // the evaluators' reason for an appraised value
	Note      string
	// Where the values came from, for messages: compact (an entry takes
	// 192 bytes instead of 256; a 10,000 × 100 CSV makes a million), read
	// with SelfAt and AppraisedAt.
	selfAt, appraisedAt pos
	_                   [16]byte
}

// SelfAt returns where the self-assessed value was read.
func (e *Entry) SelfAt() Location { return e.selfAt.location() }

// AppraisedAt returns where the appraised value was read.
func (e *Entry) AppraisedAt() Location { return e.appraisedAt.location() }

// pos is a Location in 24 bytes: in a workbook the sheet, row and column
// (col ≥ 1); elsewhere the column's label and the line (col 0). The
// label is the string the reader made once per column or sheet.
type pos struct {
	label     string
	line, col int32
}

func toPos(l Location) pos {
	if l.Sheet != "" && l.Line == 0 && l.Column == "" {
		if c, r, err := excelize.CellNameToCoordinates(l.Cell); err == nil && c <= math.MaxInt32 && r <= math.MaxInt32 && xl.Cell(c, r) == l.Cell {
			return pos{label: l.Sheet, line: int32(r), col: int32(c)}
		}
	}
	if l.Sheet == "" && l.Cell == "" && l.Line >= 0 && l.Line <= math.MaxInt32 {
		return pos{label: l.Column, line: int32(l.Line)}
	}
	return pos{label: l.Sheet + "\x00" + l.Cell + "\x00" + l.Column, line: int32(min(max(l.Line, 0), math.MaxInt32)), col: -1} // any other: kept whole
}

func (p pos) location() Location {
	switch {
	case p.col > 0:
		return Location{Sheet: p.label, Cell: xl.Cell(int(p.col), int(p.line))}
	case p.col < 0:
		parts := strings.SplitN(p.label, "\x00", 3)
		return Location{Sheet: parts[0], Cell: parts[1], Line: int(p.line), Column: parts[2]}
	case p.label == "" && p.line == 0:
		return Location{}
	}
	return Location{Line: int(p.line), Column: p.label}
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

	codes   []string
	entries []*Entry
	index   map[string]int // position in entries by code, once there are more than indexFrom
	slab    []Entry        // where new entries are made, side by side
	// order and at, shared by the submissions of one file, are the codes
	// in the order its reader makes them and their positions; while
	// ordered (every entry so far at its place) a code is found through
	// at, and no submission needs an index of its own (a map per row of a
	// 10,000-row CSV was 61 MB).
	order   []string
	at      map[string]int
	ordered bool
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
	slab, entries := s.slab[:cap(s.slab)], s.entries[:cap(s.entries)]
	clear(slab)
	clear(entries)
	next := &Submission{File: s.File, slab: slab[:0], codes: s.codes[:0], entries: entries[:0]}
	s.slab, s.codes, s.entries, s.index = nil, nil, nil, nil
	return next
}

// useOrder tells s that its entries will be made in order, as at maps
// them; order and at are shared, not copied.
func (s *Submission) useOrder(order []string, at map[string]int) {
	if len(s.codes) == 0 {
		s.order, s.at, s.ordered = order, at, true
	}
}

// New returns a submission read from file with room for n entries made
// side by side in one allocation, as a reader knows n from the framework.
func New(file string, n int) *Submission {
	return &Submission{File: file, slab: make([]Entry, 0, n), codes: make([]string, 0, n), entries: make([]*Entry, 0, n)}
}

// indexFrom is the number of entries up to which a code is found by
// reading the codes in turn, which for a form's few dozen indicators is
// as quick as a map and needs no memory of its own.
const indexFrom = 64

// find returns the position of code's entry, or −1.
func (s *Submission) find(code string) int {
	if s.ordered {
		if k, ok := s.at[code]; ok && k < len(s.codes) {
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
func (s *Submission) Entry(code string) *Entry {
	if k := s.find(code); k >= 0 {
		return s.entries[k]
	}
	var e *Entry
	if len(s.slab) < cap(s.slab) {
		s.slab = s.slab[:len(s.slab)+1]
		e = &s.slab[len(s.slab)-1]
	} else {
		e = &Entry{}
	}
	s.codes = append(s.codes, code)
	s.entries = append(s.entries, e)
	if s.ordered {
		if n := len(s.codes) - 1; n < len(s.order) && s.order[n] == code {
			return e
		}
		s.ordered = false // out of order: an index of its own from here
	}
	switch n := len(s.codes); {
	case s.index != nil:
		s.index[code] = n - 1
	case n > indexFrom:
		s.index = make(map[string]int, 2*n)
		for k, c := range s.codes {
			s.index[c] = k
		}
	}
	return e
}

// Lookup returns the entry for an indicator code, or nil.
func (s *Submission) Lookup(code string) *Entry {
	if k := s.find(code); k >= 0 {
		return s.entries[k]
	}
	return nil
}

// LookupAt returns the entry for code, or nil, looking first at position
// hint: where the entries were made in framework order (as every reader
// makes them), the code of the framework's indicator j is at position j.
func (s *Submission) LookupAt(hint int, code string) *Entry {
	if hint >= 0 && hint < len(s.codes) && s.codes[hint] == code {
		return s.entries[hint]
	}
	return s.Lookup(code)
}

// Len returns the number of entries.
func (s *Submission) Len() int { return len(s.entries) }

// All yields the indicator codes and entries in the order they were made.
func (s *Submission) All() iter.Seq2[string, *Entry] {
	return func(yield func(string, *Entry) bool) {
		for k, e := range s.entries {
			if !yield(s.codes[k], e) {
				return
			}
		}
	}
}
