package submission

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
)

// renameUnit rewrites the zip entries of a workbook, replacing the unit
// code placeholder (same length) so that every copy is a distinct unit.
func renameUnit(tb testing.TB, data []byte, from, to string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		body = bytes.ReplaceAll(body, []byte(from), []byte(to))
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		w.Write(body)
	}
	zw.Close()
	return out.Bytes()
}

// BenchmarkIngest reads and validates 3,321 filled workbooks, the number of
// communes in Viet Nam after the 2025 reorganisation (#13: the whole
// `dti validate` of them under 6 s).
func BenchmarkIngest(b *testing.B) {
	fw := mustLoad(b, "ward-unified-2025")
	base := filledForm(b, fw, "XA00000", "Xã Thử Nghiệm", nil)
	const n = 3321
	srcs := make([]Source, n)
	for i := range srcs {
		data := renameUnit(b, base, "XA00000", fmt.Sprintf("XA%05d", i))
		srcs[i] = Source{Name: fmt.Sprintf("xa-%05d.xlsx", i), Size: int64(len(data)), Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	}
	b.ReportAllocs()
	for b.Loop() {
		bt := Ingest(srcs, fw, nil)
		if len(bt.Submissions) != n {
			b.Fatalf("%d accepted, %d rejected: %v", len(bt.Submissions), len(bt.Rejected), bt.Rejected[0].Errors)
		}
	}
}

// BenchmarkReadXLSX reads one filled form through the fast path and
// through excelize (the fallback), the gain fastBook's comment states.
func BenchmarkReadXLSX(b *testing.B) {
	fw := mustLoad(b, "ward-unified-2025")
	data := filledForm(b, fw, "XA00000", "Xã Thử Nghiệm", nil)
	hash := indicators.Hash(fw) // once per batch, as Ingest does
	for _, c := range []struct {
		name  string
		force bool
	}{{"fast", false}, {"excelize", true}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := readXLSXVia(data, "f.xlsx", fw, hash, !c.force); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
