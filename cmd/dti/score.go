package main

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/reports"
	"github.com/cqs-vn/dtikit/scoring"
)

// output is a --format name with its file and writer.
type output struct {
	format, file string
	write        func(w io.Writer, ev *dti.Evaluation, o *reports.Options) error
}

// outputs maps a --format name to its file and writer.
var outputs = []output{
	{"json", "results.json", reports.WriteJSON},
	{"csv", "results.csv", reports.WriteCSV},
	{"xlsx", "report.xlsx", reports.WriteXLSX},
	{"pdf", "report.pdf", reports.WritePDF},
	{"docx", "report.docx", reports.WriteDOCX},
}

func (a *app) score(args []string) error {
	fs := a.newFlags("score", a.lang.Pick("dti score [-f KHUNG] [-o THƯ_MỤC] [--format json,csv,xlsx,pdf] [--basis appraised|self] [--strict] [--sample] PATH…",
		"dti score [-f FRAMEWORK] [-o DIR] [--format json,csv,xlsx,pdf] [--basis appraised|self] [--strict] [--sample] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	out := "dti-out"
	fs.StringVar(&out, "o", out, a.lang.Pick("thư mục kết quả", "output folder"))
	fs.StringVar(&out, "out", out, a.lang.Pick("thư mục kết quả", "output folder"))
	var names []string
	for _, o := range outputs {
		names = append(names, o.format)
	}
	format := strings.Join(names, ",")
	fs.StringVar(&format, "format", format, a.lang.Pick("định dạng kết quả, cách nhau bằng dấu phẩy", "output formats, comma-separated"))
	basis := a.addBasisFlag(fs)
	strict := fs.Bool("strict", false, a.lang.Pick("dừng với mã 1 nếu có bài nộp bị loại", "exit 1 when any submission is rejected"))
	stamp := fs.String("timestamp", "", a.lang.Pick("thời điểm ghi trong báo cáo (RFC 3339 hoặc giây Unix; mặc định SOURCE_DATE_EPOCH hoặc hiện tại)", "time written in the reports (RFC 3339 or Unix seconds; default SOURCE_DATE_EPOCH or now)"))
	var ropts reports.Options
	fs.StringVar(&ropts.Authority, "authority", "", a.lang.Pick("cơ quan chủ quản, dòng trên cơ quan ban hành, ví dụ \"UBND THÀNH PHỐ HỒ CHÍ MINH\"", "governing body, the line above the issuer"))
	fs.StringVar(&ropts.Issuer, "issuer", "", a.lang.Pick("cơ quan ban hành báo cáo, ví dụ \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\"", "issuing body of the report"))
	fs.StringVar(&ropts.Number, "number", "", a.lang.Pick("số, ký hiệu của báo cáo, ví dụ \"125/BC-SKHCN\" (để trống: dòng để điền)", "the report's number, e.g. \"125/BC-SKHCN\" (empty: a blank to fill in)"))
	fs.StringVar(&ropts.SignerTitle, "signer-title", "", a.lang.Pick("chức danh người ký, xuống dòng bằng \\n, ví dụ \"KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC\"", "the signer's title; \\n starts a new line"))
	fs.StringVar(&ropts.Signer, "signer", "", a.lang.Pick("họ tên người ký", "the signer's name"))
	previous := fs.String("previous", "", a.lang.Pick("results.json của năm trước (một lần chạy trước) để tính tiến bộ", "the previous year's results.json (an earlier run), for progress"))
	unitsMap := fs.String("units-map", "", a.lang.Pick("tệp CSV year,from,to,weight: đơn vị kế thừa các đơn vị năm trước (sáp nhập), trọng số như tỷ lệ dân số", "CSV year,from,to,weight: units continuing last year's units (mergers), weighted e.g. by population"))
	unc := fs.Int("uncertainty", 0, a.lang.Pick("số lượt Monte Carlo đo độ tin cậy của thứ hạng (trọng số, cách xử lý thiếu số liệu, cách chuẩn hóa: theo [uncertainty] của khung); 0: không chạy", "Monte Carlo runs measuring how sure the ranks are (weights, missing-data policy, normalisation: as the framework's [uncertainty] sets them); 0: none"))
	sens := fs.Int("sensitivity", 0, a.lang.Pick("cỡ mẫu N của phân tích độ nhạy (chỉ số Sobol, N × (số trụ cột + 3) lượt chấm); 0: không chạy", "base sample N of the sensitivity analysis (Sobol indices, N × (pillars + 3) scorings); 0: none"))
	seed := fs.Uint64("seed", 1, a.lang.Pick("hạt giống ngẫu nhiên của --uncertainty và --sensitivity (cùng hạt giống, cùng kết quả)", "random seed of --uncertainty and --sensitivity (the same seed, the same result)"))
	band := a.addBandFlag(fs)
	fs.BoolVar(&ropts.CSVExcel, "csv-excel", false, a.lang.Pick("results.csv cho Excel cài tiếng Việt: dấu chấm phẩy phân cách cột, dấu phẩy thập phân", "results.csv for a Vietnamese-locale Excel: semicolons between columns, decimal commas"))
	fs.StringVar(&ropts.Place, "place", "", a.lang.Pick("địa danh ở dòng ngày tháng, ví dụ \"Thủ Dầu Một\"", "place on the date line"))
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	formats := splitList(format)
	for _, f := range formats {
		if !slices.Contains(names, f) {
			a.errorf(a.lang.Pick("định dạng không hỗ trợ %q (%s)", "unsupported format %q (%s)"), f, strings.Join(names, ", "))
			return errUsage
		}
	}
	if err := a.checkBasis(*basis); err != nil {
		return err
	}
	ts, err := timestamp(*stamp)
	if err != nil {
		a.errorf("--timestamp: %v", err)
		return errUsage
	}
	in.output = out
	pr := newProgress(a.tty)
	defer pr.wait()
	fw, b, err := a.load(&in, paths, pr)
	if err != nil {
		return err
	}
	ropts.Lang, ropts.Timestamp, ropts.ToolVersion = a.lang, ts, toolVersion()
	ropts.SignerTitle = strings.ReplaceAll(ropts.SignerTitle, `\n`, "\n") // typed on a command line as \n
	ropts.Command = "dti score " + strings.Join(args, " ")
	// The .docx library reads pictures from files: the chart goes through
	// a temporary folder, removed when the command ends.
	var tmp string
	ropts.TempFile = func(name string, data []byte) (string, error) {
		if tmp == "" {
			d, err := os.MkdirTemp("", "dti-docx-")
			if err != nil {
				return "", err
			}
			tmp = d
		}
		f, err := os.CreateTemp(tmp, "*-"+name)
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return "", err
		}
		return f.Name(), f.Close()
	}
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	// Each year is a cohort of its own, scored, ranked and written apart:
	// in -o itself for one year, in -o/YEAR for several.
	batches := b.Split()
	stepScore := pr.stage(a.lang.Pick("Chấm điểm", "Scoring"), len(batches))
	evs := make([]*dti.Evaluation, len(batches))
	for i, bb := range batches {
		if evs[i], err = dti.Evaluate(fw, bb, &dti.Options{Basis: dti.Basis(*basis)}); err != nil {
			return err
		}
		stepScore()
	}
	changes, err := a.yearChanges(evs, batches, *previous, *unitsMap)
	if err != nil {
		return err
	}
	for i, ev := range evs {
		if changes[i] != nil {
			ev.SetChanges(changes[i]) // awards by progress need them
		}
	}
	uncs := make([]map[string]audit.UnitUncertainty, len(evs))
	choices := make([]*audit.Choices, len(evs))
	if *unc > 0 {
		for i, ev := range evs {
			o := audit.UncertaintyOptions{Runs: *unc, Seed: *seed, Band: *band, Missing: true, Normalise: true}
			us, err := audit.Uncertainty(ev, o)
			if err != nil {
				return err
			}
			c := audit.UncertaintyChoices(ev, o)
			choices[i] = &c
			uncs[i] = map[string]audit.UnitUncertainty{}
			for _, uu := range us {
				uncs[i][uu.Code] = uu
			}
		}
	}
	senses := make([][]audit.Factor, len(evs))
	if *sens > 0 {
		for i, ev := range evs {
			if senses[i], err = a.sensitivity(ev, *sens, *seed, *band); err != nil {
				return err
			}
		}
	}
	ropts.RunID = runID(evs, ropts.Command, ts)
	set, err := newOutSet(out, ropts.RunID)
	if err != nil {
		return err
	}
	defer set.abort() // after a commit there is nothing left to remove
	stepWrite := pr.stage(a.lang.Pick("Ghi kết quả", "Writing"), len(formats)*len(evs))
	written := make([][]string, len(evs))
	var failed []error // outputs a format could not hold; the others are written
	for i, ev := range evs {
		ropts.Uncertainty, ropts.Changes, ropts.Sensitivity, ropts.Audit, ropts.AuditFunc = uncs[i], changes[i], senses[i], nil, nil
		ropts.UncertaintyChoices = choices[i]
		if slices.ContainsFunc(formats, func(f string) bool { return f != "csv" }) {
			// Once for every output that shows it (all but results.csv),
			// begun now and asked for when a writer comes to it: json on
			// the harness CSV 1.94–2.30 → 1.88–2.18 s (seven interleaved runs,
			// medians 2.15 and 1.95).
			// The correlation matrix only for report.xlsx (audit.Options).
			o := audit.Options{SkipMatrix: !slices.Contains(formats, "xlsx")}
			ropts.AuditFunc = sync.OnceValue(func() *audit.Report { return audit.RunWith(ev, o) })
			go ropts.AuditFunc()
		}
		dir := ""
		if len(evs) > 1 {
			dir = periodDir(batches[i].Periods()[0])
		}
		var outs []output
		for _, o := range outputs {
			if slices.Contains(formats, o.format) {
				outs = append(outs, o)
			}
		}
		// The files are written at once, each on its own core, and listed
		// in the manifest in the usual order: the national batch's
		// report.xlsx and report.pdf took 4.5 and 3.7 s of CPU one after
		// the other. dtibench's national stage, same bytes either way:
		// 13.2–14.7 s one after the other, 11.5–13.7 s at once.
		errs := make([]error, len(outs))
		opts := ropts
		par.Each(len(outs), func(j int) {
			errs[j] = set.create(filepath.Join(dir, outs[j].file), func(w io.Writer) error { return outs[j].write(w, ev, &opts) })
			stepWrite()
		})
		for j, o := range outs {
			rel := filepath.Join(dir, o.file)
			err := errs[j]
			var limit *reports.LimitError
			if errors.As(err, &limit) {
				failed = append(failed, fmt.Errorf("%s: %s", filepath.Join(out, rel), a.lang.Pick(fmt.Sprintf("không ghi được: %s cần %d, tối đa %d", limit.VI, limit.Need, limit.Limit), fmt.Sprintf("not written: %s needs %d, at most %d", limit.EN, limit.Need, limit.Limit))))
				continue
			}
			if err != nil {
				return fmt.Errorf("%s: %w", filepath.Join(out, rel), err)
			}
			set.add(rel)
			written[i] = append(written[i], filepath.Join(out, rel))
		}
	}
	if err := set.commit(); err != nil {
		return err
	}
	pr.wait()
	units, rejected := 0, 0
	for i, ev := range evs {
		if len(evs) > 1 {
			fmt.Fprintf(a.stdout, a.lang.Pick("Năm %s:\n", "Year %s:\n"), periodName(batches[i].Periods()[0], a.lang))
		}
		a.summary(ev, written[i])
		if changes[i] != nil {
			a.progressSummary(ev, changes[i])
		}
		if uncs[i] != nil {
			a.uncertaintySummary(ev, uncs[i], *choices[i])
		}
		if senses[i] != nil {
			a.sensitivitySummary(ev, senses[i], *sens, *band)
		}
		units += len(ev.Units)
		rejected += len(ev.Rejected)
	}
	for _, err := range failed {
		a.errorf("%v", err)
	}
	if len(failed) > 0 || *strict && rejected > 0 {
		return exitCode(1)
	}
	if units == 0 {
		a.errorf(a.lang.Pick("không có bài nộp hợp lệ nào để chấm", "no valid submission to score"))
		return exitCode(1)
	}
	return nil
}

// uncertaintySummary prints how sure the leading ranks are.
func (a *app) uncertaintySummary(ev *dti.Evaluation, us map[string]audit.UnitUncertainty, c audit.Choices) {
	l := a.lang
	fmt.Fprintf(a.stdout, l.Pick("Độ tin cậy của thứ hạng (%d lượt, %s):\n", "How sure the ranks are (%d runs, %s):\n"), c.Runs, c.Text(l))
	for i, u := range ev.Units {
		if i == 3 || u.Rank == 0 {
			break
		}
		uu := us[u.Code]
		fmt.Fprintf(a.stdout, l.Pick("  %d. %s: hạng trung vị %d, ít nhất 90 %% số lượt trong khoảng %d–%d\n", "  %d. %s: median rank %d, at least 90 %% of the runs within %d–%d\n"), u.Rank, u.Code, uu.Median, uu.P05, uu.P95)
	}
}

// runID names a run by what it read and how: the framework, every input
// file's hash, the command line and the time written in the reports. The
// same inputs give the same id, as they give the same bytes.
func runID(evs []*dti.Evaluation, command string, ts time.Time) string {
	h := sha256.New()
	fmt.Fprintln(h, command, ts.Unix())
	for _, ev := range evs {
		fmt.Fprintln(h, ev.Hash, ev.Basis)
		for _, in := range ev.Inputs {
			fmt.Fprintln(h, in.File, in.SHA256)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// periodDir is the output folder of a year's results.
func periodDir(p string) string {
	if p == "" {
		return "no-year"
	}
	return p
}

// periodName names a year in messages.
func periodName(p string, l indicators.Lang) string {
	if p == "" {
		return l.Pick("không ghi năm", "no year given")
	}
	return p
}

// addBasisFlag adds --basis to a command that scores.
func (a *app) addBasisFlag(fs interface {
	String(string, string, string) *string
}) *string {
	return fs.String("basis", string(dti.BasisAppraised), a.lang.Pick("giá trị được chấm: appraised (thẩm định, nếu có) hoặc self (tự đánh giá)", "values scored: appraised (where present) or self"))
}

// checkBasis refuses a --basis other than appraised or self.
func (a *app) checkBasis(basis string) error {
	if basis != string(dti.BasisAppraised) && basis != string(dti.BasisSelf) {
		a.errorf(a.lang.Pick("--basis phải là appraised hoặc self", "--basis must be appraised or self"))
		return errUsage
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
	fmt.Fprintf(a.stdout, a.lang.Pick("Đã chấm %d đơn vị theo %s (%s); bị loại: %d; cảnh báo: %d (xem bằng dti validate).\n", "Scored %d units against %s (%s); rejected: %d; warnings: %d (see dti validate).\n"), len(ev.Units), fw.ID, fw.Version, len(ev.Rejected), warns)
	for i, u := range ev.Units {
		if i == 3 || u.Rank == 0 {
			break
		}
		class := ""
		if u.Class != "" {
			class = " (" + fw.ClassName(u.Class, a.lang) + ")"
		}
		fmt.Fprintf(a.stdout, "  %d. %s %s – %s%s\n", u.Rank, u.Code, u.Name, dti.FormatScore(u.Score, ev.Precision(), a.lang), class)
	}
	if line := a.noAward(ev); line != "" {
		fmt.Fprintln(a.stdout, line)
	}
	for _, r := range ev.Rejected {
		for _, e := range r.Errors {
			fmt.Fprintf(a.stderr, "%s\n", e.Message(a.lang))
		}
	}
	for _, w := range ev.Warnings {
		fmt.Fprintf(a.stderr, a.lang.Pick("cảnh báo: %s\n", "warning: %s\n"), w)
	}
	if len(files) > 0 {
		fmt.Fprintf(a.stdout, a.lang.Pick("Kết quả: %s\n", "Results: %s\n"), strings.Join(files, ", "))
	}
}

// noAward says, when the framework has awards and no unit is eligible for
// any, why: the reasons of the last (least demanding) award, counted.
func (a *app) noAward(ev *dti.Evaluation) string {
	fw := ev.Framework
	if len(fw.Awards) == 0 || len(ev.Units) == 0 {
		return ""
	}
	count := map[scoring.Reason]int{}
	for _, u := range ev.Units {
		for _, aw := range u.Awards {
			if aw.Eligible || aw.Awarded {
				return ""
			}
		}
		if n := len(u.Awards); n > 0 {
			count[u.Awards[n-1].Reason]++
		}
	}
	reasons := make([]scoring.Reason, 0, len(count))
	for r := range count {
		reasons = append(reasons, r)
	}
	slices.SortFunc(reasons, func(x, y scoring.Reason) int { return cmp.Or(count[y]-count[x], strings.Compare(string(x), string(y))) })
	var parts []string
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%d %s", count[r], dti.ReasonText(r, a.lang)))
	}
	last := fw.AwardName(fw.Awards[len(fw.Awards)-1].Name, a.lang)
	return fmt.Sprintf(a.lang.Pick("Không đơn vị nào đủ điều kiện khen thưởng (%s: %s).", "No unit is eligible for any award (%s: %s)."), last, strings.Join(parts, "; "))
}
