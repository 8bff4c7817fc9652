package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestEarlyWriteback: what goes through the writer is the file, byte for
// byte, whatever the sizes of the writes.
func TestEarlyWriteback(t *testing.T) {
	var want bytes.Buffer
	path := filepath.Join(t.TempDir(), "f")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	err = writeSynced(f, func(w io.Writer) error {
		for i := range 300 {
			p := bytes.Repeat([]byte{byte(i)}, (i*7919)%(1<<17)+1)
			want.Write(p)
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("file of %d bytes, written %d", len(got), want.Len())
	}
}

// BenchmarkWriteSynced: 64 MiB written in 64 KiB pieces and made
// durable, with the kernel asked to start writing every 8 MiB (early) and
// left to do it all at the Sync (plain). Where the temporary folder is
// in memory (tmpfs) both only copy.
func BenchmarkWriteSynced(b *testing.B) {
	piece := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	for _, c := range []struct {
		name string
		wrap func(*os.File) io.Writer
	}{
		{"plain", func(f *os.File) io.Writer { return f }},
		{"early", func(f *os.File) io.Writer { return earlyWriteback(f) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			b.SetBytes(1024 * int64(len(piece)))
			for b.Loop() {
				f, err := os.Create(filepath.Join(dir, "f"))
				if err != nil {
					b.Fatal(err)
				}
				w := c.wrap(f)
				for range 1024 {
					if _, err := w.Write(piece); err != nil {
						b.Fatal(err)
					}
				}
				if err := f.Sync(); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
	}
}
