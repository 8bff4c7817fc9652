package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
)

// audit prints the statistical audit of each year's cohort: every
// indicator's distribution and flags, the flagged correlations, and each
// node's Cronbach's alpha and first principal component.
func (a *app) audit(args []string) error {
	fs := a.newFlags("audit", a.lang.Pick("dti audit [-f KHUNG] [--basis appraised|self] [--sample] PATH…", "dti audit [-f FRAMEWORK] [--basis appraised|self] [--sample] PATH…"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	basis := a.addBasisFlag(fs)
	sens := fs.Int("sensitivity", 0, a.lang.Pick("cỡ mẫu N của phân tích độ nhạy (chỉ số Sobol); 0: không chạy", "base sample N of the sensitivity analysis (Sobol indices); 0: none"))
	seed := fs.Uint64("seed", 1, a.lang.Pick("hạt giống ngẫu nhiên của --sensitivity", "random seed of --sensitivity"))
	band := a.addBandFlag(fs)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := a.checkBasis(*basis); err != nil {
		return err
	}
	fw, b, err := a.load(&in, paths, nil)
	if err != nil {
		return err
	}
	for _, bb := range b.Split() {
		ev, err := dti.Evaluate(fw, bb, &dti.Options{Basis: dti.Basis(*basis)})
		if err != nil {
			return err
		}
		if p := bb.Periods(); len(p) == 1 && len(b.Split()) > 1 {
			fmt.Fprintf(a.stdout, a.lang.Pick("Năm %s:\n", "Year %s:\n"), p[0])
		}
		a.printAudit(ev, audit.Run(ev))
		if *sens > 0 {
			fs, err := a.sensitivity(ev, *sens, *seed, *band)
			if err != nil {
				return err
			}
			a.sensitivitySummary(ev, fs, *sens, *band)
		}
	}
	return nil
}

// sensitivity runs the variance-based sensitivity analysis of ev's ranks
// with n base samples and 1,000 bootstrap resamples.
func (a *app) sensitivity(ev *dti.Evaluation, n int, seed uint64, band float64) ([]audit.Factor, error) {
	if n < 2 {
		a.errorf(a.lang.Pick("--sensitivity cần ít nhất 2", "--sensitivity needs at least 2"))
		return nil, errUsage
	}
	return audit.Sensitivity(ev, audit.SensitivityOptions{Samples: n, Seed: seed, Band: band, Bootstrap: 1000})
}

// addBandFlag adds --band: negative until given, so that the framework's
// [uncertainty] band (else 0.25) applies.
func (a *app) addBandFlag(fs *flag.FlagSet) *float64 {
	b := -1.0
	fs.Func("band", a.lang.Pick("biên độ trọng số của --uncertainty và --sensitivity, từ 0 đến dưới 1 (0,25 = ±25 %; mặc định: band trong [uncertainty] của khung, nếu không có thì 0,25)",
		"weight band of --uncertainty and --sensitivity, from 0 to under 1 (0.25 = ±25 %; default: the framework's [uncertainty] band, else 0.25)"), func(s string) error {
		v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || !(v >= 0 && v < 1) {
			return errors.New(a.lang.Pick("cần một số từ 0 đến dưới 1", "want a number from 0 to under 1"))
		}
		b = v
		return nil
	})
	return &b
}

// sensitivitySummary prints the sensitivity indices, largest total first.
func (a *app) sensitivitySummary(ev *dti.Evaluation, fs []audit.Factor, n int, band float64) {
	l := a.lang
	n2 := func(v float64) string { return indicators.FormatFixed(v, 2, l) }
	c := audit.UncertaintyChoices(ev, audit.UncertaintyOptions{Band: band, Missing: true, Normalise: true})
	what := strings.Replace(c.Text(l), l.Pick("trọng số ", "weights "), l.Pick("trọng số trụ cột ", "pillar weights "), 1)
	fmt.Fprintf(a.stdout, l.Pick("\nĐộ nhạy của thứ hạng (N = %d; %s; chỉ số Sobol, khoảng tin cậy 95 %%):\n",
		"\nSensitivity of the ranks (N = %d; %s; Sobol indices, 95 %% intervals):\n"), n, what)
	if len(fs) > 0 && math.IsNaN(fs[0].First) {
		fmt.Fprintln(a.stdout, l.Pick("  Không yếu tố nào làm thay đổi thứ hạng.", "  No input moves any rank."))
		return
	}
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(x, y audit.Factor) int { return cmp.Compare(y.Total, x.Total) })
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, l.Pick("  YẾU TỐ	BẬC MỘT	95 %	TOÀN PHẦN	95 %", "  INPUT	FIRST ORDER	95 %	TOTAL	95 %"))
	for _, f := range sorted {
		name := f.Name
		switch name {
		case "missing":
			name = l.Pick("thiếu số liệu", "missing data")
		case "normalize":
			name = l.Pick("cách chuẩn hóa", "normalisation")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s … %s\t%s\t%s … %s\n", name, n2(f.First), n2(f.FirstLo), n2(f.FirstHi), n2(f.Total), n2(f.TotalLo), n2(f.TotalHi))
	}
	tw.Flush()
}

func (a *app) printAudit(ev *dti.Evaluation, r *audit.Report) {
	l := a.lang
	n := func(v float64) string {
		if math.IsNaN(v) {
			return "–"
		}
		return strings.Replace(indicators.FormatNumber(math.Round(v*100)/100, l), "-", "−", 1) // a true minus sign
	}
	fmt.Fprintf(a.stdout, l.Pick("Kiểm định thống kê: %d đơn vị, %d chỉ tiêu (%s)\n\n", "Statistical audit: %d units, %d indicators (%s)\n\n"), len(ev.Units), len(r.Indicators), ev.Framework.ID)
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, l.Pick("MÃ\tCÓ SỐ LIỆU\tNHỎ NHẤT\tLỚN NHẤT\tTRUNG BÌNH\tTRUNG VỊ\tĐỘ LỆCH CHUẨN\tĐỘ XIÊN\tĐỘ NHỌN\tCÙNG GIÁ TRỊ\tCẢNH BÁO",
		"CODE\tAVAILABLE\tMIN\tMAX\tMEAN\tMEDIAN\tSD\tSKEW\tKURTOSIS\tSAME VALUE\tFLAGS"))
	flagged := 0
	for _, d := range r.Indicators {
		var fl []string
		for _, f := range d.Flags {
			fl = append(fl, f.Text(l))
		}
		if len(fl) > 0 {
			flagged++
		}
		fmt.Fprintf(tw, "%s\t%s %%\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s %%\t%s\n", d.Code, n(100*d.Availability), n(d.Min), n(d.Max), n(d.Mean), n(d.Median), n(d.SD), n(d.Skew), n(d.Kurtosis), n(100*d.SameShare), strings.Join(fl, "; "))
	}
	tw.Flush()
	fmt.Fprintf(a.stdout, l.Pick("\n%d chỉ tiêu có cảnh báo.\n", "\n%d indicators flagged.\n"), flagged)
	var cs []string
	for _, c := range append(append(append([]audit.Correlation{}, r.WithinPillar...), r.WithParent...), r.WithIndex...) {
		if c.Flag == "" {
			continue
		}
		b := c.B
		if b == "" {
			b = l.Pick("chỉ số chung", "the index")
		}
		cs = append(cs, fmt.Sprintf("  %s – %s: Pearson %s, Spearman %s (%s)", c.A, b, n(c.Pearson), n(c.Spearman), c.Flag.Text(l)))
	}
	fmt.Fprintf(a.stdout, l.Pick("\nTương quan cần xem lại (r > 0,9 trong cùng trụ cột, r < −0,4): %d\n", "\nCorrelations to review (r > 0.9 within a pillar, r < −0.4): %d\n"), len(cs))
	for _, s := range cs {
		fmt.Fprintln(a.stdout, s)
	}
	fmt.Fprintln(a.stdout)
	tw = tabwriter.NewWriter(a.stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, l.Pick("NÚT\tSỐ THÀNH PHẦN\tALPHA CRONBACH\tPCA: SỐ ĐƠN VỊ ĐỦ SỐ LIỆU\tTHÀNH PHẦN 1 GIẢI THÍCH", "NODE\tCHILDREN\tCRONBACH'S ALPHA\tPCA: COMPLETE UNITS\tCOMPONENT 1 EXPLAINS"))
	for _, nd := range r.Nodes {
		first := "–"
		if len(nd.Explained) > 0 {
			first = n(100*nd.Explained[0]) + " %"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\n", nd.Code, nd.K, n(nd.Alpha), nd.N, first)
	}
	tw.Flush()
	if r.LeaveOneOut == nil {
		fmt.Fprintln(a.stdout, l.Pick("\nBỏ từng thành phần: chỉ tính cho khung cộng điểm.", "\nLeave-one-out: computed for points frameworks only."))
		return
	}
	// The pillars, and the five indicators whose removal moves ranks most.
	var inds, pils []audit.Shift
	for _, s := range r.LeaveOneOut {
		if s.Pillar {
			pils = append(pils, s)
		} else {
			inds = append(inds, s)
		}
	}
	slices.SortStableFunc(inds, func(x, y audit.Shift) int { return cmp.Compare(y.Mean, x.Mean) })
	fmt.Fprintln(a.stdout, l.Pick("\nBỏ từng thành phần: thứ hạng thay đổi bình quân / lớn nhất", "\nLeave-one-out: mean / largest change of rank"))
	for _, s := range append(pils, inds[:min(5, len(inds))]...) {
		fmt.Fprintf(a.stdout, "  %s: %s / %s\n", s.Code, n(s.Mean), n(s.Max))
	}
}
