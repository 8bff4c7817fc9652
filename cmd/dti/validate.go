package main

import "fmt"

func (a *app) validate(args []string) error {
	fs := a.newFlags("validate", a.lang.Pick("dti validate [-f KHUNG] PATH…", "dti validate [-f FRAMEWORK] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	in.checkOnly = true // nothing is scored: each submission's values go once checked
	_, b, err := a.load(&in, paths, nil)
	if err != nil {
		return err
	}
	nerr := 0
	for _, r := range b.Rejected {
		for _, e := range r.Errors {
			fmt.Fprintln(a.stdout, e.Message(a.lang))
			nerr++
		}
	}
	warns := b.Warnings()
	for _, w := range warns {
		fmt.Fprintln(a.stdout, w.Message(a.lang))
	}
	fmt.Fprintf(a.stdout, a.lang.Pick("%d tệp, %d bài nộp hợp lệ, %d bị loại; %d lỗi, %d cảnh báo.\n", "%d files, %d valid submissions, %d rejected; %d errors, %d warnings.\n"),
		len(b.Inputs), len(b.Submissions), len(b.Rejected), nerr, len(warns))
	if nerr > 0 {
		return exitCode(1)
	}
	return nil
}
