package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportLimits: a cohort a spreadsheet cannot hold (525 units × 2,000
// indicators need 1,050,001 rows in the values sheet; a sheet has
// 1,048,576) gets an error naming the limit before report.xlsx is
// written, the other outputs are written, and the run exits 1.
func TestReportLimits(t *testing.T) {
	dir := t.TempDir()
	var fw, csv strings.Builder
	fw.WriteString("id = \"wide\"\nname = \"Khung rộng\"\nversion = \"1\"\naggregation = \"mean\"\nnormalize = \"none\"\n")
	csv.WriteString("unit")
	for j := range 2000 {
		fmt.Fprintf(&fw, "[[indicator]]\ncode = \"I%d\"\nname = \"I%d\"\n", j, j)
		fmt.Fprintf(&csv, ",I%d", j)
	}
	csv.WriteString("\n")
	for u := range 525 {
		fmt.Fprintf(&csv, "U%d%s\n", u, strings.Repeat(",50", 2000))
	}
	for name, body := range map[string]string{"wide.toml": fw.String(), "units.csv": csv.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := dtiRun(t, "score", "-f", filepath.Join(dir, "wide.toml"), filepath.Join(dir, "units.csv"), "-o", out, "--format", "json,xlsx")
	if code != 1 || !strings.Contains(stderr, "report.xlsx: không ghi được: trang Số liệu (một dòng cho mỗi đơn vị và chỉ tiêu) số dòng cần 1050001, tối đa 1048576") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "results.json")); err != nil {
		t.Errorf("results.json not written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "report.xlsx")); err == nil {
		t.Error("report.xlsx written")
	}
}
