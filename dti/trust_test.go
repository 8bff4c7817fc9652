package dti

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestNAPolicy: not applicable counts only where the framework allows it.
// NA on AT.3 (the veto: serious security incidents) is an error at its
// cell, and a unit scored without the check still fails the veto: the NA
// is a missing value, never a way out. NA on CC.11 (allowed) leaves the
// denominator, is listed, and lowers the unit's coverage by CC.11's share
// of the index: 1 point of 100.
func TestNAPolicy(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	data, err := os.ReadFile("../testdata/wards.csv")
	if err != nil {
		t.Fatal(err)
	}
	// PC's AT.3 becomes NA; so does its CC.11.
	recs := readRecords(t, data)
	at3, cc11 := slices.Index(recs[0], "AT.3"), slices.Index(recs[0], "CC.11")
	for _, r := range recs {
		if r[0] == "PC" {
			r[at3], r[cc11] = "NA", "NA"
		}
	}
	subs, err := submission.ReadCSV(writeRecords(t, recs), "wards.csv", fw, nil)
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
			atErr = strings.Contains(msg, "wards.csv, line 2, column "+letters(at3)+" (AT.3), unit PC, indicator AT.3: error: the framework does not allow this indicator to be declared not applicable (NA)")
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
	fw := mustLoad(t, "ward-unified-2025")
	data, err := os.ReadFile("../testdata/wards.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, data)
	col, pop := slices.Index(recs[0], "DT.1"), slices.Index(recs[0], "population")
	perCapita := map[string]float64{} // unit → cameras per 10,000 residents
	for _, f := range recs[1:] {
		v, _ := strconv.ParseFloat(f[col], 64)
		p, _ := strconv.ParseFloat(f[pop], 64)
		if f[0] == "PC" {
			f[col] = strconv.FormatFloat(100*v, 'f', -1, 64)
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
	before, after := evaluate(string(data)), evaluate(string(writeRecords(t, recs)))
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

// TestWardsCSVMatchesForms: testdata/wards.csv, the 2024 sample in the CSV
// wide form with its appraised values, reasons and evidence in CODE:…
// columns, scores exactly as the 14 filled forms: the same index, rank,
// class, claimed index and awards for every ward. Evidence in CSV counts:
// the wards that have it are eligible for awards.
func TestWardsCSVMatchesForms(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	srcs, _, err := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	if err != nil {
		t.Fatal(err)
	}
	forms, err := Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/wards.csv")
	if err != nil {
		t.Fatal(err)
	}
	csvSrc := []submission.Source{{Name: "wards.csv", Size: int64(len(data)), Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}}
	wide, err := Evaluate(fw, submission.Ingest(csvSrc, fw, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Code, Class     string
		Score, Claimed  float64
		Rank            int
		Awards, Flagged string
		EvidenceOK      bool
	}
	rows := func(ev *Evaluation) []row {
		var out []row
		for _, u := range ev.Units {
			out = append(out, row{u.Code, u.Class, u.Score, u.Claimed, u.Rank, strings.Join(u.AwardNames(), ";"), strings.Join(u.Flagged, ";"), u.EvidenceOK})
		}
		return out
	}
	if diff := cmp.Diff(rows(forms), rows(wide), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("wards.csv scores differently from the forms (-forms +csv):\n%s", diff)
	}
	eligible := 0
	for _, u := range wide.Units {
		for _, a := range u.Awards {
			if a.Eligible {
				eligible++
				break
			}
		}
	}
	if eligible == 0 {
		t.Error("no ward of wards.csv is eligible for an award; evidence in CODE:evidence columns should count")
	}
}

// readRecords and writeRecords read and write a CSV file for a test to edit.
func readRecords(t *testing.T, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeRecords(t *testing.T, recs [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// letters is the spreadsheet name of the 0-based column i: A, …, Z, AA, ….
func letters(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return letters(i/26-1) + string(rune('A'+i%26))
}
