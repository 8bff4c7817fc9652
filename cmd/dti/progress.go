package main

import (
	"io"
	"os"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// progress shows one bar per stage on a terminal, and nothing (no bar, no
// control characters) when stderr is a file or a pipe.
type progress struct {
	p *mpb.Progress
}

func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{p: mpb.New(mpb.WithOutput(stderr), mpb.WithWidth(40))}
}

// stage adds a bar of total steps and returns the function that advances
// it. A nil progress shows nothing.
func (pr *progress) stage(name string, total int) func() {
	if pr == nil || pr.p == nil || total <= 0 {
		return func() {}
	}
	bar := pr.p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name(name, decor.WC{C: decor.DindentRight | decor.DextraSpace}), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(decor.Percentage()))
	return func() { bar.Increment() }
}

// wait lets the bars finish drawing; later calls do nothing.
func (pr *progress) wait() {
	if pr != nil && pr.p != nil {
		pr.p.Wait()
		pr.p = nil
	}
}
