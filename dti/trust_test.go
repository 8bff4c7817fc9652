package dti

import (
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// TestNAPolicy: not applicable counts only where the framework allows it.
// NA on AT.3 (the veto: serious security incidents) is an error at its
// cell, and a unit scored without the check still fails the veto: the NA
// is a missing value, never a way out. NA on CC.11 (allowed) leaves the
// denominator, is listed, and lowers the unit's coverage by CC.11's share
// of the index: 1 point of 100.
func TestNAPolicy(t *testing.T) {
	fw := mustLoad(t, indicators.Default)
	data, err := os.ReadFile("../testdata/wards.csv")
	if err != nil {
		t.Fatal(err)
	}
	// PC's AT.3 becomes NA; so does its CC.11.
	lines := strings.Split(string(data), "\n")
	header := strings.Split(lines[0], ",")
	at3, cc11 := slices.Index(header, "AT.3"), slices.Index(header, "CC.11")
	for i, l := range lines {
		if f := strings.Split(l, ","); strings.HasPrefix(l, "PC,") {
			f[at3], f[cc11] = "NA", "NA"
			lines[i] = strings.Join(f, ",")
		}
	}
	subs, err := submission.ReadCSV([]byte(strings.Join(lines, "\n")), "wards.csv", fw, nil)
	if err != nil {
		t.Fatal(err)
	}
	var pc *submission.Submission
	for _, s := range subs {
		if s.Unit == "PC" {
			pc = s
		}
	}
	submission.Validate(fw, pc)
	var atErr, ccWarn bool
	for _, is := range pc.Issues {
		msg := is.Message(indicators.English)
		switch {
		case is.Indicator == "AT.3" && is.Severity == submission.SevError:
			atErr = strings.Contains(msg, "wards.csv, line 2, column AD (AT.3), unit PC, indicator AT.3: error: the framework does not allow this indicator to be declared not applicable (NA)")
		case is.Indicator == "CC.11" && is.Severity == submission.SevWarning:
			ccWarn = strings.Contains(msg, "declared not applicable (NA)")
		}
	}
	if !atErr || !ccWarn {
		t.Errorf("issues of PC (AT.3 error %v, CC.11 warning %v):\n%v", atErr, ccWarn, pc.Issues)
	}

	// Scored without the check, as a library user might: the veto holds.
	ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var u *Unit
	for _, x := range ev.Units {
		if x.Code == "PC" {
			u = x
		}
	}
	at, _ := ev.Indicator(u, "AT.3")
	if at.Status.String() != "missing-zero" || !slices.Equal(u.VetoFailed, []string{"AT.3"}) || u.ClassIdx < fw.ClassIndex("Trung bình") {
		t.Errorf("PC with NA on AT.3: AT.3 %v, veto failed %v, class %q; want missing, [AT.3], at most Trung bình", at.Status, u.VetoFailed, u.Class)
	}
	cc, _ := ev.Indicator(u, "CC.11")
	if cc.Status.String() != "not-applicable" || !slices.Equal(u.NA, []string{"CC.11"}) {
		t.Errorf("PC CC.11 %v, NA %v; want not applicable, [CC.11]", cc.Status, u.NA)
	}
	// Every indicator of the ward framework weighs its max points out of
	// 100 in the index; PC is scored on all but CC.11's 1 point.
	if d := u.Coverage - 0.99; d > 1e-12 || d < -1e-12 {
		t.Errorf("PC coverage %v, want 0.99", u.Coverage)
	}
}

// TestOutlierCannotTakePoints: Phú Cường reports 100 times its cameras
// (DT.1, scored per 10,000 residents against the 90th percentile, flagged
// above 10 times the median). It is flagged "cần thẩm định" and still
// scored; every other ward keeps its points but for the one step of the
// percentile: the best moves from the 13th to the 14th of the wards'
// values, no further, worked out here from the wards' own figures.
func TestOutlierCannotTakePoints(t *testing.T) {
	fw := mustLoad(t, indicators.Default)
	data, err := os.ReadFile("../testdata/wards.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	header := strings.Split(lines[0], ",")
	col, pop := slices.Index(header, "DT.1"), slices.Index(header, "population")
	perCapita := map[string]float64{} // unit → cameras per 10,000 residents
	for i, l := range lines[1:] {
		f := strings.Split(l, ",")
		v, _ := strconv.ParseFloat(f[col], 64)
		p, _ := strconv.ParseFloat(f[pop], 64)
		if f[0] == "PC" {
			f[col] = strconv.FormatFloat(100*v, 'f', -1, 64)
			lines[i+1] = strings.Join(f, ",")
			v *= 100
		}
		perCapita[f[0]] = v / p * 10000
	}
	evaluate := func(src string) *Evaluation {
		subs, err := submission.ReadCSV([]byte(src), "wards.csv", fw, nil)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	before, after := evaluate(string(data)), evaluate(strings.Join(lines, "\n"))
	points := func(ev *Evaluation) map[string]float64 {
		out := map[string]float64{}
		for _, u := range ev.Units {
			ir, _ := ev.Indicator(u, "DT.1")
			out[u.Code] = ir.Points
		}
		return out
	}
	p0, p1 := points(before), points(after)
	// The 90th percentile of 14 values is the 13th; with PC's value on top
	// it is the 14th of the others' order, i.e. the former largest.
	var others []float64
	for u, v := range perCapita {
		if u != "PC" {
			others = append(others, v)
		}
	}
	sort.Float64s(others) // 13 values; PC's is above them all
	newBest := others[12]
	for u, v := range perCapita {
		if u == "PC" {
			continue
		}
		want := math.Min(v/newBest, 1) // DT.1 has 1 point
		if math.Abs(p1[u]-want) > 1e-9 {
			t.Errorf("%s: DT.1 %v points with PC's outlier, want %v", u, p1[u], want)
		}
		if p1[u] < p0[u]*others[11]/others[12]-1e-9 {
			t.Errorf("%s lost more than one percentile step: %v → %v", u, p0[u], p1[u])
		}
	}
	var pc *Unit
	for _, u := range after.Units {
		if u.Code == "PC" {
			pc = u
		}
	}
	flagged := false
	for _, w := range pc.Warnings {
		flagged = flagged || w.Indicator == "DT.1" && strings.Contains(w.Message(indicators.English), "to be appraised: value") && strings.Contains(w.Message(indicators.English), "times the units' median")
	}
	if !slices.Equal(pc.Flagged, []string{"DT.1"}) || !flagged || p1["PC"] != 1 {
		t.Errorf("PC: flagged %v, warnings %v, DT.1 %v points; want flagged DT.1, scored 1", pc.Flagged, pc.Warnings, p1["PC"])
	}
}
