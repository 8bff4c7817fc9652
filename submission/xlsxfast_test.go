package submission

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/google/go-cmp/cmp"
)

// dumpRead renders what a reader returned, every field a caller can see,
// so that two readings can be compared as text.
func dumpRead(subs []*Submission, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	for _, s := range subs {
		fmt.Fprintf(&b, "unit %q name %q period %q file %q at %+v\n", s.Unit, s.Name, s.Period, s.File, s.At)
		for _, is := range s.Issues {
			fmt.Fprintf(&b, "  issue %+v\n", is)
		}
		var attrs []string
		for a, v := range s.Attributes {
			attrs = append(attrs, fmt.Sprintf("%s=%v@%+v", a, v, s.AttributesAt[a]))
		}
		sort.Strings(attrs)
		fmt.Fprintf(&b, "  attributes %v\n", attrs)
		for code, e := range s.All() {
			fmt.Fprintf(&b, "  %s na=%v self=%+v@%+v appraised=%+v@%+v evidence=%q reason=%q note=%q\n",
				code, e.NA(), e.Self(), e.SelfAt(), e.Appraised(), e.AppraisedAt(), e.Evidence(), e.Reason(), e.Note())
		}
	}
	return b.String()
}

// readBoth reads data through the fast path and through excelize; fast
// reports whether the fast path answered on its own.
func readBoth(data []byte, fw *indicators.Framework) (quick, slow string, fast bool) {
	hash := indicators.Hash(fw)
	subs, _, err := readXLSXVia(data, "f.xlsx", fw, hash, false)
	slow = dumpRead(subs, err)
	subs, fast, err = readXLSXVia(data, "f.xlsx", fw, hash, true)
	quick = dumpRead(subs, err)
	return quick, slow, fast
}

// TestMain makes every test of the package that reads a workbook a test
// of the fast path too: whatever it reads is read again through excelize,
// and any difference fails the run.
// Benchmarks run without it: they time the reading alone.
func TestMain(m *testing.M) {
	flag.Parse()
	var mu sync.Mutex
	var differ []string
	if b := flag.Lookup("test.bench"); b == nil || b.Value.String() == "" {
		checkFast = crossCheck(&mu, &differ)
	}
	code := m.Run()
	if len(differ) > 0 {
		fmt.Fprintf(os.Stderr, "%d workbooks read differently on the fast path; the first:\n%s\n", len(differ), differ[0])
		code = 1
	}
	os.Exit(code)
}

// crossCheck reads a workbook the fast path read again through excelize
// and records any difference.
func crossCheck(mu *sync.Mutex, differ *[]string) func([]byte, string, *indicators.Framework, string, []*Submission, error) {
	return func(data []byte, file string, fw *indicators.Framework, hash string, subs []*Submission, err error) {
		slow, _, serr := readXLSXVia(data, file, fw, hash, false)
		if a, b := dumpRead(subs, err), dumpRead(slow, serr); a != b && !strings.HasPrefix(b, "error: "+file+": lỗi: không đọc được") {
			mu.Lock()
			*differ = append(*differ, fmt.Sprintf("%s: the fast path read (-excelize +fast):\n%s", file, cmp.Diff(b, a)))
			mu.Unlock()
		}
	}
}

// TestFastBookAgrees: every workbook in the repository (the sample forms,
// the bad files, a form LibreOffice saved) reads the same through the
// fast path as through excelize, and the forms dti and LibreOffice write
// take the fast path.
func TestFastBookAgrees(t *testing.T) {
	var files []string
	for _, dir := range []string{"../testdata", "../internal/sample/testdata"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".xlsx") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("only %d workbooks found", len(files))
	}
	fws := map[string]*indicators.Framework{}
	for _, n := range []string{"ward-unified-2025", "ward-unified-2026", "dti-province-2022"} {
		fws[n] = mustLoad(t, n)
	}
	took := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for n, fw := range fws {
			quick, slow, fast := readBoth(data, fw)
			if d := cmp.Diff(slow, quick); d != "" {
				t.Errorf("%s under %s: fast path differs (-excelize +fast):\n%s", p, n, d)
			}
			if fast {
				took++
			}
		}
		if strings.Contains(p, "/sample/") {
			if _, _, fast := readBoth(data, fws["ward-unified-2025"]); !fast {
				t.Errorf("%s: a form dti wrote did not take the fast path", p)
			}
		}
	}
	t.Logf("%d workbooks × %d frameworks, %d read on the fast path", len(files), len(fws), took)
}

// ReadBoth is readBoth for the tests outside the package.
var ReadBoth = readBoth

// FuzzFastSheet mutates the form sheet's XML of a sample form (and the
// shared strings and styles, through the same bytes) and checks that the
// fast path reads what excelize reads, or steps aside.
func FuzzFastSheet(f *testing.F) {
	fw := mustLoad(f, "ward-unified-2026") // the one the sample form names
	data, err := os.ReadFile("../internal/sample/testdata/sample/2025/TDM.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	uz, _ := checkZip(data, "f")
	fb := openFast(uz)
	sheet, _ := fb.part("xl/worksheets/sheet1.xml")
	sst, _ := fb.part("xl/sharedStrings.xml")
	styles, _ := fb.part("xl/styles.xml")
	f.Add(sheet, uint8(0))
	f.Add(sst, uint8(1))
	f.Add(styles, uint8(2))
	// LibreOffice's spelling of rows and formulas, merges over a value.
	f.Add(bytes.ReplaceAll(bytes.ReplaceAll(sheet, []byte(`<row r="9">`), []byte(`<row r="9" s="0" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false" customFormat="false">`)), []byte("<f>"), []byte(`<f aca="false">`)), uint8(0))
	f.Add(bytes.Replace(sheet, []byte("<mergeCells"), []byte(`<mergeCells><mergeCell ref="F9:F10"/></mergeCells><x`), 1), uint8(0))
	f.Add(bytes.Replace(sheet, []byte(`<c r="F9"`), []byte(`<c r="F9" t="inlineStr"><is><t>12</t></is></c><c r="F99"`), 1), uint8(0))
	parts := []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"}
	f.Fuzz(func(t *testing.T, part []byte, which uint8) {
		name := parts[int(which)%len(parts)]
		wb := rezip(t, data, func(n string, b []byte) []byte {
			if n == name {
				return part
			}
			return b
		}, nil)
		quick, slow, _ := readBoth(wb, fw)
		if strings.HasPrefix(slow, "error: f.xlsx: lỗi: không đọc được") {
			return // see FuzzReadXLSX
		}
		if quick != slow {
			t.Fatalf("fast path differs (-excelize +fast):\n%s", cmp.Diff(slow, quick))
		}
	})
}

// TestXMLScanRefuses: what the scanner does not read as encoding/xml
// does stops it; the rest reads through.
func TestXMLScanRefuses(t *testing.T) {
	for _, c := range []struct {
		xml string
		ok  bool
	}{
		{`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<a x="1"><b>t &amp; &#233;</b><!-- c --><c/></a>`, true},
		{`<a><b>x</b></a>`, true},
		{`<a><![CDATA[x]]></a>`, false},
		{`<!DOCTYPE a><a/>`, false},
		{`<!ENTITY e "x"><a/>`, false},
		{"<a>x\r\ny</a>", true}, // read as "x\ny", as encoding/xml does
		{"<a b=\"x\ry\"/>", false},
		{"<a>x\x01y</a>", false},
		{"<a>" + strings.Repeat("x", 13) + "\x1f</a>", false}, // found by the eight-byte test
		{"<a>x\ty\nz</a>", true},
		{`<a><b></a></b>`, false},
		{`<a>&nbsp;</a>`, false},
		{`<a x="1" x="2"/>`, false},
		{`<a x=1/>`, false},
		{`<a><b>`, false},
		{`<?xml version="1.0" encoding="UTF-16"?><a/>`, false},
		{`<?xml version="1.0! encoding="UTF-8"?><a/>`, false}, // found by FuzzFastSheet: encoding/xml refuses the version
		{`<?xml version="1.1"?><a/>`, false},
		{`<?xml version='1.0' encoding='utf-8' standalone='yes'?>` + "\n<a/>", true},
		{`<a><?pi x?></a>`, false},
		{"<a>\xff</a>", false},
	} {
		s := newXMLScan([]byte(c.xml))
		var tok xmlTok
		for s.next(&tok); tok.kind != tokEOF; s.next(&tok) {
		}
		if got := !s.bad; got != c.ok {
			t.Errorf("%q: read through %v, want %v", c.xml, got, c.ok)
		}
	}
}

// TestHasControl compares the eight-byte test with a plain loop.
func TestHasControl(t *testing.T) {
	plain := func(b []byte) bool {
		for _, c := range b {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return true
			}
		}
		return false
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("ab<>\"\t\n\r\x00\x1f\x7f\x80\xc3\xa9 ")
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			if rng.IntN(8) == 0 {
				b[j] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[j] = 'a' + byte(rng.IntN(26))
			}
		}
		if hasControl(b) != plain(b) {
			t.Fatalf("hasControl(%q) = %v", b, hasControl(b))
		}
	}
}

// TestFastBookExcelLineEnds: Excel ends each part's declaration with CR
// LF, and a cell's text may hold one: the fast path reads such a form,
// as excelize does.
func TestFastBookExcelLineEnds(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2026")
	data, err := os.ReadFile("../internal/sample/testdata/sample/2025/TDM.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	crlf := rezip(t, data, func(n string, b []byte) []byte {
		b = bytes.Replace(b, []byte("?>\n"), []byte("?>\r\n"), 1)
		if n == "xl/sharedStrings.xml" {
			b = bytes.Replace(b, []byte("Biên bản kiểm tra Bộ phận Một cửa"), []byte("Biên bản kiểm tra Bộ phận Một cửa\r\nngày 2/1"), 1)
		}
		return b
	}, nil)
	quick, slow, fast := readBoth(crlf, fw)
	if quick != slow {
		t.Fatalf("fast path differs (-excelize +fast):\n%s", cmp.Diff(slow, quick))
	}
	if !fast {
		t.Errorf("a form with Excel's line ends did not take the fast path")
	}
	if !strings.Contains(slow, "ngày 2/1") {
		t.Errorf("the edited evidence was not read:\n%.3000s", slow)
	}
}
