package reports

import (
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/cqs-vn/dtikit/internal/safetext"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The PDF's text: every string that reaches a page passes through
// pdfText, through the doc methods below that shadow fpdf's.
//
// fpdf panics on a rune outside the Basic Multilingual Plane (an emoji, a
// Hán-Nôm character from Unicode's extension B): it sizes its width table
// at 65,536 entries and generateCIDFontMap indexes past it. Known
// upstream: github.com/go-pdf/fpdf issue #40 "emojis causing panic error"
// (open since 2023-05-09), and jung-kurt/gofpdf#255 before it; so every
// rune the embedded fonts cannot draw is replaced by a visible □ here, and
// results.json keeps the original text.

// maxPDFText bounds the runes of one piece of text in a layout; longer
// text ends with "…" (results.json keeps it whole).
const maxPDFText = 600

// missingGlyph stands for a rune the fonts cannot draw.
const missingGlyph = '□'

var fontRunes = sync.OnceValue(func() func(rune) bool {
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationsansregular.TTF, liberationsansbold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("reports: embedded font: " + err.Error()) // the module's own data
		}
		fonts = append(fonts, f)
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	known := map[rune]bool{}
	return func(r rune) bool {
		if r < 0x80 {
			return r >= 0x20 || r == '\t' || r == '\n'
		}
		if r > 0xffff {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		ok, seen := known[r]
		if !seen {
			ok = true
			for _, f := range fonts {
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					ok = false
					break
				}
			}
			known[r] = ok
		}
		return ok
	}
})

// pdfText makes s drawable by the embedded fonts: NFC, no control or
// bidirectional formatting characters, a □ for each rune the fonts lack,
// at most maxPDFText runes.
func pdfText(s string) string {
	s = safetext.Printable(norm.NFC.String(s), true)
	return safetext.Replace(safetext.Cut(s, maxPDFText), fontRunes(), missingGlyph)
}

// CellFormat is fpdf's, on safe text.
func (d *doc) CellFormat(w, h float64, s, border string, ln int, align string, fill bool, link int, linkStr string) {
	d.Fpdf.CellFormat(w, h, pdfText(s), border, ln, align, fill, link, linkStr)
}

// MultiCell is fpdf's, on safe text.
func (d *doc) MultiCell(w, h float64, s, border, align string, fill bool) {
	d.Fpdf.MultiCell(w, h, pdfText(s), border, align, fill)
}

// GetStringWidth is fpdf's, on the text as it will be drawn.
func (d *doc) GetStringWidth(s string) float64 { return d.Fpdf.GetStringWidth(pdfText(s)) }

// SplitText is fpdf's, on safe text.
func (d *doc) SplitText(s string, w float64) []string { return d.Fpdf.SplitText(pdfText(s), w) }

// Bookmark is fpdf's, on safe text.
func (d *doc) Bookmark(s string, level int, y float64) { d.Fpdf.Bookmark(pdfText(s), level, y) }
