package submission

import (
	"archive/zip"
	"bytes"
	"io"

	"fmt"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/xuri/excelize/v2"
)

// Limits for untrusted workbooks.
const (
	// MaxUnzipSize bounds the total uncompressed size of a workbook.
	MaxUnzipSize = 64 << 20
	// MaxFormRows bounds the rows of the form sheet.
	MaxFormRows = 5000
)

// ReadXLSX reads a filled template. It finds the form sheet by its
// Vietnamese or English name, checks the hidden metadata against fw, and
// reads the unit fields and one row per indicator. Values typed as text
// are read the way people type them (see [ParseNumber], [ParseValue]); a
// percentage typed into a %-formatted cell (stored as 0.875) is read as 87.5.
func ReadXLSX(data []byte, file string, fw *indicators.Framework) (subs []*Submission, err error) {
	return readXLSX(data, file, fw, indicators.Hash(fw))
}

// MaxSheetXML bounds the unpacked size of one worksheet of a submission.
const MaxSheetXML = 4 << 20

// unzipped is a workbook's zip directory and its entries unpacked, for
// the fast path (fastBook); parts is nil when an entry does not unpack
// whole (excelize then reads what it can of it).
type unzipped struct {
	zr    *zip.Reader
	parts map[string][]byte
}

// checkZip looks at the zip directory before the workbook is opened: a
// total unpacked size over MaxUnzipSize (a zip bomb) or a worksheet over
// MaxSheetXML (a sheet with a million rows) is refused at once. Each entry
// within those bounds is unpacked once here, for the checks of its first
// bytes and for the fast path (checking heads alone, then unpacking
// again, was 1.2 of the 11.5 s of CPU of validating 3,321 forms).
func checkZip(data []byte, file string) (*unzipped, Issues) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileIssue(file, "không đọc được bảng tính (tệp hỏng hoặc không phải .xlsx): "+err.Error(), "cannot read the workbook (corrupt or not .xlsx): "+err.Error())
	}
	u := &unzipped{zr: zr, parts: make(map[string][]byte, len(zr.File))}
	var total uint64
	names := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		if names[f.Name] {
			// Excel shows one of the copies and we might read the other.
			return nil, fileIssue(file, fmt.Sprintf("bảng tính có hai mục cùng tên %q (tệp bị sửa hoặc độc hại)", f.Name), fmt.Sprintf("the workbook holds two entries named %q (a tampered or hostile file)", f.Name))
		}
		names[f.Name] = true
		head := zipHead
		if total+f.UncompressedSize64 <= MaxUnzipSize && !(strings.HasPrefix(f.Name, "xl/worksheets/") && f.UncompressedSize64 > MaxSheetXML) {
			// Within bounds: unpacked whole (at most its declared size,
			// which archive/zip holds it to), and its head read from that.
			whole, ok := unpack(f)
			if ok && u.parts != nil {
				u.parts[f.Name] = whole
			} else {
				u.parts = nil
			}
			head = func(_ *zip.File, n int64) []byte {
				if !ok {
					return zipHead(f, n)
				}
				return whole[:min(int64(len(whole)), n)]
			}
		} else {
			u.parts = nil
		}
		if f.Name == "mimetype" {
			if m := head(f, 128); bytes.Contains(m, []byte("opendocument")) {
				return nil, fileIssue(file, "tệp là bảng tính OpenDocument (.ods) được đổi tên; hãy lưu lại dưới dạng .xlsx", "the file is an OpenDocument spreadsheet (.ods) renamed; save it again as .xlsx")
			}
		}
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			if h := head(f, 4096); bytes.Contains(h, []byte("<!DOCTYPE")) || bytes.Contains(h, []byte("<!ENTITY")) {
				return nil, fileIssue(file, fmt.Sprintf("phần %s của bảng tính có khai báo DOCTYPE hoặc ENTITY, điều Excel không tạo ra (tệp có thể độc hại)", f.Name), fmt.Sprintf("part %s of the workbook declares a DOCTYPE or ENTITY, which Excel never writes (possibly a hostile file)", f.Name))
			}
		}
		total += f.UncompressedSize64
		if total > MaxUnzipSize {
			return nil, fileIssue(file, fmt.Sprintf("bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại)", MaxUnzipSize>>20), fmt.Sprintf("the workbook unpacks to more than %d MB (possibly a hostile file)", MaxUnzipSize>>20))
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") && f.UncompressedSize64 > MaxSheetXML {
			return nil, fileIssue(file, fmt.Sprintf("một trang tính giải nén ra %d MB; biểu mẫu thật chỉ có vài chục dòng (tối đa %d dòng)", f.UncompressedSize64>>20, MaxFormRows),
				fmt.Sprintf("a worksheet unpacks to %d MB; a real form has a few dozen rows (at most %d)", f.UncompressedSize64>>20, MaxFormRows))
		}
	}
	return u, nil
}

// unpack reads a whole entry into a buffer of its declared size; false
// when it does not unpack to exactly that (a damaged entry).
func unpack(f *zip.File) ([]byte, bool) {
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	buf := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, buf); err != nil {
		return nil, false
	}
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		return nil, false // more than declared, or a bad checksum at the end
	}
	return buf, true
}

// zipHead returns up to n bytes from the start of a zip entry.
func zipHead(f *zip.File, n int64) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, n))
	return b
}

func readXLSX(data []byte, file string, fw *indicators.Framework, hash string) ([]*Submission, error) {
	subs, fast, err := readXLSXVia(data, file, fw, hash, true)
	if fast && checkFast != nil {
		checkFast(data, file, fw, hash, subs, err)
	}
	return subs, err
}

// checkFast, set by the package's tests, is given every workbook the fast
// path read, to read it again through excelize and compare.
var checkFast func(data []byte, file string, fw *indicators.Framework, hash string, subs []*Submission, err error)

// readXLSXVia reads a workbook, trying the fast path first when tryFast;
// fast reports whether the fast path read it.
func readXLSXVia(data []byte, file string, fw *indicators.Framework, hash string, tryFast bool) (subs []*Submission, fast bool, err error) {
	if len(data) == 0 {
		return nil, false, fileIssue(file, "tệp rỗng", "the file is empty")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, false, fileIssue(file, "tệp không phải bảng tính .xlsx (không phải tệp zip); hãy lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx", "the file is not an .xlsx workbook (not a zip file); save it again as .xlsx")
	}
	defer func() {
		if r := recover(); r != nil { // excelize on hostile input: never crash the batch
			subs, fast, err = nil, false, fileIssue(file, fmt.Sprintf("không đọc được bảng tính (tệp hỏng): %v", r), fmt.Sprintf("cannot read the workbook (corrupt file): %v", r))
		}
	}()
	uz, iss := checkZip(data, file)
	if iss != nil {
		return nil, false, iss
	}
	if tryFast {
		if subs, fast, err := readFast(uz, file, fw, hash); fast {
			return subs, true, err
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, false, fileIssue(file, fmt.Sprintf("bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại)", MaxUnzipSize>>20), fmt.Sprintf("the workbook unpacks to more than %d MB (possibly a hostile file)", MaxUnzipSize>>20))
		}
		return nil, false, fileIssue(file, "không đọc được bảng tính (tệp hỏng hoặc không phải .xlsx): "+err.Error(), "cannot read the workbook (corrupt or not .xlsx): "+err.Error())
	}
	defer f.Close()
	subs, err = readForm(excelBook{f}, file, fw, hash)
	return subs, false, err
}

// readFast reads the form through fastBook; fast is false when the fast
// path stepped aside (or failed in any way), and excelize is to read it.
func readFast(uz *unzipped, file string, fw *indicators.Framework, hash string) (subs []*Submission, fast bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			subs, fast, err = nil, false, nil
		}
	}()
	fb := openFast(uz)
	if fb == nil {
		return nil, false, nil
	}
	subs, err = readForm(fb, file, fw, hash)
	return subs, !fb.unsure, err
}

// book is what readForm asks of a workbook: excelize's answers
// (excelBook), or the same answers read straight from the zip (fastBook).
type book interface {
	sheetList() []string
	meta() map[string]string
	load(sheet string) error // parses the sheet once
	dimension(sheet string) string
	cellValue(sheet string, col, row int) (string, error) // raw, merges followed
	cellType(sheet, ref string) excelize.CellType
	formula(sheet, ref string) string
	styleID(sheet, ref string) int
	numFmt(id int) (numFmt int, custom *string, ok bool)
}

type excelBook struct{ f *excelize.File }

func (b excelBook) sheetList() []string           { return b.f.GetSheetList() }
func (b excelBook) meta() map[string]string       { return readMeta(b.f) }
func (b excelBook) dimension(sheet string) string { d, _ := b.f.GetSheetDimension(sheet); return d }
func (b excelBook) load(sheet string) error {
	_, err := b.f.GetCellType(sheet, "A1")
	return err
}
func (b excelBook) cellValue(sheet string, col, row int) (string, error) {
	return b.f.GetCellValue(sheet, cell(col, row), excelize.Options{RawCellValue: true})
}
func (b excelBook) cellType(sheet, ref string) excelize.CellType {
	t, _ := b.f.GetCellType(sheet, ref)
	return t
}
func (b excelBook) formula(sheet, ref string) string {
	fml, _ := b.f.GetCellFormula(sheet, ref)
	return fml
}
func (b excelBook) styleID(sheet, ref string) int {
	id, err := b.f.GetCellStyle(sheet, ref)
	if err != nil {
		return 0
	}
	return id
}
func (b excelBook) numFmt(id int) (int, *string, bool) {
	st, err := b.f.GetStyle(id)
	if err != nil || st == nil {
		return 0, nil, false
	}
	return st.NumFmt, st.CustomNumFmt, true
}

// readForm reads the form from b.
func readForm(f book, file string, fw *indicators.Framework, hash string) (subs []*Submission, err error) {
	sheet := ""
	for _, s := range f.sheetList() {
		if s == formSheet["vi"] || s == formSheet["en"] {
			sheet = s
			break
		}
	}
	if sheet == "" {
		return nil, fileIssue(file, fmt.Sprintf("không tìm thấy trang %q (các trang có trong tệp: %s); không đổi tên trang của biểu mẫu", formSheet["vi"], strings.Join(f.sheetList(), ", ")),
			fmt.Sprintf("no sheet %q or %q (the file has: %s); do not rename the form's sheets", formSheet["vi"], formSheet["en"], strings.Join(f.sheetList(), ", ")))
	}
	s := New(file, len(fw.Indicators))
	meta := f.meta()
	if iss := checkMeta(meta, fw, hash, file); iss != nil {
		if iss.HasErrors() {
			return nil, iss
		}
		s.Issues = append(s.Issues, iss...)
	}
	grid, iss := formGrid(f, sheet, file)
	if iss != nil {
		return nil, iss
	}
	at := func(r, c int) string { // 1-based
		if r-1 < len(grid) && c-1 < len(grid[r-1]) {
			return grid[r-1][c-1]
		}
		return ""
	}
	header := 0
	for r := 1; r <= len(grid) && r <= 30; r++ {
		if h := Clean(at(r, colCode)); h == headerVI[0] || h == headerEN[0] {
			header = r
			break
		}
	}
	if header == 0 {
		return nil, Issues{{File: file, Sheet: sheet, VI: "không tìm thấy dòng tiêu đề (ô cột A ghi \"Mã\") trong 30 dòng đầu", EN: "no header row (column A reading \"Code\") in the first 30 rows"}}
	}
	var moved Issues // every moved value column, in column order
	for _, c := range []int{colSelf, colAppraised} {
		vi, en := headerVI[c-1], headerEN[c-1]
		if h := Clean(at(header, c)); h != vi && h != en {
			moved = append(moved, Issue{File: file, Sheet: sheet, Cell: cell(c, header), VI: fmt.Sprintf("cột %s phải có tiêu đề %q, đang là %q; không di chuyển các cột của biểu mẫu", colName(c-1), vi, h), EN: fmt.Sprintf("column %s must be headed %q, found %q; do not move the form's columns", colName(c-1), en, h)})
		}
	}
	if moved != nil {
		return nil, moved
	}
	s.Unit, s.At = Clean(at(tplUnitRow, 3)), Location{Sheet: sheet, Cell: cell(3, tplUnitRow)}
	s.Name = Clean(at(tplNameRow, 3))
	s.Period = Clean(at(tplYearRow, 3))
	for i, a := range indicators.Attributes {
		r, c := tplUnitRow+i, colAttrLabel+1
		d := DecimalAuto // typed text
		if typ := f.cellType(sheet, cell(c, r)); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
			d = DecimalPoint // a number cell, stored as the workbook writes numbers
		}
		s.setAttribute(a, at(r, c), d, Location{Sheet: sheet, Cell: cell(c, r)})
	}
	if s.Unit == "" {
		s.Unit = meta["unit"]
	}
	if s.Name == "" {
		s.Name = meta["name"]
	}
	if s.Unit == "" {
		s.Issues = append(s.Issues, Issue{File: file, Sheet: sheet, Cell: cell(3, tplUnitRow), VI: "thiếu mã đơn vị (ô C3)", EN: "missing unit code (cell C3)"})
	}
	styleCache := map[int]uint8{}
	for r := header + 1; r <= len(grid); r++ {
		code := Clean(at(r, colCode))
		if code == "" || fw.Node(code) != nil {
			continue
		}
		ind := fw.Indicator(code)
		if ind == nil {
			s.Issues = append(s.Issues, unknownCode(Issue{File: file, Sheet: sheet, Cell: cell(colCode, r), Unit: s.Unit}, code, fw))
			continue
		}
		if k := s.find(ind.Code); k >= 0 && s.selfPos(k).col > 0 {
			s.Issues = append(s.Issues, Issue{File: file, Sheet: sheet, Cell: cell(colCode, r), Unit: s.Unit, Indicator: code, VI: "chỉ tiêu xuất hiện hai lần trong biểu mẫu", EN: "the indicator appears twice in the form"})
			continue
		}
		for _, c := range []int{colSelf, colAppraised} {
			raw := at(r, c)
			ref := cell(c, r)
			loc := Location{Sheet: sheet, Cell: ref}
			if fml := f.formula(sheet, ref); fml != "" {
				// A value people see computed: its cached result is used,
				// and the appraiser is told.
				w := loc.at(file, s.Unit, ind.Code)
				w.Severity = SevWarning
				w.VI = fmt.Sprintf("ô chứa công thức =%s; dùng giá trị đã tính %q; nên nhập giá trị thay cho công thức", fml, raw)
				w.EN = fmt.Sprintf("the cell holds the formula =%s; its computed value %q is used; type the value instead", fml, raw)
				s.Issues = append(s.Issues, w)
			}
			if raw != "" && !IsNA(raw) {
				if typ := f.cellType(sheet, ref); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					pct, date := cellFormat(f, sheet, ref, styleCache)
					if date && numericKind(ind) {
						e := loc.at(file, s.Unit, ind.Code)
						e.VI = fmt.Sprintf("ô định dạng ngày giờ (giá trị lưu %s); chỉ tiêu cần một số: định dạng lại ô là số rồi nhập lại", raw)
						e.EN = fmt.Sprintf("the cell is formatted as a date or time (stored %s); the indicator needs a number: format the cell as a number and type it again", raw)
						s.Issues = append(s.Issues, e)
						s.Entry(ind.Code)
						continue
					}
					if n, perr := ParseNumber(raw, DecimalPoint); perr == nil {
						if ind.Unit == "%" && pct {
							n *= 100
						}
						raw = strconv.FormatFloat(n, 'f', -1, 64)
						if numericKind(ind) {
							s.setNumber(ind, n, raw, c == colAppraised, loc)
							continue
						}
					}
				} else if typ == excelize.CellTypeBool {
					if raw == "1" || strings.EqualFold(raw, "true") {
						raw = "Có"
					} else {
						raw = "Không"
					}
				}
			}
			s.setCell(ind, raw, DecimalAuto, c == colAppraised, loc)
		}
		e := s.Entry(ind.Code)
		e.SetEvidence(SplitEvidence(at(r, colEvidence)))
		e.SetReason(Clean(at(r, colReason)))
		e.SetNote(Clean(at(r, colNote)))
	}
	return []*Submission{s}, nil
}

// formGrid reads columns A–J of the form sheet from a single parse of the
// worksheet (its size is bounded by checkZip): the rows up to the sheet's
// dimension, then on until 50 rows in a row are empty, so that a wrong
// dimension never hides a value.
func formGrid(f book, sheet, file string) ([][]string, Issues) {
	bad := func(err error) Issues {
		return fileIssue(file, "không đọc được trang biểu mẫu: "+err.Error(), "cannot read the form sheet: "+err.Error())
	}
	if err := f.load(sheet); err != nil { // parses the sheet once
		return nil, bad(err)
	}
	last := 0
	if dim := f.dimension(sheet); dim != "" {
		parts := strings.Split(dim, ":")
		if _, row, err := excelize.CellNameToCoordinates(parts[len(parts)-1]); err == nil {
			last = row
		}
	}
	var grid [][]string
	empty := 0
	// The dimension the file claims is a hint, never trusted beyond
	// MaxFormRows: rows are read until 50 blank ones follow the data.
	for r := 1; r <= min(last, MaxFormRows) || empty < 50; r++ {
		if r > MaxFormRows {
			return nil, Issues{{File: file, Sheet: sheet, VI: fmt.Sprintf("trang biểu mẫu có dữ liệu quá dòng %d; biểu mẫu thật chỉ có vài chục dòng", MaxFormRows), EN: fmt.Sprintf("the form sheet has data beyond row %d; a real form has a few dozen rows", MaxFormRows)}}
		}
		row := make([]string, colNote)
		blank := true
		for c := range row {
			v, err := f.cellValue(sheet, c+1, r)
			if err != nil {
				return nil, bad(err)
			}
			row[c] = v
			blank = blank && v == ""
		}
		grid = append(grid, row)
		if blank {
			empty++
		} else {
			empty = 0
		}
	}
	return grid, nil
}

// cellFormat reports whether a number cell is shown as a percentage or as
// a date or time, by its number format (cached per style).
func cellFormat(f book, sheet, ref string, cache map[int]uint8) (pct, date bool) {
	id := f.styleID(sheet, ref)
	if id == 0 {
		return false, false
	}
	k, ok := cache[id]
	if !ok {
		k = 0
		if numFmt, customFmt, ok := f.numFmt(id); ok {
			custom := ""
			if customFmt != nil {
				custom = strings.ToLower(*customFmt)
			}
			switch {
			case numFmt == 9 || numFmt == 10 || strings.Contains(custom, "%"):
				k = 1
			case numFmt >= 14 && numFmt <= 22, numFmt >= 27 && numFmt <= 36, numFmt >= 45 && numFmt <= 47, numFmt >= 50 && numFmt <= 58,
				strings.Contains(custom, "yy"), strings.Contains(custom, "dd"), strings.Contains(custom, "d/"), strings.Contains(custom, "h:mm"):
				k = 2
			}
		}
		cache[id] = k
	}
	return k == 1, k == 2
}

func readMeta(f *excelize.File) map[string]string {
	meta := map[string]string{}
	rows, err := f.GetRows(MetaSheet)
	if err != nil {
		return nil
	}
	for i, r := range rows {
		if i > 50 {
			break
		}
		if len(r) >= 2 {
			meta[Clean(r[0])] = Clean(r[1])
		}
	}
	return meta
}

// checkMeta compares the template's metadata with the framework.
func checkMeta(meta map[string]string, fw *indicators.Framework, hash, file string) Issues {
	if meta == nil {
		return Issues{{Severity: SevWarning, File: file, VI: "tệp không có trang siêu dữ liệu _meta nên không kiểm tra được phiên bản khung; hãy dùng biểu mẫu do lệnh dti template tạo", EN: "the file has no _meta sheet, so the framework version cannot be checked; use a form made by dti template"}}
	}
	sheetCell := func(row int) Issue { return Issue{File: file, Sheet: MetaSheet, Cell: cell(2, row)} }
	if id := meta["framework_id"]; id != fw.ID {
		is := sheetCell(1)
		is.VI = fmt.Sprintf("biểu mẫu được lập theo khung %q, đang chấm theo khung %q; hãy chấm theo khung %q hoặc điền lại trên biểu mẫu mới", id, fw.ID, id)
		is.EN = fmt.Sprintf("the form was made for framework %q, scoring uses %q; score it with framework %q or fill in a new form", id, fw.ID, id)
		is.MadeFor = id
		return Issues{is}
	}
	if v := meta["framework_version"]; v != fw.Version {
		is := sheetCell(2)
		is.VI = fmt.Sprintf("biểu mẫu được lập theo phiên bản %q của khung, phiên bản hiện hành là %q; hãy điền lại trên biểu mẫu mới", v, fw.Version)
		is.EN = fmt.Sprintf("the form was made for version %q of the framework, the current version is %q; fill in a new form", v, fw.Version)
		return Issues{is}
	}
	if h := meta["framework_hash"]; h != hash {
		is := sheetCell(3)
		is.VI = fmt.Sprintf("biểu mẫu được lập theo một bản khác của khung %s %s (mã băm %.12s…, hiện hành %.12s…); hãy điền lại trên biểu mẫu mới", fw.ID, fw.Version, h, hash)
		is.EN = fmt.Sprintf("the form was made from a different copy of framework %s %s (hash %.12s…, current %.12s…); fill in a new form", fw.ID, fw.Version, h, hash)
		return Issues{is}
	}
	return nil
}
