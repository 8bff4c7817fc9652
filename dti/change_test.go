package dti

import (
	"math"
	"strings"
	"testing"
)

func TestReadUnitsMap(t *testing.T) {
	for _, c := range []struct{ name, src, err string }{
		{"good", "year,from,to,weight\n2025,A,N,100\n2025,B,N,300\n", ""},
		{"bom", "\ufeffyear,from,to,weight\n2025,A,N,1\n", ""},
		{"header", "year,from,to,share\n", `line 1, column 4: want header "weight"`},
		{"weight", "year,from,to,weight\n2025,A,N,-1\n", `line 2, column 4: weight "-1" must be a positive number`},
		{"text weight", "year,from,to,weight\n2025,A,N,nhiều\n", `line 2, column 4`},
		{"NaN weight", "year,from,to,weight\n2025,A,N,NaN\n", `line 2, column 4: weight "NaN" must be a positive number`},
		{"code", "year,from,to,weight\n2025,,N,1\n", "line 2: a unit code is missing"},
		{"columns", "year,from,to,weight\n2025,A,N\n", "wrong number of fields"},
	} {
		rows, err := ReadUnitsMap(strings.NewReader(c.src), "map.csv")
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "map.csv")):
			t.Errorf("%s: error %v, want %q with the file", c.name, err, c.err)
		case c.name == "good" && (len(rows) != 2 || rows[1] != MapRow{"2025", "B", "N", 300}):
			t.Errorf("good: %+v", rows)
		}
	}
}

// TestEstimate: a merged unit is compared with the weighted mean of its
// predecessors present the year before; one absent is left out.
func TestEstimate(t *testing.T) {
	prior := map[string]Prior{
		"A": {Code: "A", Period: "2024", Score: 80, Nodes: map[string]float64{"P": 70}},
		"B": {Code: "B", Period: "2024", Score: 60, Nodes: map[string]float64{"P": 50, "Q": 10}},
	}
	m := []MapRow{{"2025", "A", "N", 100}, {"2025", "B", "N", 300}, {"2025", "GONE", "N", 1000}, {"2024", "A", "N", 5}}
	p, of, ok := estimate(prior, "N", "2025", m)
	// (100·80 + 300·60) / 400 = 65; P: (100·70 + 300·50) / 400 = 55; Q only from B.
	if !ok || math.Abs(p.Score-65) > 1e-12 || math.Abs(p.Nodes["P"]-55) > 1e-12 || p.Nodes["Q"] != 10 || strings.Join(of, ",") != "A,B" {
		t.Errorf("estimate %+v of %v", p, of)
	}
	if _, _, ok := estimate(prior, "M", "2025", m); ok {
		t.Error("a unit the map does not name has an estimate")
	}
}

// FuzzReadUnitsMap: a units map is untrusted input: it never panics, and
// every row it accepts names both units and has a positive, finite weight.
func FuzzReadUnitsMap(f *testing.F) {
	f.Add("year,from,to,weight\n2025,A,N,100\n2025,B,N,300\n")
	f.Add("\ufeffyear,from,to,weight\n2025,A,N,1e308\n")
	f.Add("year,from,to,weight\n2025,A,N,NaN\n")
	f.Add("year,from,to,weight\n\"2025\",\"A\nB\",N,1\n")
	f.Fuzz(func(t *testing.T, src string) {
		rows, err := ReadUnitsMap(strings.NewReader(src), "map.csv")
		if err != nil {
			if !strings.Contains(err.Error(), "map.csv") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.From == "" || r.To == "" || !(r.Weight > 0) || math.IsInf(r.Weight, 0) {
				t.Fatalf("accepted %+v", r)
			}
		}
	})
}
