package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// dtiRun runs the command and returns its exit code and outputs.
func dtiRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

type resultsDoc struct {
	Framework struct {
		ID    string  `json:"id"`
		Scale float64 `json:"scale"`
	} `json:"framework"`
	Units []struct {
		Code  string   `json:"code"`
		Name  string   `json:"name"`
		Score *float64 `json:"score"`
		Rank  int      `json:"rank"`
		Class string   `json:"class"`
	} `json:"units"`
	Rejected []struct {
		File   string   `json:"file"`
		Errors []string `json:"errors"`
	} `json:"rejected"`
}

func readResults(t *testing.T, dir string) resultsDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc resultsDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFrameworkCommands(t *testing.T) {
	code, out, _ := dtiRun(t, "framework", "list")
	if code != 0 {
		t.Fatalf("list exit %d", code)
	}
	for _, id := range []string{"ward-unified-2025", "dti-province-2022", "dti-province-2020"} {
		if !strings.Contains(out, id) {
			t.Errorf("list output lacks %s:\n%s", id, out)
		}
	}
	dir := t.TempDir()
	for _, id := range indicators.Embedded() {
		code, out, errs := dtiRun(t, "framework", "export", id)
		if code != 0 {
			t.Fatalf("export %s: exit %d %s", id, code, errs)
		}
		path := filepath.Join(dir, id+".toml")
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, out, errs := dtiRun(t, "framework", "check", path); code != 0 || !strings.Contains(out, "hợp lệ") {
			t.Errorf("check %s export: exit %d\n%s%s", id, code, out, errs)
		}
		if code, out, _ := dtiRun(t, "framework", "show", id); code != 0 || !strings.Contains(out, "Xếp loại") {
			t.Errorf("show %s: exit %d\n%s", id, code, out)
		}
	}
	code, _, errs := dtiRun(t, "framework", "check", "../../testdata/frameworks/broken.toml")
	if code != 1 {
		t.Errorf("check broken: exit %d, want 1", code)
	}
	for _, want := range []string{"broken.toml:8:", "broken.toml:15:", "broken.toml:19:", "broken.toml:32:", "broken.toml:45:", "broken.toml:50:", "broken.toml:62:", "broken.toml:67:", "broken.toml:69:", "broken.toml:79:"} {
		if !strings.Contains(errs, want) {
			t.Errorf("check broken: no %q in\n%s", want, errs)
		}
	}
	if code, _, _ := dtiRun(t, "framework", "check"); code != 2 {
		t.Errorf("check without files: exit %d, want 2", code)
	}
	if code, _, errs := dtiRun(t, "framework", "check", "--lang", "en", "../../testdata/frameworks/broken.toml"); code != 1 || !strings.Contains(errs, `invalid missing policy "maybe"`) {
		t.Errorf("check --lang en: exit %d\n%s", code, errs)
	}
}

func TestScoreProvince(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := dtiRun(t, "score", "-f", "dti-province-2022", "../../testdata/danang-2022.csv", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	doc := readResults(t, dir)
	// Published DTI 2022 for Đà Nẵng: 0.8002 (0.800175 unrounded).
	if len(doc.Units) != 1 || doc.Units[0].Score == nil || *doc.Units[0].Score < 0.80017 || *doc.Units[0].Score > 0.80018 {
		t.Errorf("units = %+v", doc.Units)
	}
	if !strings.Contains(out, "0,8002") {
		t.Errorf("summary lacks 0,8002:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "results.csv")); err != nil {
		t.Error(err)
	}
}

func TestScoreSampleAndWards(t *testing.T) {
	for _, args := range [][]string{{"--sample", "--sample-year", "2024"}, {"-f", "ward-unified-2025", "../../testdata/wards.csv"}, {"--sample", "--sample-year", "2023"}} {
		dir := t.TempDir()
		code, out, errs := dtiRun(t, append([]string{"score", "-o", dir}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
		doc := readResults(t, dir)
		if len(doc.Units) != 14 || len(doc.Rejected) != 0 {
			t.Fatalf("%v: %d units, %d rejected", args, len(doc.Units), len(doc.Rejected))
		}
		names := map[string]bool{}
		for i, u := range doc.Units {
			names[u.Name] = true
			if i > 0 && u.Rank < doc.Units[i-1].Rank {
				t.Errorf("%v: units not in rank order", args)
			}
		}
		for _, n := range []string{"Phường Tương Bình Hiệp", "Phường Chánh Nghĩa", "Phường Phú Cường", "Phường Hòa Phú"} {
			if !names[n] {
				t.Errorf("%v: no %s", args, n)
			}
		}
		for _, u := range doc.Units {
			if u.Code == "PT" && u.Class != "Trung bình" && u.Class != "Yếu" {
				t.Errorf("%v: Phú Tân failed the veto but is %q", args, u.Class)
			}
		}
	}
}

func TestTemplateCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "form.xlsx")
	code, out, errs := dtiRun(t, "template", "-o", path, "--unit", "PC", "--name", "Phường Phú Cường", "--year", "2025")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := indicators.Load(indicators.Default)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := submission.ReadXLSX(data, path, fw)
	if err != nil {
		t.Fatal(err)
	}
	if s := subs[0]; s.Unit != "PC" || s.Name != "Phường Phú Cường" || s.Period != "2025" {
		t.Errorf("template unit fields read back as %q %q %q", s.Unit, s.Name, s.Period)
	}
	if code, _, _ := dtiRun(t, "template"); code != 2 {
		t.Errorf("template without -o: exit %d, want 2", code)
	}
}

func TestBadFolderCommands(t *testing.T) {
	code, out, _ := dtiRun(t, "validate", "-f", "ward-unified-2025", "../../testdata/bad")
	if code != 1 || !strings.Contains(out, "corrupt.xlsx") || !strings.Contains(out, "utf16.csv") {
		t.Errorf("validate bad: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	code, out, errs := dtiRun(t, "score", "-f", "ward-unified-2025", "../../testdata/bad", "-o", dir)
	if code != 0 {
		t.Fatalf("score bad: exit %d\n%s%s", code, out, errs)
	}
	doc := readResults(t, dir)
	if len(doc.Units) != 4 || len(doc.Rejected) < 19 {
		t.Errorf("score bad: %d units, %d rejected", len(doc.Units), len(doc.Rejected))
	}
	// Not a terminal: no progress bar, no control characters.
	if strings.ContainsRune(errs, '\x1b') || strings.ContainsRune(errs, '\r') {
		t.Errorf("control characters on a non-terminal stderr: %q", errs)
	}
	if code, _, _ := dtiRun(t, "score", "-f", "ward-unified-2025", "../../testdata/bad", "-o", t.TempDir(), "--strict"); code != 1 {
		t.Errorf("score --strict with rejections: exit %d, want 1", code)
	}
}
