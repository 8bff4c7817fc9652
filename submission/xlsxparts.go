package submission

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/xuri/excelize/v2"
)

// The scanners of the parts fastBook reads, on xmlScan: each returns
// false (or nil) for anything it does not read as excelize would.
func hasAttr(t *xmlTok, name, value string) bool {
	v, ok := t.attr(name)
	return ok && v == value
}

func scanRels(data []byte, fn func(id, typ, target string) bool) bool {
	return walk(data, "Relationships", []string{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}, func(depth int, t *xmlTok) bool {
		if depth != 1 {
			return true
		}
		id, _ := t.attr("Id")
		typ, _ := t.attr("Type")
		target, _ := t.attr("Target")
		mode, _ := t.attr("TargetMode")
		return t.name == "Relationship" && mode == "" && fn(id, typ, target)
	})
}

// walk reads a part whose root element is root, with the attributes
// need (name, value, name, value …), calling fn with each start tag
// inside it and its depth (1 for the root's children); false when fn
// refuses one, when the part holds more than its root, or when it is not
// what the scanner reads.
func walk(data []byte, root string, need []string, fn func(depth int, t *xmlTok) bool) bool {
	s := newXMLScan(data)
	var t xmlTok
	s.root(&t)
	if t.kind != tokStart || t.name != root {
		return false
	}
	for i := 0; i+1 < len(need); i += 2 {
		if !hasAttr(&t, need[i], need[i+1]) {
			return false
		}
	}
	depth := 1
	if t.selfClosing {
		depth = 0
	}
	for s.next(&t); t.kind != tokEOF; s.next(&t) {
		switch t.kind {
		case tokStart:
			if depth == 0 || !fn(depth, &t) {
				return false // a second root: encoding/xml would not read it
			}
			if !t.selfClosing {
				depth++
			}
		case tokEnd:
			depth--
		}
	}
	return !s.bad
}

func scanSST(data []byte) ([]string, bool) {
	s := newXMLScan(data)
	var t xmlTok
	s.root(&t)
	if t.kind != tokStart || t.name != "sst" || !hasAttr(&t, "xmlns", mainNS) {
		return nil, false
	}
	if t.selfClosing {
		return nil, true
	}
	var out []string
	for s.child(&t) {
		if t.name != "si" {
			s.skip(&t)
			continue
		}
		v, ok := scanSI(s, &t)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, !s.bad
}

func scanSI(s *xmlScan, t *xmlTok) (string, bool) {
	if t.selfClosing {
		return "", true
	}
	var sb strings.Builder
	// xlsxSI.String: the <t>, then each <r>'s <t>; anything else (rPh,
	// phoneticPr) is not part of the value. One <t> per element.
	seenT := false
	for s.child(t) {
		switch t.name {
		case "t":
			txt, ok := scanText(s, t)
			if seenT || !ok {
				return "", false
			}
			seenT = true
			sb.WriteString(txt)
		case "r":
			if t.selfClosing {
				continue
			}
			seenRT := false
			for s.child(t) {
				if t.name != "t" {
					s.skip(t)
					continue
				}
				txt, ok := scanText(s, t)
				if seenRT || !ok {
					return "", false
				}
				seenRT = true
				sb.WriteString(txt)
			}
		default:
			s.skip(t)
		}
	}
	v := sb.String()
	if s.bad || strings.Contains(v, "_x") || strings.Contains(v, "_X") {
		return "", false
	}
	return v, true
}

func scanText(s *xmlScan, t *xmlTok) (string, bool) {
	if t.selfClosing {
		return "", true
	}
	txt := ""
	for {
		s.next(t)
		switch t.kind {
		case tokText:
			txt += t.text
		case tokEnd:
			return txt, true
		default:
			return "", false
		}
	}
}

func scanSheet(data []byte) *fastSheet {
	s := newXMLScan(data)
	var t xmlTok
	s.root(&t)
	if t.kind != tokStart || t.name != "worksheet" || !hasAttr(&t, "xmlns", mainNS) || t.selfClosing {
		return nil
	}
	sh := &fastSheet{rows: make([]fastRow, 0, bytes.Count(data, []byte("<row ")))}
	sh.cells = make([]fastCell, 0, bytes.Count(data, []byte("<c ")))
	seen := map[string]bool{}
	for s.child(&t) {
		switch t.name {
		case "dimension", "sheetData", "mergeCells", "cols":
			if seen[t.name] {
				return nil
			}
			seen[t.name] = true
		}
		ok := true
		switch t.name {
		case "dimension":
			sh.dim, _ = t.attr("ref")
			s.skip(&t)
		case "sheetData":
			ok = scanSheetData(s, &t, sh)
		case "mergeCells":
			ok = scanMerges(s, &t, sh)
		case "cols":
			ok = scanCols(s, &t, sh)
		default:
			if strings.Contains(t.name, ":") {
				return nil
			}
			s.skip(&t)
		}
		if !ok || s.bad {
			return nil
		}
	}
	if s.bad {
		return nil
	}
	return sh
}

// colAttrs and xfAttrs: the same for a <col> and a cell format (<xf>).
var (
	colAttrs = map[string]byte{"min": 'i', "max": 'i', "style": 'i', "outlineLevel": 'i', "width": 'f', "bestFit": 'b', "collapsed": 'b', "customWidth": 'b', "hidden": 'b', "phonetic": 'b'}
	xfAttrs  = map[string]byte{"numFmtId": 'i', "fontId": 'i', "fillId": 'i', "borderId": 'i', "xfId": 'i',
		"applyNumberFormat": 'b', "applyFont": 'b', "applyFill": 'b', "applyBorder": 'b', "applyAlignment": 'b', "applyProtection": 'b', "quotePrefix": 'b', "pivotButton": 'b'}
)

// attrsOK reports whether every attribute of t is one of known with a
// value of its kind; with prefixed, attributes with a prefix
// (x14ac:dyDescent) pass too, as excelize ignores them.
func attrsOK(t *xmlTok, known map[string]byte, prefixed bool) bool {
	for _, a := range t.attrs {
		kind, ok := known[a.name]
		if ok && !attrValueOK(kind, a.value) || !ok && !(prefixed && strings.Contains(a.name, ":")) {
			return false
		}
	}
	return true
}

var rowAttrs = map[string]byte{"r": 'i', "s": 'i', "spans": 's', "ht": 'f', "customHeight": 'b', "hidden": 'b', "customFormat": 'b',
	"outlineLevel": 'i', "collapsed": 'b', "thickTop": 'b', "thickBot": 'b', "ph": 'b'}

func attrValueOK(kind byte, v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true // encoding/xml leaves the zero value
	}
	var err error
	switch kind {
	case 'i':
		_, err = strconv.ParseInt(v, 10, 64)
	case 'f':
		_, err = strconv.ParseFloat(v, 64)
	case 'b':
		_, err = strconv.ParseBool(v)
	}
	return err == nil
}

func scanSheetData(s *xmlScan, t *xmlTok, sh *fastSheet) bool {
	if t.selfClosing {
		return true
	}
	for s.child(t) {
		if t.name != "row" {
			return false
		}
		var row fastRow
		if !attrsOK(t, rowAttrs, true) {
			return false
		}
		rs, ok := t.attr("r")
		r, err := strconv.Atoi(rs)
		if !ok || err != nil || r < 1 || r > excelize.TotalRows || strconv.Itoa(r) != rs || len(sh.rows) > 0 && sh.rows[len(sh.rows)-1].r >= r {
			return false // no number, or out of order: excelize renumbers
		}
		row.r = r
		lo := len(sh.cells) // the row's cells follow in sh.cells
		if v, ok := t.attr("s"); ok && strings.TrimSpace(v) != "" {
			row.s, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		if !t.selfClosing {
			for s.child(t) {
				if t.name != "c" {
					return false
				}
				c, ok := scanCell(s, t, r)
				if !ok || len(sh.cells) > lo && sh.cells[len(sh.cells)-1].col >= c.col {
					return false
				}
				sh.cells = append(sh.cells, c)
			}
		}
		row.cells = sh.cells[lo:len(sh.cells):len(sh.cells)]
		sh.rows = append(sh.rows, row)
	}
	return !s.bad
}

func scanCell(s *xmlScan, t *xmlTok, r int) (fastCell, bool) {
	var c fastCell
	for _, a := range t.attrs {
		switch a.name {
		case "r":
			col, row, err := excelize.CellNameToCoordinates(a.value)
			if err != nil || row != r || xl.Cell(col, row) != a.value {
				return c, false
			}
			c.col = col
		case "s":
			v := strings.TrimSpace(a.value)
			if v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					return c, false
				}
				c.s = n
			}
		case "t":
			c.t = a.value
		default:
			return c, false
		}
	}
	if c.col == 0 {
		return c, false
	}
	if t.selfClosing {
		return c, true
	}
	seen := map[string]bool{}
	for s.child(t) {
		if seen[t.name] {
			return c, false
		}
		seen[t.name] = true
		switch t.name {
		case "v":
			if len(t.attrs) > 0 {
				return c, false
			}
			v, ok := scanText(s, t)
			if !ok {
				return c, false
			}
			c.v = v
		case "f":
			c.hasF = true
			for _, a := range t.attrs {
				switch a.name {
				case "t":
					c.fUnsure = c.fUnsure || a.value == "shared"
				case "ref", "si":
				case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
					if !attrValueOK('b', a.value) {
						return c, false
					}
				default:
					return c, false
				}
			}
			f, ok := scanText(s, t)
			if !ok {
				return c, false
			}
			c.f = f
		case "is":
			c.inline = true
			v, ok := scanSI(s, t)
			if !ok {
				return c, false
			}
			c.is = v
		default:
			return c, false
		}
		if s.bad {
			return c, false
		}
	}
	if s.bad {
		return c, false
	}
	return c, true
}

func scanMerges(s *xmlScan, t *xmlTok, sh *fastSheet) bool {
	if t.selfClosing {
		return true
	}
	for s.child(t) {
		if t.name != "mergeCell" {
			return false
		}
		ref, _ := t.attr("ref")
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			return false
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || xl.Cell(c1, r1) != a || xl.Cell(c2, r2) != b || c1 > c2 || r1 > r2 {
			return false
		}
		sh.merges = append(sh.merges, fastMerge{c1, r1, c2, r2, a})
		s.skip(t)
	}
	return !s.bad
}

func scanCols(s *xmlScan, t *xmlTok, sh *fastSheet) bool {
	if t.selfClosing {
		return true
	}
	for s.child(t) {
		if t.name != "col" {
			return false
		}
		if !attrsOK(t, colAttrs, false) {
			return false
		}
		var c fastCol
		for _, a := range t.attrs {
			n, _ := strconv.Atoi(strings.TrimSpace(a.value)) // checked by attrsOK
			switch a.name {
			case "min":
				c.min = n
			case "max":
				c.max = n
			case "style":
				c.style = n
			}
		}
		sh.cols = append(sh.cols, c)
		s.skip(t)
	}
	return !s.bad
}

func scanStyles(data []byte) (*fastStyles, bool) {
	s := newXMLScan(data)
	var t xmlTok
	s.root(&t)
	if t.kind != tokStart || t.name != "styleSheet" || !hasAttr(&t, "xmlns", mainNS) {
		return nil, false
	}
	st := &fastStyles{fmts: map[int]string{}}
	if t.selfClosing {
		return st, true
	}
	seen := map[string]bool{}
	for s.child(&t) {
		switch t.name {
		case "numFmts", "cellXfs":
			if seen[t.name] || t.selfClosing {
				return nil, false
			}
			seen[t.name] = true
			want := map[string]string{"numFmts": "numFmt", "cellXfs": "xf"}[t.name]
			outer := t.name
			for s.child(&t) {
				if t.name != want {
					return nil, false
				}
				v, has := t.attr("numFmtId")
				var id *int
				if has {
					n, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil {
						return nil, false
					}
					id = &n
				}
				if outer == "numFmts" {
					code, _ := t.attr("formatCode")
					if id == nil {
						return nil, false
					}
					st.fmts[*id] = code // the last of an id counts, as in excelize's extractNumFmt
				} else {
					if !attrsOK(&t, xfAttrs, false) {
						return nil, false
					}
					st.xfs = append(st.xfs, id)
				}
				s.skip(&t)
				if s.bad {
					return nil, false
				}
			}
		default:
			s.skip(&t)
		}
		if s.bad {
			return nil, false
		}
	}
	if s.bad {
		return nil, false
	}
	return st, !s.bad
}

func wellFormed(data []byte, root, nsAttr, ns string) bool {
	return walk(data, root, []string{nsAttr, ns}, func(int, *xmlTok) bool { return true })
}
