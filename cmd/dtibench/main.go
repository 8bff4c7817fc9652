// Command dtibench measures the whole dti command as a user runs it (issue
// #13): it builds dti, generates synthetic inputs, runs each stage under
// /usr/bin/time -v and prints wall time and peak resident memory per stage.
//
//	go run ./cmd/dtibench [-units 10000] [-indicators 100] [-communes 3321] [-dir DIR]
//
// The CSV stages use a composite framework like ../shared/bench/synth.py's
// (min-max to 0–100, a weighted mean re-weighted over missing children, 4
// levels, about 2 % of values missing, log-normal values); with -synth the
// inputs come from that script instead, the ones COINr was measured on.
// The workbook stages fill the form of the embedded ward-unified-2025
// (53 indicators, the set the README's figures were measured on) for each
// of -communes units with random values, and score them with it.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/xuri/excelize/v2"
)

func main() {
	units := flag.Int("units", 10000, "units in the synthetic CSV")
	inds := flag.Int("indicators", 100, "indicators in the synthetic framework")
	communes := flag.Int("communes", 3321, "filled workbooks for the national batch (0: skip)")
	dir := flag.String("dir", "", "folder for the inputs and outputs (default: a new temporary folder)")
	synth := flag.String("synth", "", "make the CSV inputs with this synth.py (e.g. ../shared/bench/synth.py) instead")
	scale := flag.String("scale", "", "also score folders of these many units (comma-separated, e.g. 20000,50000,100000; files of 10,000 rows, as one file may not exceed 10 MB) with --format json,csv, and print the memory per 10,000 units")
	flag.Parse()
	var sizes []int
	for _, f := range strings.Split(*scale, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "dtibench: -scale: %q is not a number of units\n", f)
			os.Exit(2)
		}
		sizes = append(sizes, n)
	}
	if err := run(*dir, *units, *inds, *communes, *synth, sizes); err != nil {
		fmt.Fprintln(os.Stderr, "dtibench:", err)
		os.Exit(1)
	}
}

func run(dir string, units, inds, communes int, synth string, sizes []int) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "dtibench")
		if err != nil {
			return err
		}
		dir = d
	}
	if synth != "" && len(sizes) > 0 {
		return fmt.Errorf("-scale makes its rows with the built-in generator: use it without -synth")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return fmt.Errorf("/usr/bin/time is needed (apt-get install time): %w", err)
	}
	bin := filepath.Join(dir, "dti")
	fmt.Fprintln(os.Stderr, "building dti …")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/dti").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	csvDir := filepath.Join(dir, "csv")
	fmt.Fprintf(os.Stderr, "generating %d units × %d indicators in %s …\n", units, inds, csvDir)
	if synth != "" {
		if out, err := exec.Command("python3", synth, strconv.Itoa(units), strconv.Itoa(inds), csvDir).CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v\n%s", synth, err, out)
		}
	} else if err := writeSynthetic(csvDir, units, inds); err != nil {
		return err
	}
	fwFile, data := filepath.Join(csvDir, "framework.toml"), filepath.Join(csvDir, "data.csv")
	size := fmt.Sprintf("%d × %d CSV", units, inds)
	stages := []stage{
		{"validate, " + size, []string{"validate", "-f", fwFile, data}, 0},
		{"score --format json, " + size, []string{"score", "-f", fwFile, "--format", "json", "-o", filepath.Join(dir, "out-json"), data}, 0},
		{"score --format csv, " + size, []string{"score", "-f", fwFile, "--format", "csv", "-o", filepath.Join(dir, "out-csv"), data}, 0},
		{"score --format json,csv, " + size, []string{"score", "-f", fwFile, "--format", "json,csv", "-o", filepath.Join(dir, "out-jc"), data}, units},
	}
	if communes > 0 {
		wb := filepath.Join(dir, "workbooks")
		fmt.Fprintf(os.Stderr, "filling %d workbooks in %s …\n", communes, wb)
		if err := writeWorkbooks(wb, communes); err != nil {
			return err
		}
		n := fmt.Sprintf("%d workbooks", communes)
		stages = append(stages,
			stage{"validate, " + n, []string{"validate", "-f", nationalFramework, wb}, 0},
			stage{"score (json, csv, xlsx, pdf), " + n, []string{"score", "-f", nationalFramework, "--format", "json,csv,xlsx,pdf", "-o", filepath.Join(dir, "out-national"), wb}, 0})
	}
	for _, n := range sizes {
		folder := filepath.Join(dir, fmt.Sprintf("scale-%d", n))
		fmt.Fprintf(os.Stderr, "generating %d units × %d indicators in %s …\n", n, inds, folder)
		files, err := writeScale(folder, n, inds)
		if err != nil {
			return err
		}
		stages = append(stages, stage{fmt.Sprintf("score --format json,csv, %d units (%d files)", n, files),
			[]string{"score", "-f", fwFile, "--format", "json,csv", "-o", filepath.Join(dir, fmt.Sprintf("out-scale-%d", n)), folder}, n})
	}
	fmt.Printf("%-50s %10s %12s\n", "stage", "wall", "peak RSS")
	var scaled [][2]int // units, peak RSS in KB, of the json,csv stages
	for _, s := range stages {
		wall, rss, err := s.measure(bin)
		if err != nil {
			return err
		}
		fmt.Printf("%-50s %9.2fs %9.0f MB\n", s.name, wall.Seconds(), float64(rss)/1024)
		if s.units > 0 && len(sizes) > 0 {
			scaled = append(scaled, [2]int{s.units, rss})
		}
	}
	for i := 1; i < len(scaled); i++ {
		a, b := scaled[i-1], scaled[i]
		if b[0] != a[0] {
			fmt.Printf("memory from %d to %d units: %.0f MB per 10,000 units\n", a[0], b[0], float64(b[1]-a[1])/1024/float64(b[0]-a[0])*10000)
		}
	}
	fmt.Printf("inputs and outputs: %s\n", dir)
	return nil
}

// writeScale writes n synthetic units into dir as files of at most 10,000
// rows (unit codes U000000 on), with the indicators of writeSynthetic's
// framework; it returns the number of files.
func writeScale(dir string, n, inds int) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	files := 0
	for lo := 0; lo < n; lo += 10000 {
		rng := rand.New(rand.NewPCG(42, uint64(files+1)))
		var b bytes.Buffer
		writeHeader(&b, inds)
		for u := lo; u < min(lo+10000, n); u++ {
			fmt.Fprintf(&b, "U%06d,Unit %d", u, u)
			writeValues(&b, rng, inds)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("data-%03d.csv", files)), b.Bytes(), 0o644); err != nil {
			return 0, err
		}
		files++
	}
	return files, nil
}

// writeHeader writes the CSV's header line: unit, name, I0, I1, …
func writeHeader(b *bytes.Buffer, inds int) {
	b.WriteString("unit,name")
	for i := range inds {
		fmt.Fprintf(b, ",I%d", i)
	}
	b.WriteByte('\n')
}

// writeValues writes one row's values: log-normal, about 2 % missing.
func writeValues(b *bytes.Buffer, rng *rand.Rand, inds int) {
	for range inds {
		b.WriteByte(',')
		if rng.Float64() >= 0.02 {
			b.WriteString(strconv.FormatFloat(math.Exp(3+0.8*rng.NormFloat64()), 'f', 4, 64))
		}
	}
	b.WriteByte('\n')
}

type stage struct {
	name  string
	args  []string
	units int // of a json,csv run, for the memory per 10,000 units of -scale; 0 otherwise
}

// measure runs dti with args under /usr/bin/time -v and returns the wall
// time and the peak resident set in KB. Exit code 1 (a submission
// rejected) is accepted; other failures are errors.
func (s stage) measure(bin string) (time.Duration, int, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, s.args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		return 0, 0, fmt.Errorf("%s: %v\n%s", s.name, err, stderr.String())
	}
	var wall time.Duration
	rss := -1
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "Elapsed (wall clock) time (h:mm:ss or m:ss): "); ok {
			wall = parseClock(v)
		}
		if v, ok := strings.CutPrefix(line, "Maximum resident set size (kbytes): "); ok {
			rss, _ = strconv.Atoi(v)
		}
	}
	if rss < 0 {
		return 0, 0, fmt.Errorf("%s: no figures from /usr/bin/time -v:\n%s", s.name, stderr.String())
	}
	return wall, rss, nil
}

// parseClock reads /usr/bin/time's "m:ss.cc" or "h:mm:ss".
func parseClock(v string) time.Duration {
	var secs float64
	for _, p := range strings.Split(v, ":") {
		f, _ := strconv.ParseFloat(p, 64)
		secs = secs*60 + f
	}
	return time.Duration(secs * float64(time.Second))
}

// writeSynthetic writes framework.toml and data.csv into dir: pillars of
// groups of indicators, weights 1–3, every fourth indicator lower-is-better,
// log-normal values with about 2 % missing.
func writeSynthetic(dir string, units, inds int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(42, 0))
	pill, grp := max(2, inds/25), max(2, inds/5)
	var fw strings.Builder
	fw.WriteString("id = \"synthetic\"\nname = \"Synthetic\"\nversion = \"1\"\nyear = 2025\nscale = 100\naggregation = \"mean\"\nmissing = \"reweight\"\nnormalize = \"minmax\"\n\n")
	for p := range pill {
		fmt.Fprintf(&fw, "[[node]]\ncode = \"P%d\"\nparent = \"\"\nname = \"Pillar %d\"\nweight = %d\n\n", p, p, 1+rng.IntN(3))
	}
	for g := range grp {
		fmt.Fprintf(&fw, "[[node]]\ncode = \"G%d\"\nparent = \"P%d\"\nname = \"Group %d\"\nweight = %d\n\n", g, g%pill, g, 1+rng.IntN(3))
	}
	for i := range inds {
		dir := "higher"
		if i%4 == 3 {
			dir = "lower"
		}
		fmt.Fprintf(&fw, "[[indicator]]\ncode = \"I%d\"\nparent = \"G%d\"\nname = \"Indicator %d\"\nunit = \"score\"\ndirection = %q\nweight = %d\n\n", i, i%grp, i, dir, 1+rng.IntN(3))
	}
	if err := os.WriteFile(filepath.Join(dir, "framework.toml"), []byte(fw.String()), 0o644); err != nil {
		return err
	}
	var b bytes.Buffer
	writeHeader(&b, inds)
	for u := range units {
		fmt.Fprintf(&b, "U%05d,Unit %d", u, u)
		writeValues(&b, rng, inds)
	}
	return os.WriteFile(filepath.Join(dir, "data.csv"), b.Bytes(), 0o644)
}

// nationalFramework is the embedded framework of the workbook stages.
const nationalFramework = "ward-unified-2025"

// writeWorkbooks fills nationalFramework's form for n communes with random
// but valid values.
func writeWorkbooks(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fw, err := indicators.Load(nationalFramework)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 0))
	const sheet = "Biểu mẫu"
	for u := range n {
		code, name := fmt.Sprintf("XA%05d", u), fmt.Sprintf("Xã Thử Nghiệm %d", u)
		var tpl bytes.Buffer
		if err := submission.WriteTemplate(&tpl, fw, &submission.TemplateOptions{Unit: code, Name: name, Year: 2025}); err != nil {
			return err
		}
		f, err := excelize.OpenReader(&tpl)
		if err != nil {
			return err
		}
		for i, v := range []float64{float64(8000 + rng.IntN(60000)), 5 + 40*rng.Float64(), float64(2000 + rng.IntN(15000))} {
			f.SetCellValue(sheet, fmt.Sprintf("H%d", 3+i), v)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		for r, row := range rows {
			if len(row) == 0 || fw.Indicator(row[0]) == nil {
				continue
			}
			f.SetCellValue(sheet, fmt.Sprintf("F%d", r+1), randomValue(fw.Indicator(row[0]), rng))
			if fw.Indicator(row[0]).Evidence {
				f.SetCellValue(sheet, fmt.Sprintf("G%d", r+1), fmt.Sprintf("Quyết định số %d/QĐ-UBND", 1+rng.IntN(500)))
			}
		}
		var out bytes.Buffer
		_, err = f.WriteTo(&out)
		f.Close()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, code+".xlsx"), out.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// randomValue is a plausible value for ind.
func randomValue(ind *indicators.Indicator, rng *rand.Rand) any {
	switch {
	case ind.Rule.Kind == indicators.RuleCategorical:
		opts := ind.Rule.OptionLabels()
		return opts[rng.IntN(len(opts))]
	case ind.Unit == "yes/no":
		return []string{"Có", "Không"}[rng.IntN(2)]
	case ind.Rule.Kind == indicators.RulePassFail:
		return []string{"Đạt", "Không đạt"}[rng.IntN(2)]
	case ind.Unit == "count":
		return float64(rng.IntN(20))
	case ind.Unit == "%":
		return math.Round(1000*rng.Float64()) / 10
	}
	return math.Round(100*rng.Float64()) / 10
}
