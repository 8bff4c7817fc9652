package submission

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// fastBook answers readForm's questions about a workbook straight from
// the parts it needs (the workbook, its relationships, the shared
// strings, the styles, the form and metadata sheets), read with xmlScan,
// instead of opening the whole workbook with excelize and unmarshalling
// the form sheet into excelize's full model. Its answers are excelize's
// (GetCellValue with raw values, GetCellType, GetCellFormula,
// GetCellStyle and GetStyle's number format, GetRows): where a workbook
// holds anything it does not answer the way excelize would, it sets
// unsure and the workbook is read again through excelize
// (TestFastBookAgrees, FuzzReadXLSX, FuzzFastSheet). Measured:
// BenchmarkReadXLSX 9.6 → 2.2 ms and 41,696 → 10,080 allocations a form;
// `dti validate` of the harness's 3,321 filled forms 16.8 → 4.6 s. Then
// one array for a sheet's cells, skip's token reused and the control
// characters looked for eight bytes at a time: 552 → 409 KB allocated a
// form, validate 4.7–5.2 → 4.1–4.3 s (three runs each).
type fastBook struct {
	parts  map[string][]byte // every entry, unpacked (checkZip)
	names  []string          // sheets in the workbook's order
	paths  map[string]string // sheet name → part
	sheets map[string]*fastSheet
	sst    []string
	styles *fastStyles
	unsure bool
}

type fastSheet struct {
	dim    string
	rows   []fastRow  // ascending r
	cells  []fastCell // every row's cells, one after the other
	merges []fastMerge
	cols   []fastCol
}

type fastRow struct {
	r, s  int
	cells []fastCell // ascending col
}

type fastCell struct {
	col     int
	t, v    string
	s       int
	f       string
	hasF    bool
	fUnsure bool // a shared formula: excelize derives its text
	inline  bool // an <is> element, whose text is is
	is      string
}

type fastMerge struct {
	c1, r1, c2, r2 int
	top            string // the first cell of the reference as written
}

type fastCol struct{ min, max, style int }

type fastStyles struct {
	xfs  []*int         // numFmtId per cellXfs entry, nil when absent
	fmts map[int]string // numFmtId → formatCode
}

const mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// openFast reads the workbook's structure; nil when the fast path does not
// apply.
func openFast(uz *unzipped) *fastBook {
	if uz == nil || uz.parts == nil {
		return nil // an entry does not unpack whole: excelize keeps what it can read of it
	}
	if len(uz.parts["xl/sharedStrings.xml"]) > 16<<20 {
		return nil // excelize reads shared strings this large from a temporary file
	}
	zr := uz.zr
	b := &fastBook{parts: uz.parts, paths: map[string]string{}, sheets: map[string]*fastSheet{}}
	for i, f := range zr.File {
		// excelize turns \\ into / and finds a few parts in any case.
		if strings.Contains(f.Name, "\\") {
			return nil
		}
		for _, g := range zr.File[:i] {
			if strings.EqualFold(f.Name, g.Name) {
				return nil
			}
		}
		if strings.EqualFold(f.Name, "xl/sharedStrings.xml") && f.Name != "xl/sharedStrings.xml" || strings.EqualFold(f.Name, "[Content_Types].xml") && f.Name != "[Content_Types].xml" {
			return nil
		}
	}
	// The parts excelize parses when it opens a workbook must be well
	// formed, as it would refuse the workbook otherwise.
	for _, p := range []struct{ name, root, nsAttr, ns string }{
		{"xl/theme/theme1.xml", "a:theme", "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
		{"xl/calcChain.xml", "calcChain", "xmlns", mainNS},
	} {
		if data, ok := b.part(p.name); ok {
			if len(data) > 0 && !wellFormed(data, p.root, p.nsAttr, p.ns) {
				return nil
			}
		} else if b.has(p.name) {
			return nil
		}
	}
	if data, ok := b.part("xl/styles.xml"); ok {
		if len(data) > 0 {
			st, good := scanStyles(data)
			if !good || !wellFormed(data, "styleSheet", "xmlns", mainNS) {
				return nil
			}
			b.styles = st
		}
	} else if b.has("xl/styles.xml") {
		return nil
	}
	root, ok := b.part("_rels/.rels")
	if !ok || !b.officeDocument(root) {
		return nil
	}
	wb, ok := b.part("xl/workbook.xml")
	if !ok {
		return nil
	}
	rels, ok := b.part("xl/_rels/workbook.xml.rels")
	if !ok {
		return nil
	}
	targets := map[string]string{}
	if !scanRels(rels, func(id, typ, target string) bool {
		if _, dup := targets[id]; dup {
			return false
		}
		targets[id] = target
		return true
	}) {
		return nil
	}
	if !walk(wb, "workbook", []string{"xmlns", mainNS, "xmlns:r", relNS}, func(depth int, t *xmlTok) bool {
		if t.name != "sheet" || depth != 2 {
			return true
		}
		name, _ := t.attr("name")
		id, ok := t.attr("r:id")
		target, found := targets[id]
		if !ok || !found || name == "" {
			return false
		}
		p, ok := sheetPart(target)
		if !ok || slices.Contains(b.names, name) {
			return false
		}
		b.names = append(b.names, name)
		b.paths[name] = p
		return true
	}) {
		return nil
	}
	for i, n := range b.names {
		for _, m := range b.names[:i] {
			if strings.EqualFold(n, m) {
				return nil // excelize finds a sheet by its name in any case: either one
			}
		}
	}
	if sst, ok := b.part("xl/sharedStrings.xml"); ok {
		if b.sst, ok = scanSST(sst); !ok {
			return nil
		}
	} else if b.has("xl/sharedStrings.xml") {
		return nil
	}
	return b
}

// part returns an entry of the zip, unpacked.
func (b *fastBook) part(name string) ([]byte, bool) {
	data, ok := b.parts[name]
	return data, ok
}

func (b *fastBook) has(name string) bool {
	_, ok := b.parts[name]
	return ok
}

// officeDocument checks that the package's main part is xl/workbook.xml.
func (b *fastBook) officeDocument(rels []byte) bool {
	found := false
	ok := scanRels(rels, func(id, typ, target string) bool {
		if typ == excelize.SourceRelationshipOfficeDocument {
			if found {
				return false
			}
			found = strings.TrimPrefix(target, "/") == "xl/workbook.xml"
			return found
		}
		return true
	})
	return ok && found
}

// sheetPart is excelize's getWorksheetPath for the targets the fast path
// takes: "worksheets/x.xml" or "/xl/worksheets/x.xml".
func sheetPart(target string) (string, bool) {
	name, ok := strings.CutPrefix(target, "/xl/worksheets/")
	if !ok {
		name, ok = strings.CutPrefix(target, "worksheets/")
	}
	if !ok || name == "" || strings.ContainsAny(name, "/\\") || name == "." || name == ".." || !strings.HasSuffix(name, ".xml") {
		return "", false
	}
	return "xl/worksheets/" + name, true
}

// scanRels calls fn for each Relationship of a relationships part.
// scanSST reads the shared strings as excelize's xlsxSI.String gives them.
// scanSI reads an <si> or <is> element whose start tag t holds: the text
// of its <t> and of each <r>'s <t>, as xlsxSI.String joins them. Text
// that excelize would decode further (_xHHHH_) is not taken.
// scanText reads the character data of a simple element (no children).
// sheet reads a worksheet part once.
func (b *fastBook) sheet(name string) *fastSheet {
	if sh, ok := b.sheets[name]; ok {
		return sh
	}
	var sh *fastSheet
	if p, ok := b.paths[name]; ok {
		if data, ok := b.part(p); ok {
			sh = scanSheet(data)
		}
	}
	if sh == nil {
		b.unsure = true
		sh = &fastSheet{}
	}
	b.sheets[name] = sh
	return sh
}

// scanSheet reads the parts of a worksheet the form reader asks about;
// nil when it holds anything the fast path does not read as excelize
// would.
// rowAttrs are the attributes a <row> may carry on the fast path, with
// the kind of value excelize's model unmarshals them into.
// at returns the cell at (col, row) itself, without merges.
func (sh *fastSheet) at(col, row int) *fastCell {
	i, ok := slices.BinarySearchFunc(sh.rows, row, func(r fastRow, n int) int { return r.r - n })
	if !ok {
		return nil
	}
	cells := sh.rows[i].cells
	j, ok := slices.BinarySearchFunc(cells, col, func(c fastCell, n int) int { return c.col - n })
	if !ok {
		return nil
	}
	return &cells[j]
}

// lookup is getCellStringFunc's cell: merges send a cell to the first
// cell of their range.
func (sh *fastSheet) lookup(col, row int) *fastCell {
	for _, m := range sh.merges {
		if m.c1 <= col && col <= m.c2 && m.r1 <= row && row <= m.r2 {
			col, row, _ = excelize.CellNameToCoordinates(m.top)
			break
		}
	}
	return sh.at(col, row)
}

func parseRef(ref string) (int, int, bool) {
	c, r, err := excelize.CellNameToCoordinates(ref)
	return c, r, err == nil
}

// value is GetCellValue with RawCellValue.
func (b *fastBook) value(sheet string, col, row int) string {
	c := b.sheet(sheet).lookup(col, row)
	if c == nil {
		return ""
	}
	return b.cellText(c)
}

func (b *fastBook) sheetList() []string { return b.names }

func (b *fastBook) dimension(sheet string) string { return b.sheet(sheet).dim }

func (b *fastBook) cellValue(sheet string, col, row int) (string, error) {
	return b.value(sheet, col, row), nil
}

func (b *fastBook) cellType(sheet, ref string) excelize.CellType {
	col, row, ok := parseRef(ref)
	if !ok {
		b.unsure = true
		return excelize.CellTypeUnset
	}
	c := b.sheet(sheet).lookup(col, row)
	if c == nil {
		return excelize.CellTypeUnset
	}
	switch c.t {
	case "b":
		return excelize.CellTypeBool
	case "d":
		return excelize.CellTypeDate
	case "n":
		return excelize.CellTypeNumber
	case "e":
		return excelize.CellTypeError
	case "s":
		return excelize.CellTypeSharedString
	case "str":
		return excelize.CellTypeFormula
	case "inlineStr":
		return excelize.CellTypeInlineString
	}
	return excelize.CellTypeUnset
}

func (b *fastBook) formula(sheet, ref string) string {
	col, row, ok := parseRef(ref)
	if !ok {
		b.unsure = true
		return ""
	}
	c := b.sheet(sheet).lookup(col, row)
	if c == nil || !c.hasF {
		return ""
	}
	if c.fUnsure {
		b.unsure = true
	}
	return c.f
}

// styleID is GetCellStyle: the cell's style, else its row's, else its
// column's.
func (b *fastBook) styleID(sheet, ref string) int {
	col, row, ok := parseRef(ref)
	if !ok {
		b.unsure = true
		return 0
	}
	sh := b.sheet(sheet)
	if c := sh.at(col, row); c != nil && c.s != 0 {
		return c.s
	}
	if i, ok := slices.BinarySearchFunc(sh.rows, row, func(r fastRow, n int) int { return r.r - n }); ok && sh.rows[i].s != 0 {
		return sh.rows[i].s
	}
	for _, c := range sh.cols {
		if c.min <= col && col <= c.max && c.style != 0 {
			return c.style
		}
	}
	return 0
}

// numFmt is what GetStyle(id) gives cellFormat: the number format's id
// and its custom code; ok false when GetStyle would fail.
func (b *fastBook) numFmt(id int) (numFmt int, custom *string, ok bool) {
	if b.styles == nil {
		data, found := b.part("xl/styles.xml")
		st, good := scanStyles(data)
		if !found || !good {
			b.unsure = true
			return 0, nil, false
		}
		b.styles = st
	}
	if id < 0 || id >= len(b.styles.xfs) {
		return 0, nil, false
	}
	n := b.styles.xfs[id]
	if n == nil {
		return 0, nil, true
	}
	if builtInNumFmt(*n) || *n >= 27 && *n <= 36 || *n >= 50 && *n <= 62 || *n >= 67 && *n <= 81 {
		return *n, nil, true
	}
	if code, ok := b.styles.fmts[*n]; ok {
		// excelize also names a few currency formats by an id of its
		// own; cellFormat reads those the same way as the code.
		return 0, &code, true
	}
	return 0, nil, true
}

// builtInNumFmt: the ids of excelize's builtInNumFmt.
func builtInNumFmt(n int) bool { return n >= 0 && n <= 22 || n >= 37 && n <= 49 }

// sheetNamed is the sheet excelize finds for name, which it matches in
// any case.
func (b *fastBook) sheetNamed(name string) (string, bool) {
	for _, n := range b.names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

// load reads the sheet; false (and unsure) when the fast path cannot.
func (b *fastBook) load(sheet string) error {
	if n, ok := b.sheetNamed(sheet); !ok || n != sheet {
		b.unsure = true
		return nil
	}
	b.sheet(sheet)
	return nil
}

// meta is readMeta through GetRows: the first 51 rows' A and B where the
// row has a value or formula from column B on, values formatted as
// GetRows formats them (for the cells it takes: text, and whole numbers
// in the General format).
func (b *fastBook) meta() map[string]string {
	name, ok := b.sheetNamed(MetaSheet)
	if !ok {
		return nil
	}
	sh := b.sheet(name)
	meta := map[string]string{}
	for _, row := range sh.rows {
		if row.r > 51 {
			break
		}
		var a, bv string
		last := 0
		for i := range row.cells {
			c := &row.cells[i]
			v, ok := b.metaValue(c)
			if !ok {
				b.unsure = true
				return nil
			}
			if v != "" || c.hasF {
				last = c.col
				switch c.col {
				case 1:
					a = v
				case 2:
					bv = v
				}
			}
		}
		if last >= 2 {
			meta[Clean(a)] = Clean(bv)
		}
	}
	return meta
}

func (b *fastBook) metaValue(c *fastCell) (string, bool) {
	switch c.t {
	case "str":
		return c.v, true
	case "s", "inlineStr":
		if c.s != 0 {
			return "", false
		}
		u := b.unsure
		v := b.cellText(c)
		return v, b.unsure == u
	case "", "n":
		if c.s != 0 || c.inline {
			return "", false
		}
		if c.v == "" || c.v == "0" {
			return c.v, true
		}
		if len(c.v) > 15 || c.v[0] < '1' || c.v[0] > '9' || !allDigits(c.v) {
			return "", false
		}
		return c.v, true
	}
	return "", false
}

// cellText is value for a cell already found.
func (b *fastBook) cellText(c *fastCell) string {
	switch c.t {
	case "s":
		if c.v == "" {
			return ""
		}
		i, err := strconv.Atoi(c.v)
		if err != nil || i < 0 || i >= len(b.sst) || strconv.Itoa(i) != c.v {
			b.unsure = true
			return ""
		}
		return b.sst[i]
	case "inlineStr":
		if c.inline {
			return c.is
		}
	}
	return c.v
}

// wellFormed reads a part through to its end.
// wellFormed reads a part through to its end, checking its root element.
