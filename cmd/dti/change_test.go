package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

type changeDoc struct {
	Units []struct {
		Code   string  `json:"code"`
		Score  float64 `json:"score"`
		Rank   int     `json:"rank"`
		Class  string  `json:"class"`
		Change *struct {
			From      string  `json:"from"`
			Score     float64 `json:"score"`
			Rank      int     `json:"rank"`
			Class     string  `json:"class"`
			Estimated bool    `json:"estimated"`
		} `json:"change"`
	} `json:"units"`
}

func readChangeDoc(t *testing.T, path string) changeDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d changeDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestChangeEqualsYearsApart: dti score 2023 2024 gives each 2024 ward
// the change of its index, rank and class since 2023, equal to the two
// years scored in runs of their own.
func TestChangeEqualsYearsApart(t *testing.T) {
	both, y23, y24 := t.TempDir(), t.TempDir(), t.TempDir()
	for _, args := range [][]string{
		{"score", "-f", "ward-unified-2025", "../../testdata/sample/2023", "../../testdata/sample/2024", "-o", both, "--format", "json"},
		{"score", "-f", "ward-unified-2025", "../../testdata/sample/2023", "-o", y23, "--format", "json"},
		{"score", "-f", "ward-unified-2025", "../../testdata/sample/2024", "-o", y24, "--format", "json"},
	} {
		if code, out, errs := dtiRun(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	then := map[string]int{}
	thenScore := map[string]float64{}
	thenClass := map[string]string{}
	for _, u := range readChangeDoc(t, filepath.Join(y23, "results.json")).Units {
		then[u.Code], thenScore[u.Code], thenClass[u.Code] = u.Rank, u.Score, u.Class
	}
	now := readChangeDoc(t, filepath.Join(y24, "results.json"))
	got := readChangeDoc(t, filepath.Join(both, "2024", "results.json"))
	if len(got.Units) != 14 || len(now.Units) != 14 {
		t.Fatalf("%d and %d units", len(got.Units), len(now.Units))
	}
	nowBy := map[string]int{}
	for i, u := range now.Units {
		nowBy[u.Code] = i
	}
	for _, u := range got.Units {
		c := u.Change
		n := now.Units[nowBy[u.Code]]
		if c == nil || c.From != "2023" || c.Estimated {
			t.Fatalf("%s: change %+v", u.Code, c)
		}
		if math.Abs(c.Score-(n.Score-thenScore[u.Code])) > 1e-9 || c.Rank != then[u.Code]-n.Rank || c.Class != thenClass[u.Code] {
			t.Errorf("%s: change %+v; apart: %v − %v, rank %d → %d, class then %s", u.Code, *c, n.Score, thenScore[u.Code], then[u.Code], n.Rank, thenClass[u.Code])
		}
	}
	for _, u := range readChangeDoc(t, filepath.Join(both, "2023", "results.json")).Units {
		if u.Change != nil {
			t.Errorf("%s: the earliest year has a change", u.Code)
		}
	}
}
