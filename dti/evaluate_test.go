package dti

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
)

// mustLoad returns an embedded framework or decodes a framework file.
func mustLoad(t testing.TB, name string) *indicators.Framework {
	t.Helper()
	fw, err := indicators.Load(name)
	if indicators.IsNotEmbedded(err) {
		data, rerr := os.ReadFile(name)
		if rerr != nil {
			t.Fatal(rerr)
		}
		fw, err = indicators.Decode(data, name)
	}
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return fw
}

func readFile(t testing.TB, path string, fw *indicators.Framework) []*submission.Submission {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := submission.Read(data, path, fw, nil)
	if err != nil {
		t.Fatalf("submission.Read(%s): %v", path, err)
	}
	for _, s := range subs {
		if s.Issues.HasErrors() {
			t.Fatalf("%s: %v", path, s.Issues)
		}
	}
	return subs
}

func TestPublishedDTI(t *testing.T) {
	for _, tt := range []struct {
		framework, file string
		want            float64 // published DTI
	}{
		// dti.gov.vn, xếp hạng 2022: Đà Nẵng 0.8002.
		// (100 + 90 + 82.53 + 84.87 + 75.78 + 0.8575·200 + 0.7836·150 + 0.5197·150)/1000 = 0.800175 → 0.8002.
		{"dti-province-2022", "../testdata/danang-2022.csv", 0.8002},
		// 1726/QĐ-BTTTT: 0.4·0.5346 + 0.3·0.4155 + 0.3·0.4964 = 0.48741 → 0.4874.
		{"dti-province-2020", "../testdata/danang-2020.csv", 0.4874},
	} {
		t.Run(tt.framework, func(t *testing.T) {
			fw := mustLoad(t, tt.framework)
			ev, err := Evaluate(fw, &submission.Batch{Submissions: readFile(t, tt.file, fw)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			u := ev.Units[0]
			if u.Name != "Đà Nẵng" {
				t.Errorf("name = %q", u.Name)
			}
			got := math.Round(u.Score*1e4) / 1e4
			if got != tt.want {
				t.Errorf("DTI = %v (unrounded %v), want %v", got, u.Score, tt.want)
			}
		})
	}
}

// composite is an independent, plain implementation of the composite
// framework in testdata/frameworks/composite.toml: min-max to [0, 100] with
// direction applied first, weighted arithmetic means over the children
// present, missing values re-weighted.
func composite(values map[string]map[string]float64, units []string) map[string]float64 {
	lower := map[string]bool{"b": true, "d": true}
	norm := map[string]map[string]float64{}
	for _, ind := range []string{"a", "b", "c", "d", "e", "f"} {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, u := range units {
			if v, ok := values[u][ind]; ok {
				if lower[ind] {
					v = -v
				}
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		for _, u := range units {
			if v, ok := values[u][ind]; ok {
				if lower[ind] {
					v = -v
				}
				if norm[u] == nil {
					norm[u] = map[string]float64{}
				}
				norm[u][ind] = (v - lo) / (hi - lo) * 100
			}
		}
	}
	mean := func(scores map[string]float64, weights map[string]float64) (float64, bool) {
		var num, den float64
		for k, w := range weights {
			if s, ok := scores[k]; ok {
				num += w * s
				den += w
			}
		}
		return num / den, den > 0
	}
	out := map[string]float64{}
	for _, u := range units {
		lvl := map[string]float64{}
		for k, v := range norm[u] {
			lvl[k] = v
		}
		if s, ok := mean(norm[u], map[string]float64{"a": 1, "b": 2}); ok {
			lvl["G1"] = s
		}
		if s, ok := mean(norm[u], map[string]float64{"c": 1, "d": 1}); ok {
			lvl["G2"] = s
		}
		if s, ok := mean(lvl, map[string]float64{"G1": 1, "G2": 3}); ok {
			lvl["P1"] = s
		}
		if s, ok := mean(norm[u], map[string]float64{"e": 1, "f": 0.5}); ok {
			lvl["P2"] = s
		}
		out[u], _ = mean(lvl, map[string]float64{"P1": 2, "P2": 1})
	}
	return out
}

func TestCompositeMatchesIndependent(t *testing.T) {
	fw := mustLoad(t, "../testdata/frameworks/composite.toml")
	subs := readFile(t, "../testdata/composite.csv", fw)
	ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]map[string]float64{}
	var units []string
	for _, s := range subs {
		units = append(units, s.Unit)
		values[s.Unit] = map[string]float64{}
		for code, e := range s.All() {
			if e.Self().Set {
				values[s.Unit][code] = e.Self().Num
			}
		}
	}
	want := composite(values, units)
	got := map[string]float64{}
	for _, u := range ev.Units {
		got[u.Code] = u.Score
	}
	for _, u := range units {
		if math.Abs(got[u]-want[u]) > 1e-9 {
			t.Errorf("%s: score %.12f, independent %.12f", u, got[u], want[u])
		}
	}
	// Units come in rank order, ranks are competition ranks of the scores.
	for i := 1; i < len(ev.Units); i++ {
		if ev.Units[i].Score > ev.Units[i-1].Score {
			t.Errorf("units not in rank order at %d", i)
		}
	}
}

func TestEvaluateBasesAndLoss(t *testing.T) {
	fw, err := indicators.Decode([]byte(fixture.SmallFramework), "small.toml")
	if err != nil {
		t.Fatal(err)
	}
	subs := []*submission.Submission{
		// claimed 100 % and 100 % → 10/10; appraised A1 at 50 % → 3 + 4 = 7 → 70.
		fixture.Sub("X", "A1=100/50", "A2=100"),
		// A2 not applicable: 6·0.9 = 5.4 of 6 → 90.
		fixture.Sub("Y", "A1=90", "A2=NA"),
		// A1 missing (zero): 0 + 4·0.8 = 3.2 of 10 → 32.
		fixture.Sub("Z", "A2=80"),
	}
	ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Code           string
		Score, Claimed float64
		Rank           int
		Class          string
		Loss, DomainDG float64
		DomainAR       float64
	}
	var got []row
	for _, u := range ev.Units {
		got = append(got, row{u.Code, u.Score, u.Claimed, u.Rank, u.Class, u.Loss, u.Domains[0], u.Domains[1]})
	}
	want := []row{
		// Y: DG = A1 only: 5.4/6 = 90; AR: A2 n/a → NaN.
		{"Y", 90, 90, 1, "Tốt", 0, 90, math.NaN()},
		// X: DG = 3/6 = 50; AR = 4/4 = 100; claimed 100; lost 6 − 3 = 3 points.
		{"X", 70, 100, 2, "Trung bình", 3, 50, 100},
		// Z: DG = 0/6; AR = 3.2/4 = 80.
		{"Z", 32, 32, 3, "Yếu", 0, 0, 80},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool {
		return a == b || math.Abs(a-b) < 1e-9 || (math.IsNaN(a) && math.IsNaN(b))
	})); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	x := ev.Units[1]
	ir, ok := ev.Indicator(x, "A1")
	if !ok || ir.Basis != "appraised" || ir.Value != 50 || ir.Points != 3 || ir.SelfPts != 6 || ir.Lost != 3 {
		t.Errorf("X A1 = %+v", ir)
	}
	// The self basis scores what the wards claimed.
	evSelf, err := Evaluate(fw, &submission.Batch{Submissions: subs}, &Options{Basis: BasisSelf})
	if err != nil {
		t.Fatal(err)
	}
	if evSelf.Units[0].Code != "X" || evSelf.Units[0].Score != 100 {
		t.Errorf("self basis: first %s %v, want X 100", evSelf.Units[0].Code, evSelf.Units[0].Score)
	}
}

func TestVetoIneligibleForAwards(t *testing.T) {
	src := strings.Replace(fixture.SmallFramework, "max_points = 0.0\nveto = true\nrule = {kind = \"steps\", steps = [[0.0, 0.0]]}", "max_points = 1.0\nveto = true\nrule = {kind = \"steps\", steps = [[0.0, 1.0]]}", 1)
	src = strings.Replace(src, "[[class]]", "[[award]]\nname = \"Cờ\"\nname_en = \"Flag\"\nmin_class = \"Tốt\"\ncount = 1\n\n[[class]]", 1)
	src = strings.Replace(src, "precision = 2\n", "precision = 2\nveto_cap = \"Trung bình\"\n", 1)
	fw, err := indicators.Decode([]byte(src), "veto.toml")
	if err != nil {
		t.Fatal(err)
	}
	// X: 10 + 0 (one incident) of 11 = 90.9 → Tốt, capped at Trung bình, no award.
	// Y: 6·0.95 + 4·0.9 + 1 = 10.3 of 11 = 93.6 → Tốt, awarded.
	ev, err := Evaluate(fw, &submission.Batch{Submissions: []*submission.Submission{fixture.Sub("X", "A1=100", "A2=100", "V=1"), fixture.Sub("Y", "A1=95", "A2=90", "V=0")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range ev.Units {
		switch u.Code {
		case "X":
			if u.Class != "Trung bình" || len(u.VetoFailed) != 1 || u.Awards[0].Awarded || u.Awards[0].Reason != "veto" {
				t.Errorf("X: class %q veto %v awards %+v", u.Class, u.VetoFailed, u.Awards)
			}
		case "Y":
			if u.Class != "Tốt" || !u.Awards[0].Awarded {
				t.Errorf("Y: class %q awards %+v", u.Class, u.Awards)
			}
		}
	}
}

// TestSortUnits compares the counting sort of units with a plain sort on
// (rank, unranked last, code).
func TestSortUnits(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 50; trial++ {
		n := rng.IntN(300)
		units := make([]*Unit, n)
		for i := range units {
			units[i] = &Unit{Code: fmt.Sprintf("U%03d", rng.IntN(1000)) + strconv.Itoa(i), Rank: rng.IntN(n/3 + 2)}
		}
		want := slices.Clone(units)
		slices.SortFunc(want, func(a, b *Unit) int {
			ra, rb := a.Rank, b.Rank
			if ra == 0 {
				ra = n + 1
			}
			if rb == 0 {
				rb = n + 1
			}
			if ra != rb {
				return ra - rb
			}
			return strings.Compare(a.Code, b.Code)
		})
		sortUnits(units)
		if !slices.Equal(units, want) {
			t.Fatalf("trial %d: order differs", trial)
		}
	}
}

// TestFillOrder checks that the order entries were made in, unknown codes
// and missing entries do not change the results, and that a matrix reused
// from an earlier evaluation leaves nothing behind.
func TestFillOrder(t *testing.T) {
	fw := benchFramework(t)
	subs := benchSubmissions(fw, 300)
	inOrder := make([]*submission.Submission, len(subs))
	reversed := make([]*submission.Submission, len(subs))
	skip := func(u, j int) bool { // missing entries
		if u%5 == 0 {
			return j == u%len(fw.Indicators) // one; with the unknown code below, as many entries as indicators
		}
		return (u+j)%37 == 0
	}
	for u, s := range subs {
		a := &submission.Submission{Unit: s.Unit, Name: s.Name}
		b := &submission.Submission{Unit: s.Unit, Name: s.Name}
		for j, ind := range fw.Indicators {
			if !skip(u, j) {
				copyEntry(a.Entry(ind.Code), s.Lookup(ind.Code))
			}
		}
		for j := len(fw.Indicators) - 1; j >= 0; j-- {
			if code := fw.Indicators[j].Code; !skip(u, j) {
				copyEntry(b.Entry(code), s.Lookup(code))
			}
			if j == 50 {
				b.Entry("KHÔNG.CÓ").SetSelf(submission.Value{Num: 1, Set: true})
			}
		}
		if u%5 == 0 {
			a.Entry("KHÔNG.CÓ")
		}
		inOrder[u], reversed[u] = a, b
	}
	summary := func(ev *Evaluation) []string {
		var out []string
		for _, un := range ev.Units {
			line := fmt.Sprintf("%s %v %v %d %v %v %v %v", un.Code, un.Score, un.HasScore, un.Rank, un.Claimed, un.Loss, un.Domains, un.ZeroCount)
			for ir := range ev.Indicators(un) {
				line += fmt.Sprintf(" %v/%v/%v/%v/%v", ir.Status, ir.Points, ir.Basis, ir.SelfPts, ir.Lost)
			}
			out = append(out, line)
		}
		return out
	}
	eval := func(subs []*submission.Submission) []string {
		ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return summary(ev)
	}
	want := eval(inOrder)
	if diff := cmp.Diff(want, eval(reversed)); diff != "" {
		t.Errorf("entries in reverse order (-framework order +reversed):\n%s", diff)
	}
	// A reused matrix holding other values is filled as a fresh one is.
	comp, err := compile(fw)
	if err != nil {
		t.Fatal(err)
	}
	codes := make([]string, len(inOrder))
	nI := len(fw.Indicators)
	filled := func(dirty bool) [2]*scoring.Matrix {
		ev := &Evaluation{Framework: fw, Basis: BasisAppraised, comp: comp, valueBasis: make([]uint8, len(codes)*nI)}
		m := [2]*scoring.Matrix{scoring.NewMatrix(codes, nI), scoring.NewMatrix(codes, nI)}
		if dirty {
			for _, x := range m {
				for i := range x.States {
					x.Set(i/nI, i%nI, 12345)
				}
			}
			for i := range ev.valueBasis {
				ev.valueBasis[i] = 7
			}
		}
		ev.fill(inOrder, 0, m[0])
		m[1] = ev.selfMatrix(inOrder, m[0])
		return m
	}
	if diff := cmp.Diff(filled(false), filled(true)); diff != "" {
		t.Errorf("fill over a used matrix (-fresh +used):\n%s", diff)
	}
	missing := 0
	for _, line := range want {
		missing += strings.Count(line, "missing-zero")
	}
	if want := 60 + 240*100/37 - 10; missing < want {
		t.Errorf("only %d cells missing; the test data leaves out about %d", missing, want)
	}
}

// TestPointsMatchIndicators: Points gives, for every unit and indicator,
// the points, maximum, score and status Indicators gives, on units with
// appraised, not applicable and missing values (points earned by hand in
// TestEvaluateBasesAndLoss: X 7, Y 5.4, Z 3.2).
func TestPointsMatchIndicators(t *testing.T) {
	fw, err := indicators.Decode([]byte(fixture.SmallFramework), "small.toml")
	if err != nil {
		t.Fatal(err)
	}
	subs := []*submission.Submission{fixture.Sub("X", "A1=100/50", "A2=100"), fixture.Sub("Y", "A1=90", "A2=NA"), fixture.Sub("Z", "A2=80")}
	ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	total := map[string]float64{}
	for _, u := range ev.Units {
		j := 0
		for ir := range ev.Indicators(u) {
			pts, mx, score, st := ev.Points(u, j)
			if pts != ir.Points || mx != ir.Max || score != ir.Score || st != ir.Status {
				t.Errorf("%s %s: Points %v %v %v %v, Indicators %v %v %v %v", u.Code, ir.Code, pts, mx, score, st, ir.Points, ir.Max, ir.Score, ir.Status)
			}
			if st.Counted() {
				total[u.Code] += pts
			}
			j++
		}
	}
	for code, want := range map[string]float64{"X": 7, "Y": 5.4, "Z": 3.2} {
		if math.Abs(total[code]-want) > 1e-9 {
			t.Errorf("%s earned %v points, want %v", code, total[code], want)
		}
	}
}

// copyEntry copies src's values, flag and details into dst.
func copyEntry(dst, src submission.Entry) {
	dst.SetSelf(src.Self())
	dst.SetNA(src.NA())
	dst.SetAppraised(src.Appraised())
	dst.SetEvidence(src.Evidence())
	dst.SetReason(src.Reason())
	dst.SetNote(src.Note())
}
