package submission

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestPosRoundTrip: a location stored compactly in an entry reads back as
// it was given, for every kind a reader makes and for odd ones.
func TestPosRoundTrip(t *testing.T) {
	for _, l := range []Location{
		{},
		{Sheet: "Chỉ tiêu", Cell: "F54"},
		{Sheet: "Chỉ tiêu", Cell: "XFD1048576"},
		{Line: 12, Column: "C (CQ.1)"},
		{Line: 5, Column: "self"},
		{Line: 3},
		{Sheet: "S", Cell: "not a cell"},
		{Sheet: "S", Cell: "F054"}, // not as a reader writes it: kept whole
		{Sheet: "S", Cell: "B2", Line: 7, Column: "x"},
		{Line: -1, Column: "y"},
	} {
		if got := toPos(l).location(); got != l && !(l.Line < 0 && got.Line == 0 && got.Column == l.Column) {
			t.Errorf("%+v reads back as %+v", l, got)
		}
	}
	// A column's position made once and moved to a line is the position
	// made for that line.
	for _, line := range []int{0, 1, 7, 10001, math.MaxInt32, math.MaxInt32 + 1, -3} {
		loc := Location{Line: line, Column: "D (HT.1)"}
		if got, want := toPos(Location{Column: loc.Column}).onLine(line, loc), toPos(loc); got != want {
			t.Errorf("line %d: onLine %+v, toPos %+v", line, got, want)
		}
	}
	if n := unsafe.Sizeof(Entry{}); n > 40 {
		t.Errorf("an Entry takes %d bytes, want at most 40", n)
	}
}

// TestSharedOrder: a submission told the order its entries will be made
// in finds every entry as one without it does, in order or not (a random
// sequence of makes and lookups against a plain map, with more than
// indexFrom codes so that the own index takes over when the order
// breaks).
func TestSharedOrder(t *testing.T) {
	var order []string
	at := map[string]int{}
	for i := 0; i < 90; i++ {
		c := string(rune('A'+i%26)) + string(rune('a'+i/26))
		at[c] = len(order)
		order = append(order, c)
	}
	// Wholly in order: no index of its own, every code found.
	s := New("f.csv", len(order))
	s.useOrder(order, at)
	made := map[string]Entry{}
	for _, c := range order {
		if s.Lookup(c).OK() {
			t.Fatalf("%s found before it was made", c)
		}
		made[c] = s.Entry(c)
	}
	for _, c := range order {
		if s.Lookup(c) != made[c] || s.Entry(c) != made[c] {
			t.Fatalf("%s not found in order", c)
		}
	}
	if !s.ordered || s.index != nil {
		t.Error("made in order, yet an index of its own")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		s := New("f.csv", 8)
		s.useOrder(order, at)
		model := map[string]Entry{}
		inOrder := trial%2 == 0
		for step := 0; step < 300; step++ {
			code := order[rng.IntN(len(order))]
			if inOrder && step < len(order) {
				code = order[step]
			}
			if code == "Zz" || rng.IntN(10) == 0 {
				code = "other" // a code the order does not know
			}
			if rng.IntN(3) == 0 {
				if got, want := s.Lookup(code), model[code]; got != want {
					t.Fatalf("trial %d step %d: Lookup(%s) = %+v, want %+v", trial, step, code, got, want)
				}
				continue
			}
			e := s.Entry(code)
			if want, ok := model[code]; ok && e != want {
				t.Fatalf("trial %d step %d: Entry(%s) made a second entry", trial, step, code)
			}
			model[code] = e
		}
		if s.Len() != len(model) {
			t.Fatalf("trial %d: %d entries, %d codes", trial, s.Len(), len(model))
		}
	}
}

// TestRowPositions: a CSV row's entries keep no position of their own
// while each value stands in its column on the row's line; any other
// position (a value elsewhere, an entry made out of order) is kept as
// given. A model map holds what each entry's position should be: its
// column on the line when made in order, then whatever was set.
func TestRowPositions(t *testing.T) {
	var order []string
	at := map[string]int{}
	var rowAt []pos
	for i := 0; i < 90; i++ {
		c := string(rune('A'+i%26)) + string(rune('a'+i/26))
		at[c] = len(order)
		order = append(order, c)
		if i%7 == 3 {
			rowAt = append(rowAt, pos{}) // no value column
		} else {
			rowAt = append(rowAt, toPos(Location{Column: colName(i+1) + " (" + c + ")"}))
		}
	}
	const line = 12
	column := func(code string) Location {
		if k, ok := at[code]; ok && rowAt[k] != (pos{}) {
			return Location{Line: line, Column: rowAt[k].text()}
		}
		return Location{}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		s := New("f.csv", 8)
		s.useRow(order, at, rowAt, line)
		model := map[string]Location{}
		inOrder := trial%3 != 0
		for step := 0; step < 200; step++ {
			code := order[rng.IntN(len(order))]
			if inOrder && step < len(order) {
				code = order[step]
			}
			if rng.IntN(20) == 0 {
				code = "other"
			}
			made := s.Lookup(code).OK()
			ordered, n := s.ordered, s.Len()
			_, k := s.entryK(code)
			if !made {
				model[code] = Location{}
				if ordered && n < len(order) && order[n] == code {
					model[code] = column(code)
				}
			}
			switch rng.IntN(4) {
			case 0: // where its column says
				if l := column(code); l != (Location{}) {
					s.setSelfAt(k, toPos(l))
					model[code] = l
				}
			case 1: // elsewhere
				l := Location{Line: line + 1 + rng.IntN(3), Column: "Z"}
				if rng.IntN(2) == 0 {
					l = Location{Sheet: "S", Cell: "B" + string(rune('1'+rng.IntN(9)))}
				}
				s.setSelfAt(k, toPos(l))
				model[code] = l
			}
		}
		for code, want := range model {
			if got := s.Lookup(code).SelfAt(); got != want {
				t.Fatalf("trial %d: SelfAt(%s) = %+v, want %+v", trial, code, got, want)
			}
		}
		if s.Lookup("nothing").SelfAt() != (Location{}) {
			t.Fatal("a position for a code never made")
		}
	}
	// Wholly as the columns say: no position of its own.
	s := New("f.csv", len(order))
	s.useRow(order, at, rowAt, line)
	for _, c := range order {
		_, k := s.entryK(c)
		if l := column(c); l != (Location{}) {
			s.setSelfAt(k, toPos(l))
		}
	}
	if s.selfAt != nil {
		t.Error("a row read as its columns say keeps positions of its own")
	}
}
