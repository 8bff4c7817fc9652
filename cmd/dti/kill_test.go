//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestKillScore kills `dti score` at random moments, 20 times, each run
// with its own timestamp (so its own run id), and checks after every kill
// that -o holds one complete set: the manifest's files all there, and
// results.json, report.xlsx and report.pdf recording the manifest's run.
// A last run to completion leaves no temporary folder beside -o.
func TestKillScore(t *testing.T) {
	bin, err := exec.LookPath("dti")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	rng := rand.New(rand.NewPCG(1, 2))
	run := func(epoch int, kill time.Duration) error {
		cmd := exec.Command(bin, "score", "--sample", "-o", out)
		cmd.Env = append(os.Environ(), fmt.Sprintf("SOURCE_DATE_EPOCH=%d", epoch))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill > 0 {
			time.AfterFunc(kill, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		return cmd.Wait()
	}
	// How long a whole run takes here, to spread the kills over it.
	start := time.Now()
	if err := run(1700000000, 0); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	checkSet(t, out)
	killed := 0
	for i := range 20 {
		if err := run(1700000001+i, time.Duration(rng.Int64N(int64(whole*13/10)))); err != nil { // some runs finish
			killed++
		}
		checkSet(t, out)
	}
	t.Logf("%d of 20 runs killed before they finished (a whole run takes %v)", killed, whole)
	if err := run(1800000000, 0); err != nil {
		t.Fatal(err)
	}
	checkSet(t, out)
	left, _ := filepath.Glob(filepath.Join(dir, ".out.dti-*"))
	if len(left) > 0 {
		t.Errorf("temporary folders left after a whole run: %v", left)
	}
}

// checkSet checks that out holds one complete, consistent output set.
func checkSet(t *testing.T, out string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, outputMarker))
	if err != nil {
		t.Fatalf("no manifest: %v", err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"results.json", "results.csv", "report.xlsx", "report.pdf", "report.docx"}
	if strings.Join(m.Files, ",") != strings.Join(want, ",") {
		t.Fatalf("manifest lists %v, want %v", m.Files, want)
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(want)+1 {
		t.Errorf("out holds %d entries, want the %d files and the manifest", len(ents), len(want))
	}
	var res struct{ Run string }
	if data, err = os.ReadFile(filepath.Join(out, "results.json")); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &res); err != nil || res.Run != m.Run {
		t.Fatalf("results.json run %q (%v), manifest %q", res.Run, err, m.Run)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Thông tin")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || len(r) > 1 && r[0] == "Mã lần chạy" && r[1] == m.Run
	}
	if !found {
		t.Errorf("report.xlsx does not record run %s", m.Run)
	}
	if data, err = os.ReadFile(filepath.Join(out, "report.pdf")); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("dti-run:"+m.Run)) {
		t.Errorf("report.pdf does not record run %s", m.Run)
	}
}
