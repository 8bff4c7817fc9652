// Package xl writes excelize workbooks and keeps the first error, so that
// writers can set many cells and check once.
package xl

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/cqs-vn/dtikit/internal/safetext"
	"github.com/xuri/excelize/v2"
)

// Writer wraps a workbook; Err holds the first error of any call.
type Writer struct {
	F   *excelize.File
	Err error
	// Footer, when set, is the page footer PrintSetup gives every sheet,
	// e.g. "&CTrang &P/&N" (page numbers, centred).
	Footer string
}

// Do records err if it is the first.
func (w *Writer) Do(err error) {
	if w.Err == nil && err != nil {
		w.Err = err
	}
}

// Cell returns the A1 name of a 1-based column and row.
func Cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// Col returns the letters of a 1-based column.
func Col(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

// Set writes v (a string as text, never a formula; a float64 as a number,
// NaN as an empty cell; nil as nothing) and applies style when not 0.
func (w *Writer) Set(sheet string, col, row int, v any, style int) {
	ref := Cell(col, row)
	switch t := v.(type) {
	case string:
		w.Do(w.F.SetCellStr(sheet, ref, Text(t)))
	case float64:
		if !math.IsNaN(t) {
			w.Do(w.F.SetCellFloat(sheet, ref, t, -1, 64))
		}
	case nil:
	default:
		w.Do(w.F.SetCellValue(sheet, ref, t))
	}
	if style != 0 {
		w.Do(w.F.SetCellStyle(sheet, ref, ref, style))
	}
}

// Style applies style to the rectangle (c1, r1)–(c2, r2).
func (w *Writer) Style(sheet string, c1, r1, c2, r2, style int) {
	w.Do(w.F.SetCellStyle(sheet, Cell(c1, r1), Cell(c2, r2), style))
}

// Merge merges the rectangle (c1, r1)–(c2, r2).
func (w *Writer) Merge(sheet string, c1, r1, c2, r2 int) {
	w.Do(w.F.MergeCell(sheet, Cell(c1, r1), Cell(c2, r2)))
}

// Width sets the width of columns c1..c2.
func (w *Writer) Width(sheet string, c1, c2 int, width float64) {
	w.Do(w.F.SetColWidth(sheet, Col(c1), Col(c2), width))
}

// Style returns a new style id, recording an error.
func (w *Writer) NewStyle(st *excelize.Style) int {
	id, err := w.F.NewStyle(st)
	w.Do(err)
	return id
}

// Lines estimates how many lines s takes when wrapped in a column width
// wide (in Excel's character units). Spreadsheet programs neither grow a
// row for wrapped text written by a program nor agree on font metrics,
// so the estimate is generous: a unit of width holds 0.85 characters.
func Lines(s string, width float64) int {
	per := max(int(width*0.85), 1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		line := 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case line == 0:
			case line+1+l <= per:
				line++ // the space before the word
			default:
				n++
				line = 0
			}
			line += l
			for line > per { // a word longer than the column breaks
				n++
				line -= per
			}
		}
	}
	return n
}

// FitRow sets row's height to hold the tallest of texts, each wrapped in
// its column's width (texts[i] in a column widths[i] wide), at 15 points
// a line; a row of one line keeps the default height.
func (w *Writer) FitRow(sheet string, row int, texts []string, widths []float64) {
	n := 1
	for i, t := range texts {
		if i < len(widths) && t != "" {
			n = max(n, Lines(t, widths[i]))
		}
	}
	if n > 1 {
		w.Do(w.F.SetRowHeight(sheet, row, RowHeight(n)))
	}
}

// RowHeight is the height in points of a row of n lines.
func RowHeight(n int) float64 { return math.Min(15*float64(n)+3, 409) }

// PrintSetup sets A4 (landscape when asked), fitted to the page width,
// with rows first..last repeated on every printed page.
func (w *Writer) PrintSetup(sheet string, landscape bool, first, last int) {
	size, one, zero := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	w.Do(w.F.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	fit := true
	w.Do(w.F.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	w.Do(w.F.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, first, last), Scope: sheet}))
	if w.Footer != "" {
		w.Do(w.F.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: w.Footer}))
	}
}

// Text makes s safe for a cell: no control or bidirectional formatting
// characters (line breaks stay), at most the 32,767 characters a cell
// holds.
func Text(s string) string {
	return safetext.Cut(safetext.Printable(s, true), 32767)
}
