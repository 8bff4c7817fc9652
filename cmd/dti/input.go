package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

// inputFlags are the flags shared by score, explain and validate.
type inputFlags struct {
	framework string
	sample    bool
	year      string
	decimal   submission.Decimal
	output    string // the output folder, never read as input
	checkOnly bool   // validate: the values are checked, not kept
}

func (a *app) addInputFlags(fs *flag.FlagSet, in *inputFlags) {
	help := a.lang.Pick("khung tiêu chí: tên khung nhúng sẵn hoặc tệp TOML (mặc định "+indicators.Default+"; với --sample: khung của năm mẫu)",
		"criteria framework: an embedded name or a TOML file (default "+indicators.Default+"; with --sample: the sample year's framework)")
	fs.StringVar(&in.framework, "f", "", help)
	fs.StringVar(&in.framework, "framework", "", help)
	fs.BoolVar(&in.sample, "sample", false, a.lang.Pick("dùng dữ liệu mẫu nhúng sẵn (Thủ Dầu Một: 5 phường sau sắp xếp năm 2025; 14 phường năm 2023, 2024)", "use the embedded sample (Thủ Dầu Một: the 5 merged wards in 2025; the 14 former wards in 2023 and 2024)"))
	fs.StringVar(&in.year, "sample-year", sample.Years[0], a.lang.Pick("năm của dữ liệu mẫu: ", "year of the sample: ")+strings.Join(sample.Years, ", "))
	fs.Func("decimal", a.lang.Pick("dấu thập phân của tệp CSV: point (dấu chấm) hoặc comma (dấu phẩy); mặc định theo dấu phân cách (, → point, ; → comma)", "decimal mark of CSV files: point or comma; by default from the separator (, → point, ; → comma)"), func(s string) error {
		d, err := submission.ParseDecimal(s)
		in.decimal = d
		return err
	})
}

// frameworkName is the framework the flags name: -f, else the sample
// year's framework with --sample, else the default.
func (in *inputFlags) frameworkName() string {
	switch {
	case in.framework != "":
		return in.framework
	case in.sample:
		return sample.Framework(in.year)
	}
	return indicators.Default
}

// framework loads the framework named by the flags, printing its problems.
func (a *app) frameworkFor(in *inputFlags) (*indicators.Framework, error) {
	fw, err := loadFramework(in.frameworkName())
	if err != nil {
		a.printFrameworkError(err)
		return nil, exitCode(1)
	}
	return fw, nil
}

// madeForAll returns the framework every rejected submission was refused
// for being made for, when it is one and the same; "" otherwise.
func madeForAll(rs []submission.Rejected) string {
	id := ""
	for _, r := range rs {
		found := ""
		for _, e := range r.Errors {
			if e.MadeFor != "" {
				found = e.MadeFor
			}
		}
		if found == "" || id != "" && found != id {
			return ""
		}
		id = found
	}
	return id
}

// load reads the framework and the submissions; pr, when not nil, shows
// the reading's progress.
func (a *app) load(in *inputFlags, paths []string, pr *progress) (*indicators.Framework, *submission.Batch, error) {
	fw, err := a.frameworkFor(in)
	if err != nil {
		return nil, nil, err
	}
	var srcs []submission.Source
	var skipped []submission.Skip
	var rejected []submission.Rejected
	switch {
	case in.sample:
		if len(paths) > 0 {
			a.errorf(a.lang.Pick("--sample không dùng cùng đường dẫn", "--sample takes no paths"))
			return nil, nil, errUsage
		}
		root, ok := sample.Root(in.year)
		if !ok {
			return nil, nil, fmt.Errorf(a.lang.Pick("không có dữ liệu mẫu năm %s (có: %s)", "no sample for year %s (have: %s)"), in.year, strings.Join(sample.Years, ", "))
		}
		srcs, skipped, err = submission.FSSources(sample.FS, root, "")
	case len(paths) == 0:
		a.errorf(a.lang.Pick("cần ít nhất một tệp hoặc thư mục bài nộp (hoặc --sample)", "need at least one submission file or folder (or --sample)"))
		return nil, nil, errUsage
	default:
		var c *collector
		if c, err = collect(paths, in.output); err == nil {
			srcs, skipped, rejected = c.srcs, c.skipped, c.rejected
		}
	}
	if err != nil {
		return nil, nil, err
	}
	step := pr.stage(a.lang.Pick("Đọc bài nộp", "Reading"), len(srcs))
	b := submission.Ingest(srcs, fw, &submission.Options{Decimal: in.decimal, Progress: step, CheckOnly: in.checkOnly})
	// Without -f, forms that all say they were made for one embedded
	// framework are scored under it (as --sample-year does), and the
	// user is told; forms of several frameworks stay refused.
	if in.framework == "" && !in.sample && len(b.Submissions) == 0 {
		if id := madeForAll(b.Rejected); id != "" && id != fw.ID {
			if other, err := indicators.Load(id); err == nil {
				fmt.Fprintf(a.stderr, a.lang.Pick("Không ghi -f: mọi biểu mẫu được lập theo khung %s, chấm theo khung đó.\n", "No -f: every form was made for framework %s, so it is used.\n"), id)
				fw = other
				b = submission.Ingest(srcs, fw, &submission.Options{Decimal: in.decimal, CheckOnly: in.checkOnly})
			}
		}
	}
	b.Skipped = append(skipped, b.Skipped...)
	b.Rejected = append(rejected, b.Rejected...)
	for _, s := range b.Skipped {
		fmt.Fprintln(a.stderr, s.Message(a.lang))
	}
	return fw, b, nil
}
