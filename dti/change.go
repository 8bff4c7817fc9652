package dti

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Prior is a unit's result in the previous year, as progress compares it.
type Prior struct {
	Code   string
	Period string
	Score  float64
	Rank   int // 0 when estimated from predecessors (it was not ranked)
	Class  string
	Nodes  map[string]float64 // node scores by code
}

// PriorOf returns the results of ev's units as priors, by unit code.
func PriorOf(ev *Evaluation) map[string]Prior {
	out := map[string]Prior{}
	for _, u := range ev.Units {
		if !u.HasScore {
			continue
		}
		p := Prior{Code: u.Code, Period: u.Period, Score: u.Score, Rank: u.Rank, Class: u.Class, Nodes: map[string]float64{}}
		for nr := range ev.Nodes(u) {
			if nr.Status.Counted() {
				p.Nodes[nr.Code] = nr.Score
			}
		}
		out[u.Code] = p
	}
	return out
}

// Change is a unit's progress since the previous year.
type Change struct {
	From      string             `json:"from"`         // the previous year
	Score     float64            `json:"score"`        // index now − index then
	Rank      int                `json:"rank"`         // places gained (rank then − rank now); 0 when estimated
	Class     string             `json:"class"`        // the class then
	Nodes     map[string]float64 `json:"nodes"`        // per node present both years: score now − score then
	Estimated bool               `json:"estimated"`    // the previous values are weighted means of predecessors
	Of        []string           `json:"of,omitempty"` // the predecessors, when estimated
	Prior     float64            `json:"prior_score"`  // the index then
}

// MapRow is one line of a units map: in year Year the unit To continues
// From, with Weight (such as the residents that moved).
type MapRow struct {
	Year     string
	From, To string
	Weight   float64
}

// ReadUnitsMap reads a units map from CSV with the header
// year,from,to,weight; every error names the file, line and column.
func ReadUnitsMap(r io.Reader, name string) ([]MapRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: dòng 1: %v / line 1: %v", name, err, err)
	}
	for i, want := range []string{"year", "from", "to", "weight"} {
		if strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff")) != want {
			return nil, fmt.Errorf("%s: dòng 1, cột %d: cần tiêu đề %q / line 1, column %d: want header %q", name, i+1, want, i+1, want)
		}
	}
	var out []MapRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(rec[3]), 64)
		if err != nil || !(w > 0) || math.IsInf(w, 0) { // !(w > 0) refuses NaN too
			return nil, fmt.Errorf("%s: dòng %d, cột 4: trọng số %q phải là số dương / line %d, column 4: weight %q must be a positive number", name, line, rec[3], line, rec[3])
		}
		row := MapRow{Year: strings.TrimSpace(rec[0]), From: strings.TrimSpace(rec[1]), To: strings.TrimSpace(rec[2]), Weight: w}
		if row.From == "" || row.To == "" {
			return nil, fmt.Errorf("%s: dòng %d: thiếu mã đơn vị / line %d: a unit code is missing", name, line, line)
		}
		out = append(out, row)
	}
}

// Changes compares cur with the previous year's results: a unit present
// then is compared with itself; a unit that the units map makes the
// successor of units present then is compared with the weighted means of
// their index and node scores, marked as estimated (no rank change: it
// was not ranked then). Units with neither have no change.
func Changes(prior map[string]Prior, cur *Evaluation, m []MapRow) map[string]Change {
	out := map[string]Change{}
	for _, u := range cur.Units {
		if !u.HasScore {
			continue
		}
		p, ok := prior[u.Code]
		var of []string
		if !ok {
			p, of, ok = estimate(prior, u.Code, u.Period, m)
		}
		if !ok {
			continue
		}
		c := Change{From: p.Period, Score: u.Score - p.Score, Class: p.Class, Nodes: map[string]float64{}, Estimated: of != nil, Of: of, Prior: p.Score}
		if p.Rank > 0 && u.Rank > 0 && of == nil {
			c.Rank = p.Rank - u.Rank
		}
		for nr := range cur.Nodes(u) {
			if v, ok := p.Nodes[nr.Code]; ok && nr.Status.Counted() && !math.IsNaN(nr.Score) {
				c.Nodes[nr.Code] = nr.Score - v
			}
		}
		out[u.Code] = c
	}
	return out
}

// estimate is the weighted mean of the predecessors' results of unit to,
// from the rows of the map for its year (or with no year).
func estimate(prior map[string]Prior, to, year string, m []MapRow) (Prior, []string, bool) {
	var sum, score float64
	nodes, wn := map[string]float64{}, map[string]float64{}
	var of []string
	period := ""
	for _, r := range m {
		if r.To != to || r.Year != "" && year != "" && r.Year != year {
			continue
		}
		p, ok := prior[r.From]
		if !ok {
			continue
		}
		of = append(of, r.From)
		period = p.Period
		sum += r.Weight
		score += r.Weight * p.Score
		for k, v := range p.Nodes {
			nodes[k] += r.Weight * v
			wn[k] += r.Weight
		}
	}
	if sum == 0 {
		return Prior{}, nil, false
	}
	for k := range nodes {
		nodes[k] /= wn[k]
	}
	return Prior{Code: to, Period: period, Score: score / sum, Nodes: nodes}, of, true
}
