package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	dtikit "github.com/cqs-vn/dtikit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/reports"
	"github.com/cqs-vn/dtikit/scoring"
)

// input flags shared by score, explain and validate.
type inputFlags struct {
	framework string
	sample    bool
	year      string
}

func (a *app) addInputFlags(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}, in *inputFlags) {
	help := a.tr("khung tiêu chí: tên khung nhúng sẵn hoặc tệp TOML", "criteria framework: an embedded name or a TOML file")
	fs.StringVar(&in.framework, "f", indicators.Default, help)
	fs.StringVar(&in.framework, "framework", indicators.Default, help)
	fs.BoolVar(&in.sample, "sample", false, a.tr("dùng dữ liệu mẫu nhúng sẵn (14 phường Thủ Dầu Một)", "use the embedded sample (the 14 wards of Thủ Dầu Một)"))
	fs.StringVar(&in.year, "sample-year", dtikit.SampleYears[0], a.tr("năm của dữ liệu mẫu", "year of the sample"))
}

// load reads the framework and the submissions.
func (a *app) load(in *inputFlags, paths []string) (*indicators.Framework, *dti.Batch, error) {
	return a.loadWith(in, paths, nil)
}

// loadWith is load with a progress display.
func (a *app) loadWith(in *inputFlags, paths []string, pr *progress) (*indicators.Framework, *dti.Batch, error) {
	fw, err := indicators.Load(in.framework)
	if err != nil {
		a.printFrameworkError(err)
		return nil, nil, exitCode(1)
	}
	var srcs []dti.Source
	var skipped []string
	switch {
	case in.sample:
		if len(paths) > 0 {
			a.errorf(a.tr("--sample không dùng cùng đường dẫn", "--sample takes no paths"))
			return nil, nil, errUsage
		}
		srcs, err = dti.FSSources(dtikit.Sample, "testdata/sample/"+in.year)
		if err == nil && len(srcs) == 0 {
			err = fmt.Errorf(a.tr("không có dữ liệu mẫu năm %s (có: %s)", "no sample for year %s (have: %s)"), in.year, strings.Join(dtikit.SampleYears, ", "))
		}
	case len(paths) == 0:
		a.errorf(a.tr("cần ít nhất một tệp hoặc thư mục bài nộp (hoặc --sample)", "need at least one submission file or folder (or --sample)"))
		return nil, nil, errUsage
	default:
		srcs, skipped, err = dti.Collect(paths)
	}
	if err != nil {
		return nil, nil, err
	}
	var step func()
	if pr != nil {
		step = pr.stage(a.tr("Đọc bài nộp", "Reading"), len(srcs))
	}
	b := dti.Ingest(srcs, fw, step)
	b.Skipped = append(b.Skipped, skipped...)
	for _, s := range b.Skipped {
		fmt.Fprintf(a.stderr, a.tr("bỏ qua %s: không phải .xlsx, .csv hay .toml\n", "skipped %s: not .xlsx, .csv or .toml\n"), s)
	}
	return fw, b, nil
}

// outputs maps a --format name to its file and writer.
var outputs = []struct {
	format, file string
}{
	{"json", "results.json"},
	{"csv", "results.csv"},
	{"xlsx", "report.xlsx"},
	{"pdf", "report.pdf"},
}

func (a *app) score(args []string) error {
	fs := a.newFlags("score", a.tr("dti score [-f KHUNG] [-o THƯ_MỤC] [--format json,csv,xlsx,pdf] [--basis appraised|self] [--strict] [--sample] PATH…",
		"dti score [-f FRAMEWORK] [-o DIR] [--format json,csv,xlsx,pdf] [--basis appraised|self] [--strict] [--sample] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	out := "dti-out"
	fs.StringVar(&out, "o", out, a.tr("thư mục kết quả", "output folder"))
	fs.StringVar(&out, "out", out, a.tr("thư mục kết quả", "output folder"))
	var names []string
	for _, o := range outputs {
		names = append(names, o.format)
	}
	format := strings.Join(names, ",")
	fs.StringVar(&format, "format", format, a.tr("định dạng kết quả, cách nhau bằng dấu phẩy", "output formats, comma-separated"))
	basis := string(dti.BasisAppraised)
	fs.StringVar(&basis, "basis", basis, a.tr("giá trị được chấm: appraised (thẩm định, nếu có) hoặc self (tự đánh giá)", "values scored: appraised (where present) or self"))
	strict := fs.Bool("strict", false, a.tr("dừng với mã 1 nếu có bài nộp bị loại", "exit 1 when any submission is rejected"))
	stamp := fs.String("timestamp", "", a.tr("thời điểm ghi trong báo cáo (RFC 3339 hoặc giây Unix; mặc định SOURCE_DATE_EPOCH hoặc hiện tại)", "time written in the reports (RFC 3339 or Unix seconds; default SOURCE_DATE_EPOCH or now)"))
	var ropts reports.Options
	fs.StringVar(&ropts.Issuer, "issuer", "", a.tr("cơ quan ban hành trên bìa báo cáo, ví dụ \"UBND THÀNH PHỐ THỦ DẦU MỘT\"", "issuing body on the report cover"))
	fs.StringVar(&ropts.Place, "place", "", a.tr("địa danh ở dòng ngày tháng, ví dụ \"Thủ Dầu Một\"", "place on the date line"))
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	formats := splitList(format)
	for _, f := range formats {
		if !slices.Contains(names, f) {
			a.errorf(a.tr("định dạng không hỗ trợ %q (%s)", "unsupported format %q (%s)"), f, strings.Join(names, ", "))
			return errUsage
		}
	}
	if basis != string(dti.BasisAppraised) && basis != string(dti.BasisSelf) {
		a.errorf(a.tr("--basis phải là appraised hoặc self", "--basis must be appraised or self"))
		return errUsage
	}
	ts, err := timestamp(*stamp)
	if err != nil {
		a.errorf("--timestamp: %v", err)
		return errUsage
	}
	pr := newProgress(a.stderr)
	fw, b, err := a.loadWith(&in, paths, pr)
	if err != nil {
		pr.wait()
		return err
	}
	stepScore := pr.stage(a.tr("Chấm điểm", "Scoring"), 1)
	ev, err := dti.Evaluate(fw, b.Submissions, &dti.Options{Basis: dti.Basis(basis)})
	stepScore()
	if err != nil {
		pr.wait()
		return err
	}
	ev.Rejected = append(b.Rejected, ev.Rejected...)
	ev.Inputs = b.Inputs
	ropts.Lang, ropts.Timestamp, ropts.ToolVersion = a.lang, ts, toolVersion()
	ropts.Command = "dti score " + strings.Join(args, " ")
	if err := os.MkdirAll(out, 0o755); err != nil {
		pr.wait()
		return err
	}
	stepWrite := pr.stage(a.tr("Ghi kết quả", "Writing"), len(formats))
	var written []string
	for _, o := range outputs {
		if !slices.Contains(formats, o.format) {
			continue
		}
		path := filepath.Join(out, o.file)
		var write func(w io.Writer) error
		switch o.format {
		case "json":
			write = func(w io.Writer) error { return dti.WriteJSON(w, ev, a.lang) }
		case "csv":
			write = func(w io.Writer) error { return dti.WriteCSV(w, ev, a.lang) }
		case "xlsx":
			write = func(w io.Writer) error { return reports.WriteXLSX(w, ev, &ropts) }
		case "pdf":
			write = func(w io.Writer) error { return reports.WritePDF(w, ev, &ropts) }
		}
		if err := writeAtomic(path, write); err != nil {
			pr.wait()
			return fmt.Errorf("%s: %w", path, err)
		}
		written = append(written, path)
		stepWrite()
	}
	pr.wait()
	a.summary(ev, written)
	if *strict && len(ev.Rejected) > 0 {
		return exitCode(1)
	}
	if len(ev.Units) == 0 {
		a.errorf(a.tr("không có bài nộp hợp lệ nào để chấm", "no valid submission to score"))
		return exitCode(1)
	}
	return nil
}

// timestamp reads --timestamp, else SOURCE_DATE_EPOCH, else the clock.
func timestamp(flagValue string) (time.Time, error) {
	v := flagValue
	if v == "" {
		v = os.Getenv("SOURCE_DATE_EPOCH")
	}
	if v == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither RFC 3339 nor Unix seconds", v)
	}
	return t.UTC(), nil
}

// toolVersion is the module version the binary was built from.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return "dti " + bi.Main.Version
	}
	return "dti (devel)"
}

// summary prints units scored, rejected, the top 3 and the files.
func (a *app) summary(ev *dti.Evaluation, files []string) {
	fw := ev.Framework
	warns := 0
	for _, u := range ev.Units {
		warns += len(u.Warnings)
	}
	fmt.Fprintf(a.stdout, a.tr("Đã chấm %d đơn vị theo %s (%s); bị loại: %d; cảnh báo: %d (xem bằng dti validate).\n", "Scored %d units against %s (%s); rejected: %d; warnings: %d (see dti validate).\n"), len(ev.Units), fw.ID, fw.Version, len(ev.Rejected), warns)
	for i, u := range ev.Units {
		if i == 3 || u.Rank == 0 {
			break
		}
		fmt.Fprintf(a.stdout, "  %d. %s %s – %s (%s)\n", u.Rank, u.Code, u.Name, fmtScore(u.Score, ev.Precision(), a.lang), fw.ClassName(u.Class, a.lang))
	}
	for _, r := range ev.Rejected {
		for _, e := range r.Errors {
			fmt.Fprintf(a.stderr, "%s\n", e.Message(a.lang))
		}
	}
	for _, w := range ev.Warnings {
		fmt.Fprintf(a.stderr, a.tr("cảnh báo: %s\n", "warning: %s\n"), w)
	}
	if len(files) > 0 {
		fmt.Fprintf(a.stdout, a.tr("Kết quả: %s\n", "Results: %s\n"), strings.Join(files, ", "))
	}
}

func fmtScore(v float64, prec int, lang string) string {
	if prec < 0 {
		prec = 2
	}
	s := fmt.Sprintf("%.*f", prec, scoring.Round(v, prec))
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (a *app) explain(args []string) error {
	fs := a.newFlags("explain", a.tr("dti explain --unit MÃ [-f KHUNG] [--basis appraised|self] PATH…", "dti explain --unit CODE [-f FRAMEWORK] [--basis appraised|self] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	unit := fs.String("unit", "", a.tr("mã đơn vị cần giải thích", "code of the unit to explain"))
	basis := fs.String("basis", string(dti.BasisAppraised), a.tr("appraised hoặc self", "appraised or self"))
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *unit == "" {
		a.errorf(a.tr("cần --unit MÃ", "need --unit CODE"))
		return errUsage
	}
	fw, b, err := a.load(&in, paths)
	if err != nil {
		return err
	}
	ev, err := dti.Evaluate(fw, b.Submissions, &dti.Options{Basis: dti.Basis(*basis)})
	if err != nil {
		return err
	}
	var u *dti.Unit
	for _, x := range ev.Units {
		if x.Code == *unit {
			u = x
		}
	}
	if u == nil {
		for _, r := range b.Rejected {
			if r.Unit == *unit {
				for _, e := range r.Errors {
					fmt.Fprintln(a.stderr, e.Message(a.lang))
				}
				return exitCode(1)
			}
		}
		return fmt.Errorf(a.tr("không có đơn vị %q trong các bài nộp", "no unit %q among the submissions"), *unit)
	}
	a.printExplain(ev, u)
	return nil
}

func (a *app) printExplain(ev *dti.Evaluation, u *dti.Unit) {
	fw, l := ev.Framework, a.lang
	n := func(v float64) string { return indicators.FormatNumber(v, l) }
	fmt.Fprintf(a.stdout, "%s – %s\n", u.Code, u.Name)
	if u.HasScore {
		fmt.Fprintf(a.stdout, a.tr("Chỉ số: %s / %s · hạng %d/%d · xếp loại %s\n", "Index: %s / %s · rank %d of %d · class %s\n"), fmtScore(u.Score, ev.Precision(), l), n(fw.Scale), u.Rank, len(ev.Units), fw.ClassName(u.Class, l))
	} else {
		fmt.Fprintln(a.stdout, a.tr("Chỉ số: không tính được (thiếu dữ liệu)", "Index: none (not enough data)"))
	}
	if u.HasClaimed {
		fmt.Fprintf(a.stdout, a.tr("Tự đánh giá: %s · mất %s điểm khi thẩm định\n", "Self-assessed: %s · %s points lost at appraisal\n"), fmtScore(u.Claimed, ev.Precision(), l), n(u.Loss))
	}
	if len(u.VetoFailed) > 0 {
		fmt.Fprintf(a.stdout, a.tr("Không đạt điều kiện loại trừ: %s (xếp loại tối đa %s, không được khen thưởng)\n", "Failed veto criteria: %s (class capped at %s, no award)\n"), strings.Join(u.VetoFailed, ", "), fw.ClassName(fw.VetoCapClass(), l))
	}
	for _, aw := range u.Awards {
		status := a.tr("không", "no")
		if aw.Awarded {
			status = a.tr("ĐẠT", "AWARDED")
		}
		extra := a.reasonText(aw.Reason)
		if aw.DecidedBy != "" {
			extra += " " + a.tr("(phân định bằng ", "(tie broken by ") + aw.DecidedBy + ")"
		}
		fmt.Fprintf(a.stdout, "%s: %s %s\n", fw.AwardName(aw.Award, l), status, strings.TrimSpace(extra))
	}
	fmt.Fprintln(a.stdout)
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, a.tr("MÃ\tGIÁ TRỊ\tNGUỒN\tĐIỂM\tTỐI ĐA\tMẤT KHI TĐ\tTRẠNG THÁI\tCÁCH TÍNH", "CODE\tVALUE\tBASIS\tPOINTS\tMAX\tLOST\tSTATUS\tRULE"))
	fw.Walk(func(depth int, nd *indicators.Node, ind *indicators.Indicator) {
		pad := strings.Repeat("  ", depth)
		if ind != nil {
			ir := ev.Indicator(u, indexOf(fw, ind.Code))
			val := "–"
			if ir.HasValue {
				val = dti.DisplayValue(ind, ir.Entry.Self, l)
				if ir.Appraised {
					val = dti.DisplayValue(ind, ir.Entry.Appraised, l)
				}
			}
			if ir.Status == scoring.NA {
				val = "NA"
			}
			lost := ""
			if ir.Lost != 0 {
				lost = n(ir.Lost)
			}
			fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", pad, ind.Code, val, a.basisText(ir.Basis), n(ir.Points), n(ir.Max), lost, a.statusText(ir.Status), fw.RuleText(ind, l))
			return
		}
		r := ev.Node(u, nodeIndex(fw, nd.Code))
		fmt.Fprintf(tw, "%s%s\t%s\t\t%s\t%s\t\t%s\t%s = %s · %s %d\n", pad, nd.Code, strings.ToUpper(nd.DisplayName(l)), n(r.Points), n(r.Max), a.statusText(r.Status), a.tr("điểm", "score"), n(r.Score), a.tr("hạng", "rank"), r.Rank)
	})
	tw.Flush()
	fmt.Fprintln(a.stdout)
	for d, code := range indicators.Domains {
		fmt.Fprintf(a.stdout, "%s: %s (%s %d)\n", indicators.DomainName(code, l), fmtScore(u.Domains[d], ev.Precision(), l), a.tr("hạng", "rank"), u.DomainRanks[d])
	}
	for _, w := range u.Warnings {
		fmt.Fprintln(a.stdout, w.Message(l))
	}
}

// statusText names how an indicator or node entered the aggregation.
func (a *app) statusText(s scoring.Status) string {
	switch s {
	case scoring.Scored:
		return a.tr("có điểm", "scored")
	case scoring.Filled:
		return a.tr("thiếu, 0 điểm", "missing, 0 points")
	case scoring.Excluded:
		return a.tr("thiếu, loại khỏi mẫu số", "missing, left out")
	case scoring.NA:
		return a.tr("không áp dụng", "not applicable")
	case scoring.Unscored:
		return a.tr("không tính điểm", "not scored")
	}
	return s.String()
}

// reasonText explains why a unit was not awarded.
func (a *app) reasonText(r string) string {
	switch r {
	case scoring.ReasonNoScore:
		return a.tr("(không có điểm)", "(no score)")
	case scoring.ReasonScore:
		return a.tr("(dưới điểm tối thiểu)", "(below the minimum score)")
	case scoring.ReasonClass:
		return a.tr("(dưới xếp loại tối thiểu)", "(below the minimum class)")
	case scoring.ReasonVeto:
		return a.tr("(không đạt điều kiện loại trừ)", "(failed a veto criterion)")
	case scoring.ReasonEvidence:
		return a.tr("(thiếu tài liệu kiểm chứng)", "(evidence missing)")
	case scoring.ReasonCount:
		return a.tr("(ngoài số lượng)", "(beyond the number awarded)")
	case scoring.ReasonTie:
		return a.tr("(bằng điểm, hội đồng quyết định)", "(tied, for the council to decide)")
	case scoring.ReasonHigher:
		return a.tr("(đã nhận danh hiệu cao hơn)", "(holds a higher award)")
	}
	return r
}

// basisText names the basis of a value.
func (a *app) basisText(b string) string {
	switch b {
	case string(dti.BasisAppraised):
		return a.tr("thẩm định", "appraised")
	case string(dti.BasisSelf):
		return a.tr("tự đánh giá", "self")
	}
	return b
}

func indexOf(fw *indicators.Framework, code string) int {
	for j := range fw.Indicators {
		if fw.Indicators[j].Code == code {
			return j
		}
	}
	return -1
}

func nodeIndex(fw *indicators.Framework, code string) int {
	for k := range fw.Nodes {
		if fw.Nodes[k].Code == code {
			return k + 1
		}
	}
	return 0
}

func (a *app) validate(args []string) error {
	fs := a.newFlags("validate", a.tr("dti validate [-f KHUNG] PATH…", "dti validate [-f FRAMEWORK] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	_, b, err := a.load(&in, paths)
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
	fmt.Fprintf(a.stdout, a.tr("%d tệp, %d bài nộp hợp lệ, %d bị loại; %d lỗi, %d cảnh báo.\n", "%d files, %d valid submissions, %d rejected; %d errors, %d warnings.\n"),
		len(b.Inputs), len(b.Submissions), len(b.Rejected), nerr, len(warns))
	if nerr > 0 {
		return exitCode(1)
	}
	return nil
}

func (a *app) template(args []string) error {
	fs := a.newFlags("template", a.tr("dti template [-f KHUNG] -o FILE.xlsx [--unit MÃ --name TÊN --year NĂM]", "dti template [-f FRAMEWORK] -o FILE.xlsx [--unit CODE --name NAME --year YEAR]"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	var out string
	fs.StringVar(&out, "o", "", a.tr("tệp .xlsx cần ghi", "the .xlsx file to write"))
	fs.StringVar(&out, "out", "", a.tr("tệp .xlsx cần ghi", "the .xlsx file to write"))
	var o dti.TemplateOptions
	fs.StringVar(&o.Unit, "unit", "", a.tr("mã đơn vị điền sẵn", "unit code to fill in"))
	fs.StringVar(&o.Name, "name", "", a.tr("tên đơn vị điền sẵn", "unit name to fill in"))
	fs.IntVar(&o.Year, "year", 0, a.tr("năm đánh giá", "year of the evaluation"))
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if out == "" || len(pos) > 0 {
		a.errorf(a.tr("cần -o FILE.xlsx và không có đối số khác", "need -o FILE.xlsx and no other arguments"))
		return errUsage
	}
	fw, err := indicators.Load(in.framework)
	if err != nil {
		a.printFrameworkError(err)
		return exitCode(1)
	}
	o.Lang = a.lang
	if err := writeAtomic(out, func(w io.Writer) error { return dti.WriteTemplate(w, fw, &o) }); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, a.tr("Đã ghi biểu mẫu %s (%d chỉ tiêu, khung %s %s)\n", "Wrote form %s (%d indicators, framework %s %s)\n"), out, len(fw.Indicators), fw.ID, fw.Version)
	return nil
}
