package submission

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
)

// This file holds what every reader shares: choosing the reader by the
// file's extension, storing one value into a submission's entry, and the
// issues and names the readers' messages use.

// IsSubmissionFile reports whether name has the extension of a format
// [Read] reads: .xlsx, .csv or .toml, in any case.
func IsSubmissionFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".csv", ".toml":
		return true
	}
	return false
}

// IsIgnored reports whether a file or folder name is passed over without a
// word: Excel's lock files (~$…) and hidden names (.…).
func IsIgnored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, "~$") || strings.HasPrefix(base, ".")
}

// Options tune reading. The zero value (or nil) reads every format as
// documented.
type Options struct {
	// Decimal sets the decimal convention of CSV files; by default it
	// follows the separator (DecimalPoint with ",", DecimalComma with
	// ";"). Text cells of workbooks and strings in TOML are typed text
	// and always read with DecimalAuto; numbers stored as numbers are
	// numbers.
	Decimal Decimal
	// Progress, when not nil, is called after [Ingest] reads each file
	// (from any goroutine, one call at a time).
	Progress func()
	// CheckOnly checks the submissions without keeping their values:
	// each is validated as soon as it is read, then its entries are
	// dropped (Len is 0) and, in a CSV file, their memory serves the next
	// row. [Ingest] reports the same issues in the same order; the
	// submissions cannot be scored. For `dti validate` (#13): the
	// harness's 10,000 × 100 CSV in 0.47 s and 70 MB instead of 1.29 s
	// and 314 MB, the same output (BenchmarkReadCSVCheckOnly: 41 MB
	// allocated per read instead of BenchmarkReadCSV's 259 MB).
	CheckOnly bool
}

func (o *Options) checkOnly() bool { return o != nil && o.CheckOnly }

func (o *Options) decimal() Decimal {
	if o == nil {
		return DecimalAuto
	}
	return o.Decimal
}

// Read reads one submission file by its extension.
func Read(data []byte, name string, fw *indicators.Framework, opts *Options) ([]*Submission, error) {
	return read(data, name, fw, "", opts)
}

// read is Read with the framework's hash computed once per batch.
func read(data []byte, name string, fw *indicators.Framework, hash string, opts *Options) ([]*Submission, error) {
	subs, err := readFile(data, name, fw, hash, opts)
	if opts.checkOnly() {
		for _, s := range subs {
			if !s.prechecked {
				s.precheck(fw)
				s.recycle()
			}
		}
	}
	return subs, err
}

func readFile(data []byte, name string, fw *indicators.Framework, hash string, opts *Options) ([]*Submission, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		if hash == "" {
			hash = indicators.Hash(fw)
		}
		return readXLSX(data, name, fw, hash)
	case ".csv":
		return ReadCSV(data, name, fw, opts)
	case ".toml":
		return ReadTOML(data, name, fw)
	}
	return nil, fileIssue(name, "định dạng tệp không được hỗ trợ (cần .xlsx, .csv hoặc .toml)", "unsupported file type (want .xlsx, .csv or .toml)")
}

// fileIssue is a file-level error.
func fileIssue(file, vi, en string) Issues {
	return Issues{{File: file, VI: vi, EN: en}}
}

// colName returns the spreadsheet letter of a 0-based column.
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// unknownCode is the issue for an indicator code the framework lacks.
func unknownCode(at Issue, code string, fw *indicators.Framework) Issue {
	at.Indicator = code
	at.VI = fmt.Sprintf("mã chỉ tiêu %q không có trong khung %s %s", code, fw.ID, fw.Version)
	at.EN = fmt.Sprintf("indicator code %q is not in framework %s %s", code, fw.ID, fw.Version)
	return at
}

// setCell parses raw, typed under decimal convention d, into the self (or
// appraised) value of ind, recording an issue located at loc on failure
// (and a note when an ambiguous number was read by the one reading that
// fits).
func (s *Submission) setCell(ind *indicators.Indicator, raw string, d Decimal, appraised bool, loc Location) {
	var at pos
	if !appraised {
		at = toPos(loc)
	}
	s.setCellAt(ind, raw, d, appraised, loc, at)
}

// setCellAt is setCell given loc as an entry keeps it (for a self-assessed
// value), which a reader can make once per column.
func (s *Submission) setCellAt(ind *indicators.Indicator, raw string, d Decimal, appraised bool, loc Location, at pos) {
	c := Clean(raw)
	e, k := s.entryK(ind.Code)
	if !appraised {
		s.setSelfAt(k, at) // also for an empty cell: a missing value is shown there
	}
	if c == "" {
		return
	}
	if IsNA(c) {
		e.SetNA(true)
		return
	}
	v, is := ParseValue(ind, c, d)
	if is != nil {
		at := loc.at(s.File, s.Unit, ind.Code)
		at.Severity, at.VI, at.EN = is.Severity, is.VI, is.EN
		s.Issues = append(s.Issues, at)
	}
	if !v.Set {
		return
	}
	if appraised {
		e.SetAppraised(v)
		e.detail().appraisedAt = toPos(loc)
	} else {
		e.SetSelf(v)
	}
}

// attrIndicator describes a unit attribute as an indicator, so that its
// value is read and checked like one: residents and households are whole
// numbers, an area in km² may have decimals.
func attrIndicator(a indicators.Attribute) *indicators.Indicator {
	unit := "count"
	if a == indicators.AttrArea {
		unit = "km²"
	}
	zero := 0.0
	return &indicators.Indicator{Code: string(a), Unit: unit, Min: &zero}
}

// attributeOf returns the attribute a column or key names, if any.
func attributeOf(name string) (indicators.Attribute, bool) {
	a := indicators.Attribute(strings.ToLower(name))
	return a, slices.Contains(indicators.Attributes, a)
}

// setAttribute reads raw, typed under decimal convention d, as the unit's
// attribute a, recording an issue located at loc when it is not a
// positive number.
func (s *Submission) setAttribute(a indicators.Attribute, raw string, d Decimal, loc Location) {
	c := Clean(raw)
	if c == "" {
		return
	}
	at := loc.at(s.File, s.Unit, "")
	v, is := ParseValue(attrIndicator(a), c, d)
	if is == nil && v.Set && v.Num <= 0 {
		is = &Issue{VI: fmt.Sprintf("%s phải lớn hơn 0", a), EN: fmt.Sprintf("%s must be greater than 0", a)}
	}
	if is != nil {
		at.Severity, at.VI, at.EN = is.Severity, string(a)+": "+is.VI, string(a)+": "+is.EN
		s.Issues = append(s.Issues, at)
		if at.Severity == SevError {
			return
		}
	}
	if s.Attributes == nil {
		s.Attributes = map[indicators.Attribute]float64{}
		s.AttributesAt = map[indicators.Attribute]Location{}
	}
	s.Attributes[a], s.AttributesAt[a] = v.Num, loc
}

// numericKind reports whether an indicator takes a plain number.
func numericKind(ind *indicators.Indicator) bool {
	if ind.Unit == "yes/no" {
		return false
	}
	return ind.Rule == nil || (ind.Rule.Kind != indicators.RuleCategorical && ind.Rule.Kind != indicators.RuleBoolean && !(ind.Rule.Kind == indicators.RulePassFail && ind.Rule.Pass == nil))
}

// setNumber stores a number read from a numeric cell or a TOML number.
func (s *Submission) setNumber(ind *indicators.Indicator, n float64, raw string, appraised bool, loc Location) {
	e, k := s.entryK(ind.Code)
	if is := checkRange(ind, n); is != nil {
		at := loc.at(s.File, s.Unit, ind.Code)
		at.VI, at.EN = is.VI, is.EN
		s.Issues = append(s.Issues, at)
		return
	}
	v := Value{Raw: raw, Num: n, Set: true}
	if appraised {
		e.SetAppraised(v)
		e.detail().appraisedAt = toPos(loc)
	} else {
		e.SetSelf(v)
		s.setSelfAt(k, toPos(loc))
	}
}

// setAny stores a decoded TOML value: numbers directly (so that 1.234 is
// not read as a thousands mark), anything else as typed text.
func (s *Submission) setAny(ind *indicators.Indicator, v any, appraised bool, loc Location) {
	var n float64
	switch x := v.(type) {
	case int64:
		n = float64(x)
	case float64:
		n = x
	default:
		s.setCell(ind, anyText(v), DecimalAuto, appraised, loc)
		return
	}
	if ind.Rule != nil && (ind.Rule.Kind == indicators.RuleCategorical || ind.Rule.Kind == indicators.RuleBoolean) || ind.Unit == "yes/no" {
		s.setCell(ind, anyText(v), DecimalAuto, appraised, loc)
		return
	}
	s.setNumber(ind, n, anyText(v), appraised, loc)
}
