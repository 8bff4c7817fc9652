package par

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestDoCoversEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 1000, 10007} {
		seen := make([]int32, n)
		if err := Do(n, func(lo, hi int) error {
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&seen[i], 1)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, c)
			}
		}
	}
}

func TestDoReturnsTheLowestChunksError(t *testing.T) {
	// Every chunk fails; the error of the chunk holding index 0 wins.
	err := Do(10000, func(lo, hi int) error { return fmt.Errorf("chunk %d", lo) })
	if err == nil || err.Error() != "chunk 0" {
		t.Fatalf("Do error = %v, want chunk 0", err)
	}
	if err := Do(10, func(lo, hi int) error { return errors.New("small") }); err == nil {
		t.Fatal("no error from a small run")
	}
}

func TestEach(t *testing.T) {
	var sum atomic.Int64
	Each(100, func(i int) { sum.Add(int64(i)) })
	if got := sum.Load(); got != 4950 { // 0 + 1 + … + 99
		t.Fatalf("sum = %d, want 4950", got)
	}
	Each(0, func(int) { t.Fatal("called for n = 0") })
}

func TestPartsCoverEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 1000, 10007} {
		p := Chunks(n)
		if n < 256 && p != 1 {
			t.Errorf("Chunks(%d) = %d, want 1", n, p)
		}
		seen := make([]int32, n)
		owner := make([]int, n)
		Parts(n, p, func(c, lo, hi int) {
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&seen[i], 1)
				owner[i] = c
			}
		})
		for i, k := range seen {
			if k != 1 {
				t.Fatalf("n=%d: index %d ran %d times", n, i, k)
			}
			if c := owner[i]; i < c*n/p || i >= (c+1)*n/p {
				t.Fatalf("n=%d: index %d in chunk %d of %d", n, i, owner[i], p)
			}
		}
	}
}
