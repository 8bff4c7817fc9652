package submission

import (
	"archive/zip"
	"bytes"

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

// checkZip looks at the zip directory before the workbook is opened: a
// total unpacked size over MaxUnzipSize (a zip bomb) or a worksheet over
// MaxSheetXML (a sheet with a million rows) is refused at once.
func checkZip(data []byte, file string) Issues {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileIssue(file, "không đọc được bảng tính (tệp hỏng hoặc không phải .xlsx): "+err.Error(), "cannot read the workbook (corrupt or not .xlsx): "+err.Error())
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxUnzipSize {
			return fileIssue(file, fmt.Sprintf("bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại)", MaxUnzipSize>>20), fmt.Sprintf("the workbook unpacks to more than %d MB (possibly a hostile file)", MaxUnzipSize>>20))
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") && f.UncompressedSize64 > MaxSheetXML {
			return fileIssue(file, fmt.Sprintf("một trang tính giải nén ra %d MB; biểu mẫu thật chỉ có vài chục dòng (tối đa %d dòng)", f.UncompressedSize64>>20, MaxFormRows),
				fmt.Sprintf("a worksheet unpacks to %d MB; a real form has a few dozen rows (at most %d)", f.UncompressedSize64>>20, MaxFormRows))
		}
	}
	return nil
}

func readXLSX(data []byte, file string, fw *indicators.Framework, hash string) (subs []*Submission, err error) {
	if len(data) == 0 {
		return nil, fileIssue(file, "tệp rỗng", "the file is empty")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, fileIssue(file, "tệp không phải bảng tính .xlsx (không phải tệp zip); hãy lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx", "the file is not an .xlsx workbook (not a zip file); save it again as .xlsx")
	}
	defer func() {
		if r := recover(); r != nil { // excelize on hostile input: never crash the batch
			subs, err = nil, fileIssue(file, fmt.Sprintf("không đọc được bảng tính (tệp hỏng): %v", r), fmt.Sprintf("cannot read the workbook (corrupt file): %v", r))
		}
	}()
	if iss := checkZip(data, file); iss != nil {
		return nil, iss
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fileIssue(file, fmt.Sprintf("bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại)", MaxUnzipSize>>20), fmt.Sprintf("the workbook unpacks to more than %d MB (possibly a hostile file)", MaxUnzipSize>>20))
		}
		return nil, fileIssue(file, "không đọc được bảng tính (tệp hỏng hoặc không phải .xlsx): "+err.Error(), "cannot read the workbook (corrupt or not .xlsx): "+err.Error())
	}
	defer f.Close()
	sheet := ""
	for _, s := range f.GetSheetList() {
		if s == formSheet["vi"] || s == formSheet["en"] {
			sheet = s
			break
		}
	}
	if sheet == "" {
		return nil, fileIssue(file, fmt.Sprintf("không tìm thấy trang %q (các trang có trong tệp: %s); không đổi tên trang của biểu mẫu", formSheet["vi"], strings.Join(f.GetSheetList(), ", ")),
			fmt.Sprintf("no sheet %q or %q (the file has: %s); do not rename the form's sheets", formSheet["vi"], formSheet["en"], strings.Join(f.GetSheetList(), ", ")))
	}
	s := New(file, len(fw.Indicators))
	meta := readMeta(f)
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
		if typ, _ := f.GetCellType(sheet, cell(c, r)); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
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
	styleCache := map[int]bool{}
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
		if e := s.Lookup(ind.Code); e != nil && e.SelfAt.Cell != "" {
			s.Issues = append(s.Issues, Issue{File: file, Sheet: sheet, Cell: cell(colCode, r), Unit: s.Unit, Indicator: code, VI: "chỉ tiêu xuất hiện hai lần trong biểu mẫu", EN: "the indicator appears twice in the form"})
			continue
		}
		for _, c := range []int{colSelf, colAppraised} {
			raw := at(r, c)
			ref := cell(c, r)
			if raw != "" && !IsNA(raw) {
				if typ, _ := f.GetCellType(sheet, ref); typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					if n, perr := strconv.ParseFloat(raw, 64); perr == nil {
						if ind.Unit == "%" && isPercentCell(f, sheet, ref, styleCache) {
							n *= 100
						}
						raw = strconv.FormatFloat(n, 'f', -1, 64)
						if numericKind(ind) {
							s.setNumber(ind, n, raw, c == colAppraised, Location{Sheet: sheet, Cell: ref})
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
			s.setCell(ind, raw, DecimalAuto, c == colAppraised, Location{Sheet: sheet, Cell: ref})
		}
		e := s.Entry(ind.Code)
		e.Evidence = SplitEvidence(at(r, colEvidence))
		e.Reason = Clean(at(r, colReason))
		e.Note = Clean(at(r, colNote))
	}
	return []*Submission{s}, nil
}

// formGrid reads columns A–J of the form sheet from a single parse of the
// worksheet (its size is bounded by checkZip): the rows up to the sheet's
// dimension, then on until 50 rows in a row are empty, so that a wrong
// dimension never hides a value.
func formGrid(f *excelize.File, sheet, file string) ([][]string, Issues) {
	bad := func(err error) Issues {
		return fileIssue(file, "không đọc được trang biểu mẫu: "+err.Error(), "cannot read the form sheet: "+err.Error())
	}
	if _, err := f.GetCellType(sheet, "A1"); err != nil { // parses the sheet once
		return nil, bad(err)
	}
	last := 0
	if dim, _ := f.GetSheetDimension(sheet); dim != "" {
		parts := strings.Split(dim, ":")
		if _, row, err := excelize.CellNameToCoordinates(parts[len(parts)-1]); err == nil {
			last = row
		}
	}
	var grid [][]string
	empty := 0
	for r := 1; r <= last || empty < 50; r++ {
		if r > MaxFormRows {
			return nil, Issues{{File: file, Sheet: sheet, VI: fmt.Sprintf("trang biểu mẫu có hơn %d dòng; biểu mẫu thật chỉ có vài chục dòng", MaxFormRows), EN: fmt.Sprintf("the form sheet has more than %d rows; a real form has a few dozen", MaxFormRows)}}
		}
		row := make([]string, colNote)
		blank := true
		for c := range row {
			v, err := f.GetCellValue(sheet, cell(c+1, r), excelize.Options{RawCellValue: true})
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

func isPercentCell(f *excelize.File, sheet, ref string, cache map[int]bool) bool {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil || id == 0 {
		return false
	}
	if v, ok := cache[id]; ok {
		return v
	}
	st, err := f.GetStyle(id)
	pct := err == nil && st != nil && (st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")))
	cache[id] = pct
	return pct
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
		is.VI = fmt.Sprintf("biểu mẫu được lập theo khung %q, đang chấm theo khung %q; hãy điền lại trên biểu mẫu mới", id, fw.ID)
		is.EN = fmt.Sprintf("the form was made for framework %q, scoring uses %q; fill in a new form", id, fw.ID)
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
