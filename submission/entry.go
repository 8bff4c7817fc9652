package submission

// Entry is a submission's data for one indicator: a view of the
// submission's columns, made by [Submission.Entry], [Submission.Lookup]
// and [Submission.All] and valid as long as the submission. The zero
// Entry is none: its OK is false, it reads as empty and must not be set.
//
// A submission keeps its values in columns, by entry: the number, the
// text as given and two flags (set, not applicable), 25 bytes a value;
// the appraised value, the evidence, the reason and the note, which few
// entries carry, stand apart, and so do the positions (SelfAt).
// Entries of 192 bytes → 112 (the evidence, reason and note apart,
// locations in 16 bytes) took `dti score --format json` of the
// 10,000 × 100 CSV from 2.56 s to 1.84 s (median of 5, /usr/bin/time) and
// BenchmarkReadCSV from 260 to 151 MB per read; 112 → 64 (the appraised
// value apart) from 1.71 to 1.58 s and 343–359 to 275–283 MB peak,
// BenchmarkReadCSV to 96 MB; 64 → 40 (not applicable apart, a CSV row's
// positions by its columns) BenchmarkReadCSV to 70 MB and json 211–226 →
// 193–202 MB peak; 40 → columns of 25 bytes BenchmarkReadCSV to 57 MB and
// json 169–179 → 151–163 MB peak (six interleaved runs, same bytes).
type Entry struct {
	s *Submission
	k int
}

// The flags of an entry.
const (
	flagSet uint8 = 1 << iota // a self-assessed value was given
	flagNA                    // không áp dụng
)

// detail is what few entries carry.
type detail struct {
	appraised    Value
	appraisedAt  pos
	evidence     []string
	reason, note string
}

// OK reports whether e is an entry (not the zero Entry).
func (e Entry) OK() bool { return e.s != nil }

// Self returns the self-assessed value (tự đánh giá); its Set is false
// when none was given.
func (e Entry) Self() Value {
	if e.s == nil {
		return Value{}
	}
	return Value{Num: e.s.nums[e.k], Set: e.s.flags[e.k]&flagSet != 0, Raw: e.s.raws[e.k]}
}

// SetSelf sets the self-assessed value.
func (e Entry) SetSelf(v Value) {
	e.s.nums[e.k], e.s.raws[e.k] = v.Num, v.Raw
	e.setFlag(flagSet, v.Set)
}

// NA reports whether the unit declared the indicator not applicable
// (không áp dụng).
func (e Entry) NA() bool { return e.s != nil && e.s.flags[e.k]&flagNA != 0 }

// SetNA sets whether the indicator is declared not applicable.
func (e Entry) SetNA(na bool) { e.setFlag(flagNA, na) }

func (e Entry) setFlag(f uint8, on bool) {
	if on {
		e.s.flags[e.k] |= f
	} else {
		e.s.flags[e.k] &^= f
	}
}

// SelfAt returns where the self-assessed value was read (nothing when it
// was not read from a place).
func (e Entry) SelfAt() Location {
	if e.s == nil {
		return Location{}
	}
	return e.s.selfPos(e.k).location()
}

// details returns e's details, or nil.
func (e Entry) details() *detail {
	if e.s == nil || e.k >= len(e.s.more) {
		return nil
	}
	return e.s.more[e.k]
}

// detail returns e's details, making them.
func (e Entry) detail() *detail {
	s := e.s
	if s.more == nil {
		s.more = make([]*detail, 0, cap(s.nums))
	}
	for len(s.more) <= e.k {
		s.more = append(s.more, nil)
	}
	if s.more[e.k] == nil {
		s.more[e.k] = &detail{}
	}
	return s.more[e.k]
}

// Appraised returns the appraised value (thẩm định); its Set is false
// when none was given.
func (e Entry) Appraised() Value {
	if d := e.details(); d != nil {
		return d.appraised
	}
	return Value{}
}

// SetAppraised sets the appraised value.
func (e Entry) SetAppraised(v Value) {
	if v != (Value{}) || e.details() != nil {
		e.detail().appraised = v
	}
}

// AppraisedAt returns where the appraised value was read (nothing when
// none was).
func (e Entry) AppraisedAt() Location {
	if d := e.details(); d != nil {
		return d.appraisedAt.location()
	}
	return Location{}
}

// Evidence returns the document numbers, links or file names given for
// the entry's values.
func (e Entry) Evidence() []string {
	if d := e.details(); d != nil {
		return d.evidence
	}
	return nil
}

// SetEvidence sets the entry's evidence.
func (e Entry) SetEvidence(ev []string) {
	if ev != nil || e.details() != nil {
		e.detail().evidence = ev
	}
}

// Reason returns the evaluators' reason for an appraised value.
func (e Entry) Reason() string {
	if d := e.details(); d != nil {
		return d.reason
	}
	return ""
}

// SetReason sets the evaluators' reason for the appraised value.
func (e Entry) SetReason(r string) {
	if r != "" || e.details() != nil {
		e.detail().reason = r
	}
}

// Note returns the entry's note.
func (e Entry) Note() string {
	if d := e.details(); d != nil {
		return d.note
	}
	return ""
}

// SetNote sets the entry's note.
func (e Entry) SetNote(n string) {
	if n != "" || e.details() != nil {
		e.detail().note = n
	}
}
