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
	for {
		s.next(&t)
		switch t.kind {
		case tokText:
			continue
		case tokEnd: // </sst>
			return out, !s.bad
		case tokStart:
			if t.name != "si" {
				s.skip(&t)
				if s.bad {
					return nil, false
				}
				continue
			}
			v, ok := scanSI(s, &t)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		default:
			return nil, false
		}
	}
}

func scanSI(s *xmlScan, t *xmlTok) (string, bool) {
	if t.selfClosing {
		return "", true
	}
	var sb strings.Builder
	seenT := false
	for {
		s.next(t)
		switch t.kind {
		case tokText:
			continue
		case tokEnd:
			v := sb.String()
			if strings.Contains(v, "_x") || strings.Contains(v, "_X") {
				return "", false
			}
			return v, true
		case tokStart:
			switch t.name {
			case "t":
				if seenT {
					return "", false
				}
				seenT = true
				txt, ok := scanText(s, t)
				if !ok {
					return "", false
				}
				sb.WriteString(txt)
			case "r":
				if t.selfClosing {
					continue
				}
				seenRT := false
				for {
					s.next(t)
					if t.kind == tokEnd {
						break
					}
					if t.kind == tokText {
						continue
					}
					if t.kind != tokStart {
						return "", false
					}
					if t.name == "t" {
						if seenRT {
							return "", false
						}
						seenRT = true
						txt, ok := scanText(s, t)
						if !ok {
							return "", false
						}
						sb.WriteString(txt)
						continue
					}
					s.skip(t)
				}
			default: // rPh, phoneticPr: not part of the value
				s.skip(t)
			}
			if s.bad {
				return "", false
			}
		default:
			return "", false
		}
	}
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
	for {
		s.next(&t)
		switch t.kind {
		case tokText:
			continue
		case tokEnd:
			if s.bad {
				return nil
			}
			return sh
		case tokStart:
		default:
			return nil
		}
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
		for _, a := range t.attrs {
			kind, known := rowAttrs[a.name]
			switch {
			case known && !attrValueOK(kind, a.value):
				return false
			case !known && !strings.Contains(a.name, ":"):
				return false
			}
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
			for {
				s.next(t)
				if t.kind == tokText {
					continue
				}
				if t.kind == tokEnd {
					break
				}
				if t.kind != tokStart || t.name != "c" {
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
	if s.bad {
		return false
	}
	return true
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
	if s.bad {
		return false
	}
	return true
}

func scanCols(s *xmlScan, t *xmlTok, sh *fastSheet) bool {
	if t.selfClosing {
		return true
	}
	for s.child(t) {
		if t.name != "col" {
			return false
		}
		var c fastCol
		for _, a := range t.attrs {
			v := strings.TrimSpace(a.value)
			switch a.name {
			case "min", "max", "style", "outlineLevel":
				n := 0
				if v != "" {
					var err error
					if n, err = strconv.Atoi(v); err != nil {
						return false
					}
				}
				switch a.name {
				case "min":
					c.min = n
				case "max":
					c.max = n
				case "style":
					c.style = n
				}
			case "width":
				if !attrValueOK('f', v) {
					return false
				}
			case "bestFit", "collapsed", "customWidth", "hidden", "phonetic":
				if !attrValueOK('b', v) {
					return false
				}
			default:
				return false
			}
		}
		sh.cols = append(sh.cols, c)
		s.skip(t)
	}
	if s.bad {
		return false
	}
	return true
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
			for {
				s.next(&t)
				if t.kind == tokText {
					continue
				}
				if t.kind == tokEnd {
					break
				}
				if t.kind != tokStart || t.name != want {
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
					for _, a := range t.attrs {
						switch a.name {
						case "numFmtId", "fontId", "fillId", "borderId", "xfId":
							if !attrValueOK('i', a.value) {
								return nil, false
							}
						case "applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment", "applyProtection", "quotePrefix", "pivotButton":
							if !attrValueOK('b', a.value) {
								return nil, false
							}
						default:
							return nil, false
						}
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
