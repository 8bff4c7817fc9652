// Package par runs work over index ranges on every processor.
package par

import (
	"runtime"
	"sync"
)

// Do runs work over [0, n) in contiguous chunks, one per processor, and
// returns the error of the lowest chunk that failed, so that the result
// does not depend on timing. Small n runs on the calling goroutine.
func Do(n int, work func(lo, hi int) error) error {
	p := runtime.GOMAXPROCS(0)
	if n < 256 || p == 1 {
		return work(0, n)
	}
	errs := make([]error, p)
	var wg sync.WaitGroup
	for c := 0; c < p; c++ {
		lo, hi := c*n/p, (c+1)*n/p
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[c] = work(lo, hi)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Each runs work(i) for every i in [0, n) on up to GOMAXPROCS goroutines.
func Each(n int, work func(i int)) {
	p := min(runtime.GOMAXPROCS(0), n)
	if p <= 1 {
		for i := 0; i < n; i++ {
			work(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for c := 0; c < p; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Chunks returns the number of chunks to split n items into: one when n
// is small or there is one processor, else one per processor.
func Chunks(n int) int {
	if n < 256 {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// Parts runs work over [0, n) in p contiguous chunks at once, chunk c
// being [c·n/p, (c+1)·n/p), so that each chunk can keep partial results
// of its own in slot c.
func Parts(n, p int, work func(c, lo, hi int)) {
	var wg sync.WaitGroup
	for c := 1; c < p; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(c, c*n/p, (c+1)*n/p)
		}()
	}
	work(0, 0, n/p)
	wg.Wait()
}
