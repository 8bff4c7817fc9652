package reports

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// TestWriteChunks: the chunks arrive in order on one core and on four,
// for every count around the window, and an encoder's error stops the
// writing with that error (no worker left behind: the test would hang).
func TestWriteChunks(t *testing.T) {
	enc := func(b []byte, lo, hi int) ([]byte, error) {
		for i := lo; i < hi; i++ {
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, ',')
		}
		return b, nil
	}
	for _, procs := range []int{1, 2, 4} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for _, n := range []int{0, 1, 3, 7, 8, 9, 31, 100, 1000} {
				var want, got bytes.Buffer
				for i := 0; i < n; i++ {
					want.WriteString(strconv.Itoa(i) + ",")
				}
				if err := writeChunks(&got, n, 3, enc); err != nil || got.String() != want.String() {
					t.Fatalf("procs %d, n %d: %q %v, want %q", procs, n, got.String(), err, want.String())
				}
			}
			bad := errors.New("bad chunk")
			var got bytes.Buffer
			err := writeChunks(&got, 1000, 3, func(b []byte, lo, hi int) ([]byte, error) {
				if lo >= 300 {
					return b, bad
				}
				return enc(b, lo, hi)
			})
			if !errors.Is(err, bad) || bytes.Contains(got.Bytes(), []byte(",300,")) {
				t.Fatalf("procs %d: error %v, wrote past it: %v", procs, err, bytes.Contains(got.Bytes(), []byte(",300,")))
			}
		}()
	}
}

// BenchmarkWriteChunks: 160 chunks of 700 kB (results.json of the #13
// harness CSV is 157 chunks of 64 units) encoded by formatting floats and
// written to a file.
func BenchmarkWriteChunks(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "out"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	enc := func(buf []byte, lo, hi int) ([]byte, error) {
		for i := lo * 40000; i < hi*40000; i++ {
			buf = strconv.AppendFloat(buf, float64(i)/7, 'g', -1, 64)
		}
		return buf, nil
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Seek(0, 0); err != nil {
			b.Fatal(err)
		}
		if err := writeChunks(f, 160, 1, enc); err != nil {
			b.Fatal(err)
		}
	}
}
