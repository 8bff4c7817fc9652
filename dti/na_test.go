package dti

import (
	"os"
	"slices"
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
			atErr = strings.Contains(msg, "wards.csv, line 2, column AA (AT.3), unit PC, indicator AT.3: error: the framework does not allow this indicator to be declared not applicable (NA)")
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
