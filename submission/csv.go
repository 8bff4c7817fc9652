package submission

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cqs-vn/dtikit/indicators"
)

// MaxRows bounds the rows a reader accepts from one file.
const MaxRows = 100000

// checkText rejects data that is not UTF-8 text: UTF-16 (with or without
// BOM), NUL bytes, invalid UTF-8. It strips a UTF-8 BOM.
func checkText(data []byte, file string) ([]byte, Issues) {
	if len(data) == 0 {
		return nil, fileIssue(file, "tệp rỗng", "the file is empty")
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || (len(data) > 1 && (data[0] == 0 || data[1] == 0)) {
		return nil, fileIssue(file, "tệp được mã hóa UTF-16; hãy lưu lại dưới dạng CSV UTF-8", "the file is encoded as UTF-16; save it again as CSV UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fileIssue(file, "tệp chứa dữ liệu nhị phân, không phải văn bản CSV", "the file holds binary data, not CSV text")
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		return nil, Issues{{File: file, Line: line, VI: "tệp không phải văn bản UTF-8 hợp lệ (có thể là Windows-1258 hoặc TCVN3); hãy lưu lại dưới dạng CSV UTF-8", EN: "the file is not valid UTF-8 text (perhaps Windows-1258 or TCVN3); save it again as CSV UTF-8"}}
	}
	return data, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// ReadCSV reads CSV submissions: the wide form (one row per unit: unit,
// optional name and year, one column per indicator code, and optional
// CODE:appraised, CODE:evidence, CODE:reason and CODE:note columns) or
// the long form (unit, name, optional year, indicator, self, appraised,
// evidence, reason, note; one row per unit and indicator). The separator
// is a comma or a semicolon. Numbers follow one convention per file: a
// decimal point with commas, a decimal comma (and "." grouping) with
// semicolons, or opts.Decimal when set. Empty = missing, NA or KAD = not
// applicable. Each returned submission carries its own issues; the error
// is for problems with the whole file.
func ReadCSV(data []byte, file string, fw *indicators.Framework, opts *Options) ([]*Submission, error) {
	data, iss := checkText(data, file)
	if iss != nil {
		return nil, iss
	}
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n")) // old Mac line endings: CR alone ends a line
	}
	if n := bytes.Count(data, []byte("\n")); n > MaxRows+1 {
		// refused before any record is parsed, so that a huge file costs nothing
		return nil, fileIssue(file, fmt.Sprintf("tệp có %d dòng, nhiều hơn giới hạn %d dòng của một tệp", n, MaxRows), fmt.Sprintf("the file has %d lines, more than the limit of %d per file", n, MaxRows))
	}
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.Comma = ','
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	cr := &csvReader{r: r, file: file, fw: fw, dec: opts.decimal(), checkOnly: opts.checkOnly()}
	if cr.dec == DecimalAuto {
		cr.dec = DecimalPoint
		if r.Comma == ';' {
			cr.dec = DecimalComma
		}
	}
	header, err := r.Read()
	if err != nil {
		return nil, csvErr(file, err)
	}
	for i := range header {
		header[i] = canonicalHeader(Clean(header[i]))
	}
	seen := map[string]int{}
	for i, h := range header {
		if h == "" {
			continue
		}
		if j, dup := seen[strings.ToLower(h)]; dup {
			return nil, Issues{{File: file, Line: 1, Column: colName(i), VI: fmt.Sprintf("tiêu đề cột %q lặp lại (cột %s và %s)", h, colName(j), colName(i)), EN: fmt.Sprintf("column header %q appears twice (columns %s and %s)", h, colName(j), colName(i))}}
		}
		seen[strings.ToLower(h)] = i
	}
	if len(header) == 0 || !strings.EqualFold(header[0], "unit") {
		return nil, Issues{{File: file, Line: 1, Column: "A", VI: fmt.Sprintf("cột đầu tiên phải là \"unit\" (mã đơn vị), đang là %q", first0(header)), EN: fmt.Sprintf("the first column must be \"unit\" (unit code), found %q", first0(header))}}
	}
	var subs []*Submission
	if _, long := seen["indicator"]; long {
		subs, err = cr.long(header, seen)
	} else {
		subs, err = cr.wide(header)
	}
	if err == nil && len(subs) == 0 {
		return nil, Issues{{File: file, Line: 2, VI: "tệp chỉ có dòng tiêu đề, không có đơn vị nào", EN: "the file has a header line and no unit"}}
	}
	return subs, err
}

// headerVIAliases are the Vietnamese names a CSV header may use for the
// fixed columns, as dti writes them in Vietnamese (lower case).
var headerVIAliases = map[string]string{
	"mã đơn vị": "unit", "tên đơn vị": "name", "năm": "year", "năm đánh giá": "year",
	"dân số": "population", "diện tích": "area", "số hộ": "households", "số hộ gia đình": "households",
	"chỉ tiêu": "indicator", "mã chỉ tiêu": "indicator",
	"tự đánh giá": "self", "giá trị tự đánh giá": "self", "thẩm định": "appraised", "giá trị thẩm định": "appraised",
	"tài liệu kiểm chứng": "evidence", "lý do": "reason", "ghi chú": "note",
}

// canonicalHeader maps a Vietnamese column name (or the Vietnamese part
// after "CODE:") to the English one the reader knows; other names are
// returned as they are.
func canonicalHeader(h string) string {
	if en, ok := headerVIAliases[strings.ToLower(h)]; ok {
		return en
	}
	if code, suffix, ok := strings.Cut(h, ":"); ok {
		if en, ok := headerVIAliases[strings.ToLower(strings.TrimSpace(suffix))]; ok {
			return code + ":" + en
		}
	}
	return h
}

// csvReader reads the records of one CSV file.
type csvReader struct {
	r         *csv.Reader
	file      string
	fw        *indicators.Framework
	dec       Decimal // the file's decimal convention
	checkOnly bool    // Options.CheckOnly
}

func first0(h []string) string {
	if len(h) == 0 {
		return ""
	}
	return h[0]
}

func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Issues{{File: file, Line: pe.Line, Column: colName(pe.Column - 1), VI: "lỗi cú pháp CSV: " + pe.Err.Error(), EN: "CSV syntax error: " + pe.Err.Error()}}
	}
	if err == io.EOF {
		return fileIssue(file, "tệp không có dòng tiêu đề", "the file has no header line")
	}
	return fileIssue(file, "không đọc được tệp CSV: "+err.Error(), "cannot read the CSV file: "+err.Error())
}

// What a column of the wide form holds.
const (
	colValue    = iota // CODE: the self-assessed value
	colAppr            // CODE:appraised
	colEvid            // CODE:evidence
	colWhy             // CODE:reason
	colRemark          // CODE:note
	colUnitName        // name
	colUnitYear        // year
	colUnitAttr        // population, area, households
)

var wideSuffix = map[string]int{"": colValue, "appraised": colAppr, "evidence": colEvid, "reason": colWhy, "note": colRemark}

// wideCol is a column of the wide form: what it holds and for which
// indicator (or unit attribute).
type wideCol struct {
	ind   *indicators.Indicator // nil for name, year and attributes
	attr  indicators.Attribute
	role  int
	label string // "D (HT.1)", for locations: made once per column, not per value
	at    pos    // label as an entry keeps it, interned once per column
}

func (cr *csvReader) wide(header []string) ([]*Submission, error) {
	cols := make([]*wideCol, len(header))
	var bad Issues
	for i, h := range header[1:] {
		i++
		switch {
		case h == "":
			continue
		case strings.EqualFold(h, "name"):
			cols[i] = &wideCol{role: colUnitName}
			continue
		case strings.EqualFold(h, "year"):
			cols[i] = &wideCol{role: colUnitYear}
			continue
		}
		if a, ok := attributeOf(h); ok {
			cols[i] = &wideCol{role: colUnitAttr, attr: a}
			continue
		}
		code, suffix, _ := strings.Cut(h, ":")
		role, ok := wideSuffix[strings.ToLower(suffix)]
		ind := cr.fw.Indicator(code)
		switch {
		case ind == nil:
			bad = append(bad, unknownCode(Issue{File: cr.file, Line: 1, Column: colName(i)}, code, cr.fw))
		case !ok:
			bad = append(bad, Issue{File: cr.file, Line: 1, Column: colName(i), Indicator: code,
				VI: fmt.Sprintf("cột %q: phần sau dấu hai chấm phải là appraised, evidence, reason hoặc note", h),
				EN: fmt.Sprintf("column %q: after the colon, want appraised, evidence, reason or note", h)})
		default:
			cols[i] = &wideCol{ind: ind, role: role}
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	for i, c := range cols {
		if c != nil {
			c.label = colName(i) + " (" + header[i] + ")"
			c.at = toPos(Location{Column: c.label})
		}
	}
	// The entries a row makes: one per indicator it has a column for, in
	// the order of their first columns, the same for every row.
	var order []string
	at := map[string]int{}
	for _, c := range cols {
		if c != nil && c.ind != nil {
			if _, ok := at[c.ind.Code]; !ok {
				at[c.ind.Code] = len(order)
				order = append(order, c.ind.Code)
			}
		}
	}
	entries := len(order)
	rowAt := make([]pos, entries) // each entry's value column (see Submission.selfAt)
	for _, c := range cols {
		if c != nil && c.role == colValue {
			rowAt[at[c.ind.Code]] = c.at
		}
	}
	// Rows are made on every core, in batches handed out in the file's
	// order and put back in it: making a row's entries was most of
	// reading (`dti validate` of the harness's 10,000 × 100 CSV,
	// three runs each: 0.45–0.50 → 0.37–0.42 s, the same output).
	type batch struct {
		recs  [][]string
		lines []int
		subs  []*Submission
	}
	const batchRows = 256
	var batches []*batch
	work := make(chan *batch, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var next *Submission // in a checked row's memory (Options.CheckOnly)
			for b := range work {
				b.subs = make([]*Submission, len(b.recs))
				var room *columns
				if !cr.checkOnly {
					room = newColumns(len(b.recs) * entries)
				}
				for k, rec := range b.recs {
					s := next
					if s == nil {
						s = &Submission{File: cr.file}
						if room != nil {
							room.give(s, entries)
						} else {
							s = New(cr.file, entries)
						}
					}
					next = nil
					cr.row(s, rec, b.lines[k], header, cols, order, at, rowAt)
					if cr.checkOnly {
						s.precheck(cr.fw)
						next = s.recycle()
					}
					b.subs[k] = s
				}
				b.recs = nil
			}
		}()
	}
	cur := &batch{}
	err := records(cr.r, cr.file, func(rec []string, line int) {
		cur.recs = append(cur.recs, rec)
		cur.lines = append(cur.lines, line)
		if len(cur.recs) == batchRows {
			batches = append(batches, cur)
			work <- cur
			cur = &batch{}
		}
	})
	if len(cur.recs) > 0 {
		batches = append(batches, cur)
		work <- cur
	}
	close(work)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	var subs []*Submission
	for _, b := range batches {
		subs = append(subs, b.subs...)
	}
	return subs, nil
}

// row reads one record of the wide layout into s.
func (cr *csvReader) row(s *Submission, rec []string, line int, header []string, cols []*wideCol, order []string, at map[string]int, rowAt []pos) {
	s.useRow(order, at, rowAt, line)
	s.Unit, s.At = Clean(rec[0]), Location{Line: line, Column: "A"}
	if s.Unit == "" {
		s.Issues = append(s.Issues, Issue{File: cr.file, Line: line, Column: "A", VI: "thiếu mã đơn vị (cột unit)", EN: "missing unit code (column unit)"})
	}
	if len(rec) > len(header) {
		s.Issues = append(s.Issues, Issue{File: cr.file, Line: line, Unit: s.Unit, VI: fmt.Sprintf("dòng có %d ô, nhiều hơn %d cột tiêu đề", len(rec), len(header)), EN: fmt.Sprintf("the line has %d fields, more than the %d header columns", len(rec), len(header))})
	}
	for i, c := range cols {
		if c == nil || i >= len(rec) {
			continue
		}
		loc := Location{Line: line, Column: c.label}
		switch c.role {
		case colUnitName:
			s.Name = Clean(rec[i])
		case colUnitYear:
			s.Period = Clean(rec[i])
		case colUnitAttr:
			s.setAttribute(c.attr, rec[i], cr.dec, loc)
		case colValue:
			s.setCellAt(c.ind, rec[i], cr.dec, false, loc, c.at.onLine(line, loc))
		case colAppr:
			s.setCell(c.ind, rec[i], cr.dec, true, loc)
		case colEvid:
			s.Entry(c.ind.Code).SetEvidence(SplitEvidence(rec[i]))
		case colWhy:
			s.Entry(c.ind.Code).SetReason(Clean(rec[i]))
		case colRemark:
			s.Entry(c.ind.Code).SetNote(Clean(rec[i]))
		}
	}
}

// records calls each for every non-blank record of r with its line,
// stopping at the first error; it bounds the rows to MaxRows.
func records(r *csv.Reader, file string, each func(rec []string, line int)) error {
	for row := 0; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(file, err)
		}
		if row >= MaxRows {
			return fileIssue(file, fmt.Sprintf("tệp có quá nhiều dòng (tối đa %d)", MaxRows), fmt.Sprintf("the file has too many rows (at most %d)", MaxRows))
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		each(rec, line)
	}
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (cr *csvReader) long(header []string, seen map[string]int) ([]*Submission, error) {
	file, fw := cr.file, cr.fw
	col := func(name string) int {
		if i, ok := seen[name]; ok {
			return i
		}
		return -1
	}
	cName, cYear, cInd, cSelf, cAppr, cEv, cReason, cNote := col("name"), col("year"), col("indicator"), col("self"), col("appraised"), col("evidence"), col("reason"), col("note")
	if cSelf < 0 && cAppr < 0 {
		return nil, Issues{{File: file, Line: 1, VI: "dạng dọc cần cột \"self\" hoặc \"appraised\"", EN: "the long form needs a \"self\" or \"appraised\" column"}}
	}
	get := func(rec []string, i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	type unitYear struct{ unit, year string }
	byUnit := map[unitYear]*Submission{}
	var subs []*Submission
	err := records(cr.r, file, func(rec []string, line int) {
		key := unitYear{Clean(rec[0]), Clean(get(rec, cYear))}
		unit := key.unit
		s := byUnit[key]
		if s == nil {
			s = New(file, min(len(fw.Indicators), 16)) // grows with the unit's rows
			s.Unit, s.Period, s.At = unit, key.year, Location{Line: line, Column: "A"}
			byUnit[key] = s
			subs = append(subs, s)
			if unit == "" {
				s.Issues = append(s.Issues, Issue{File: file, Line: line, Column: "A", VI: "thiếu mã đơn vị (cột unit)", EN: "missing unit code (column unit)"})
			}
		}
		if n := Clean(get(rec, cName)); n != "" && s.Name == "" {
			s.Name = n
		}
		for _, a := range indicators.Attributes {
			if c := col(string(a)); c >= 0 && Clean(get(rec, c)) != "" && s.Attributes[a] == 0 {
				s.setAttribute(a, get(rec, c), cr.dec, Location{Line: line, Column: colName(c) + " (" + string(a) + ")"})
			}
		}
		code := Clean(get(rec, cInd))
		ind := fw.Indicator(code)
		if ind == nil {
			s.Issues = append(s.Issues, unknownCode(Issue{File: file, Line: line, Column: colName(cInd), Unit: unit}, code, fw))
			return
		}
		if s.Lookup(ind.Code).OK() {
			s.Issues = append(s.Issues, Issue{File: file, Line: line, Unit: unit, Indicator: code, VI: "chỉ tiêu xuất hiện hai lần cho cùng đơn vị", EN: "the indicator appears twice for the same unit"})
			return
		}
		e := s.Entry(ind.Code)
		if cSelf >= 0 {
			s.setCell(ind, get(rec, cSelf), cr.dec, false, Location{Line: line, Column: colName(cSelf) + " (self)"})
		}
		if cAppr >= 0 && !e.NA() {
			s.setCell(ind, get(rec, cAppr), cr.dec, true, Location{Line: line, Column: colName(cAppr) + " (appraised)"})
		}
		e.SetEvidence(SplitEvidence(get(rec, cEv)))
		e.SetReason(Clean(get(rec, cReason)))
		e.SetNote(Clean(get(rec, cNote)))
	})
	if err != nil {
		return nil, err
	}
	return subs, nil
}

// SplitEvidence splits an evidence cell into references at semicolons and
// line breaks.
func SplitEvidence(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if p = Clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
