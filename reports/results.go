package reports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

// jnum is a float written as a JSON number, or null when NaN.
type jnum float64

func (v jnum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func opt(v float64, ok bool) jnum {
	if !ok {
		return jnum(math.NaN())
	}
	return jnum(v)
}

type jsonFramework struct {
	ID        string  `json:"id"`
	Version   string  `json:"version"`
	Scale     float64 `json:"scale"`
	Name      string  `json:"name"`
	Hash      string  `json:"hash"`
	Precision *int    `json:"precision,omitempty"`
}

type jsonNode struct {
	Score jnum `json:"score"`
	// points and max are omitted where the node carries no points (max
	// 0 and points 0 or none: every node of a framework that normalises).
	Points *jnum    `json:"points,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Rank   int      `json:"rank"`
	Status string   `json:"status"`
}

type jsonDomain struct {
	Score jnum `json:"score"`
	Rank  int  `json:"rank"`
}

type jsonIndicator struct {
	Value       jnum     `json:"value"`
	Raw         string   `json:"raw,omitempty"`
	ScoredValue *jnum    `json:"scored_value,omitempty"` // the value per resident, km² or household, where the framework scores it so
	Basis       string   `json:"basis"`
	Status      string   `json:"status"`
	Points      *float64 `json:"points,omitempty"`
	Max         *float64 `json:"max,omitempty"`
	Score       float64  `json:"score"`
	// Omitted when they say nothing new (#13: a third of results.json):
	// raw when it is value as JSON writes it, self when value is the
	// self-assessed one, self_points when equal to points, lost when 0;
	// points and max where the indicator carries no points (both 0, as
	// in every framework that normalises: 131 → 107 MB on 10,000 × 100).
	Self       *jnum    `json:"self,omitempty"`
	SelfPoints *float64 `json:"self_points,omitempty"`
	Lost       float64  `json:"lost,omitempty"`
	Evidence   []string `json:"evidence,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	Note       string   `json:"note,omitempty"`
	// text, when set, is Value as appendJSON writes it, formatted already.
	text []byte
}

type jsonUnit struct {
	Code          string             `json:"code"`
	Name          string             `json:"name"`
	Period        string             `json:"period,omitempty"`
	File          string             `json:"file,omitempty"`
	Score         jnum               `json:"score"`
	Rank          int                `json:"rank"`
	Class         string             `json:"class"`
	ClaimedScore  jnum               `json:"claimed_score"`
	AppraisalLoss float64            `json:"appraisal_loss"`
	VetoFailed    []string           `json:"veto_failed"`
	Attributes    map[string]float64 `json:"attributes,omitempty"` // population, area, households
	Flagged       []string           `json:"flagged"`              // values flagged "cần thẩm định", still scored
	Coverage      float64            `json:"coverage"`             // share of the index the unit is scored on
	NotApplicable []string           `json:"not_applicable"`       // indicators declared not applicable, where allowed
	// nodes, domains and indicators come here, written by appendUnit
}

// jsonUnitTail is the part of a unit's object after its indicators.
type jsonUnitTail struct {
	Awards       []string          `json:"awards"`
	AwardDetails []dti.AwardResult `json:"award_details"`
	Reasons      dti.Reasons       `json:"reasons"` // why this class, and why each award was given or not
	Uncertainty  *jsonUncertainty  `json:"uncertainty,omitempty"`
	Change       *dti.Change       `json:"change,omitempty"` // progress since the previous year
	// warnings follow, written by appendUnit
}

// jsonUncertainty is a unit's Monte Carlo ranks and probabilities.
type jsonUncertainty struct {
	MedianRank int             `json:"median_rank"`
	RankP05    int             `json:"rank_p05"`
	RankP95    int             `json:"rank_p95"`
	PClass     map[string]jnum `json:"p_class"` // null when no run was on the framework's scale
	PAward     map[string]jnum `json:"p_award"`
}

type jsonRejected struct {
	File   string   `json:"file"`
	Unit   string   `json:"unit,omitempty"`
	Errors []string `json:"errors"`
}

// WriteJSON writes the evaluation in the results.json contract: framework
// {id, version, scale}, units in rank order with code, name, score
// (unrounded, on the framework's scale), rank, class, nodes, domains,
// indicators, awards and warnings, and the rejected submissions. Messages
// are in lang.
func WriteJSON(w io.Writer, ev *dti.Evaluation, opts *Options) error {
	lang := opts.lang()
	bw := bufio.NewWriter(w)
	fw := ev.Framework
	head, err := json.Marshal(jsonFramework{ID: fw.ID, Version: fw.Version, Scale: fw.Scale, Name: fw.DisplayName(lang), Hash: ev.Hash, Precision: fw.Precision})
	if err != nil {
		return err
	}
	bw.WriteString(`{"framework":`)
	bw.Write(head)
	bb, _ := json.Marshal(string(ev.Basis))
	bw.WriteString(`,"basis":`)
	bw.Write(bb)
	if opts != nil && opts.RunID != "" {
		rb, _ := json.Marshal(opts.RunID)
		bw.WriteString(`,"run":`)
		bw.Write(rb)
	}
	bw.WriteString(`,"units":[`)
	// Units are encoded on every core (TestWriteJSONCores): `dti score
	// --format json` of the harness's 10,000 × 100 CSV 2.58–2.67 →
	// 2.32–2.49 s (three runs each).
	err = writeChunks(bw, len(ev.Units), 64, func(b []byte, lo, hi int) ([]byte, error) {
		ue := newUnitEncoder()
		for i := lo; i < hi; i++ {
			if i > 0 {
				b = append(b, ",\n"...)
			} else {
				b = append(b, '\n')
			}
			var err error
			if b, err = ue.appendUnit(b, ev, ev.Units[i], lang, opts); err != nil {
				return b, err
			}
		}
		return b, nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n],\"rejected\":[")
	for i, r := range ev.Rejected {
		if i > 0 {
			bw.WriteString(",")
		}
		jr := jsonRejected{File: r.File, Unit: r.Unit, Errors: []string{}}
		for _, e := range r.Errors {
			jr.Errors = append(jr.Errors, e.Message(lang))
		}
		b, _ := json.Marshal(jr)
		bw.WriteString("\n")
		bw.Write(b)
	}
	if opts != nil && opts.UncertaintyChoices != nil {
		cb, err := json.Marshal(opts.UncertaintyChoices)
		if err != nil {
			return err
		}
		bw.WriteString("],\"uncertainty\":")
		bw.Write(cb)
		bw.WriteString(",\"audit\":")
	} else {
		bw.WriteString("],\"audit\":")
	}
	ab, err := auditJSON(ev, opts)
	if err != nil {
		return err
	}
	bw.Write(ab)
	bw.WriteString(",\"warnings\":")
	ws := ev.Warnings
	if ws == nil {
		ws = []string{}
	}
	b, _ := json.Marshal(ws)
	bw.Write(b)
	bw.WriteString("}\n")
	return bw.Flush()
}

// appendUnit appends one unit's object: the head and tail by
// encoding/json, the nodes, domains and indicators between them by the
// appenders of jsonappend.go, keys in the framework's order.
func (ue *unitEncoder) appendUnit(b []byte, ev *dti.Evaluation, u *dti.Unit, lang indicators.Lang, opts *Options) ([]byte, error) {
	fw := ev.Framework
	ju := jsonUnit{Code: u.Code, Name: u.Name, Period: u.Period, File: u.File, Score: opt(u.Score, u.HasScore), Rank: u.Rank, Class: fw.ClassName(u.Class, lang),
		ClaimedScore: opt(u.Claimed, u.HasClaimed), AppraisalLoss: u.Loss, VetoFailed: u.VetoFailed, Coverage: u.Coverage, NotApplicable: u.NA}
	tail := jsonUnitTail{Awards: u.AwardNames(), AwardDetails: u.Awards, Reasons: ev.Reasons(u, lang)}
	if opts != nil {
		if c, ok := opts.Changes[u.Code]; ok {
			tail.Change = &c
		}
	}
	if uu, ok := opts.uncertainty(u.Code); ok {
		ju := &jsonUncertainty{MedianRank: uu.Median, RankP05: uu.P05, RankP95: uu.P95, PClass: map[string]jnum{}, PAward: map[string]jnum{}}
		for i, c := range fw.Classes {
			ju.PClass[fw.ClassName(c.Name, lang)] = jnum(uu.PClass[i])
		}
		for i, a := range fw.Awards {
			ju.PAward[fw.AwardName(a.Name, lang)] = jnum(uu.PAward[i])
		}
		tail.Uncertainty = ju
	}
	if ju.NotApplicable == nil {
		ju.NotApplicable = []string{}
	}
	ju.Flagged = u.Flagged
	if ju.Flagged == nil {
		ju.Flagged = []string{}
	}
	if a := u.Attributes(); len(a) > 0 {
		ju.Attributes = map[string]float64{}
		for k, v := range a {
			ju.Attributes[string(k)] = v
		}
	}
	if ju.VetoFailed == nil {
		ju.VetoFailed = []string{}
	}
	if tail.Awards == nil {
		tail.Awards = []string{}
	}
	if tail.AwardDetails == nil {
		tail.AwardDetails = []dti.AwardResult{}
	}
	b, err := ue.marshal(b, ju)
	if err != nil {
		return b, err
	}
	b = b[:len(b)-1] // without its closing brace
	b = append(b, `,"nodes":{`...)
	// What the objects point to, reused from one to the next (a variable
	// per object was an allocation per indicator).
	var ptsMax [2]float64
	var nodePts jnum
	first := true
	for n := range ev.Nodes(u) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, n.Code)
		b = append(b, ':')
		jn := jsonNode{Score: opt(n.Score, n.Status.Counted()), Rank: n.Rank, Status: n.Status.String()}
		if pts := opt(n.Points, n.Status.Counted()); n.Max != 0 || pts != 0 && !math.IsNaN(float64(pts)) {
			nodePts, ptsMax[0] = pts, n.Max
			jn.Points, jn.Max = &nodePts, &ptsMax[0]
		}
		b = jn.appendJSON(b)
	}
	b = append(b, `},"domains":{`...)
	for d, dom := range ev.Domains {
		if d > 0 {
			b = append(b, ',')
		}
		b = appendString(b, dom.Code)
		b = append(b, ':')
		jd := jsonDomain{Score: jnum(u.Domains[d]), Rank: u.DomainRanks[d]}
		b = jd.appendJSON(b)
	}
	b = append(b, `},"indicators":{`...)
	first = true
	j := -1 // Indicators yields in framework order
	var vbuf [32]byte
	for ir := range ev.Indicators(u) {
		j++
		ji := jsonIndicator{Value: opt(ir.Value, ir.HasValue), Basis: string(ir.Basis), Status: ir.Status.String(), Score: ir.Score, Lost: ir.Lost}
		if ir.Points != 0 || ir.Max != 0 {
			ptsMax = [2]float64{ir.Points, ir.Max}
			ji.Points, ji.Max = &ptsMax[0], &ptsMax[1]
		}
		if ir.HasSelf && !(ir.Basis == dti.BasisSelf && ir.HasValue && ir.Value == ir.Self) {
			s := jnum(ir.Self)
			ji.Self = &s
		}
		if ir.SelfPts != ir.Points {
			sp := ir.SelfPts
			ji.SelfPoints = &sp
		}
		if ir.Status == scoring.NA {
			ji.Basis = "not-applicable"
		}
		if ev.Framework.Indicators[j].Per != "" && ir.HasValue { // by position, not by code: the lookup by code was 5 % of the json run
			sv := jnum(ir.Scored)
			ji.ScoredValue = &sv
		}
		if e := ir.Entry; e.OK() {
			switch {
			case ir.Appraised:
				ji.Raw = e.Appraised().Raw
			case ir.HasValue:
				ji.Raw = e.Self().Raw
			}
			ji.Evidence, ji.Reason, ji.Note = e.Evidence(), e.Reason(), e.Note()
			if ir.HasValue {
				// value is written as 'g' formats it: formatted once, here
				var t []byte
				if shortestG(ji.Raw, ir.Value) {
					t = append(vbuf[:0], ji.Raw...)
				} else {
					t = strconv.AppendFloat(vbuf[:0], ir.Value, 'g', -1, 64)
				}
				if ji.Raw == string(t) {
					ji.Raw = "" // the value as written
				}
				if !math.IsNaN(ir.Value) && !math.IsInf(ir.Value, 0) {
					ji.text = t // appendJnum writes those as null
				}
			}
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, ir.Code)
		b = append(b, ':')
		b = ji.appendJSON(b)
	}
	b = append(b, "},"...)
	n := len(b)
	if b, err = ue.marshal(b, tail); err != nil {
		return b, err
	}
	b = append(b[:n], b[n+1:len(b)-1]...) // without its braces
	b = append(b, `,"warnings":[`...)
	for i, w := range u.Warnings {
		if i > 0 {
			b = append(b, ',')
		}
		ue.msg = w.AppendMessage(ue.msg[:0], lang)
		b = appendString(b, unsafe.String(unsafe.SliceData(ue.msg), len(ue.msg))) // read before msg is written again
	}
	return append(b, "]}"...), nil
}

func fnum(v float64, ok bool) string {
	if !ok || math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// WriteCSV writes results.csv: one row per unit in rank order with rank,
// code, name, score, class, claimed score, points lost at appraisal,
// awards and failed veto criteria, then each node's score, each domain's
// score and each indicator's points. An empty cell means no value.
//
// The file starts with a UTF-8 byte order mark, so that Excel reads the
// Vietnamese names right. Headers are in the report's language; in
// English they are the stable machine names (rank, unit, …, node:NT,
// domain:CODE, points:CQ.1) that other tools read. Numbers have full
// precision and a decimal point, or with Options.CSVExcel a decimal comma
// and ";" between columns, as a Vietnamese-locale Excel expects.
func WriteCSV(w io.Writer, ev *dti.Evaluation, opts *Options) error {
	lang := opts.lang()
	excelVI := opts != nil && opts.CSVExcel
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	num, comma := fnum, ','
	if excelVI {
		comma = ';'
		num = func(v float64, ok bool) string { return strings.Replace(fnum(v, ok), ".", ",", 1) }
	}
	cw.Comma = comma
	head := csvHeader(ev, lang)
	if err := cw.Write(head); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	// Rows are encoded on every core (TestWriteCSVCores). BenchmarkWriteCSV
	// (10,000 × 96, three runs each): 367–439 → 159–181 ms and 73 → 33 MB
	// per op, with Evaluation.Points instead of Indicators.
	return writeChunks(w, len(ev.Units), 256, func(b []byte, lo, hi int) ([]byte, error) {
		buf := bytes.NewBuffer(b)
		cw := csv.NewWriter(buf)
		cw.Comma = comma
		var row []string
		for _, u := range ev.Units[lo:hi] {
			row = csvRow(row[:0], ev, u, lang, num)
			if err := cw.Write(row); err != nil {
				return buf.Bytes(), err
			}
		}
		cw.Flush()
		return buf.Bytes(), cw.Error()
	})
}

// csvRow appends u's cells of results.csv to row.
func csvRow(row []string, ev *dti.Evaluation, u *dti.Unit, lang indicators.Lang, num func(float64, bool) string) []string {
	fw := ev.Framework
	rank := ""
	if u.Rank > 0 {
		rank = strconv.Itoa(u.Rank)
	}
	awards := ""
	for i, a := range u.AwardNames() {
		if i > 0 {
			awards += "; "
		}
		awards += fw.AwardName(a, lang)
	}
	veto := ""
	for i, v := range u.VetoFailed {
		if i > 0 {
			veto += "; "
		}
		veto += v
	}
	row = append(row, rank, csvSafe(u.Code), csvSafe(u.Name), num(u.Score, u.HasScore), fw.ClassName(u.Class, lang), num(u.Claimed, u.HasClaimed), num(u.Loss, true), awards, veto)
	for n := range ev.Nodes(u) {
		row = append(row, num(n.Score, n.Status.Counted()))
	}
	for d := range ev.Domains {
		row = append(row, num(u.Domains[d], true))
	}
	for j := range fw.Indicators {
		pts, _, _, st := ev.Points(u, j)
		row = append(row, num(pts, st.Counted()))
	}
	return row
}

// csvHeader is results.csv's header line in lang: Vietnamese labels, or
// the stable machine names in English.
func csvHeader(ev *dti.Evaluation, lang indicators.Lang) []string {
	fw := ev.Framework
	vi := lang == indicators.Vietnamese
	head := []string{"rank", "unit", "name", "score", "class", "claimed_score", "appraisal_loss", "awards", "veto_failed"}
	if vi {
		head = []string{"Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số", "Xếp loại", "Chỉ số tự đánh giá", "Điểm giảm khi thẩm định", "Khen thưởng", "Không đạt điều kiện loại trừ"}
	}
	for _, n := range fw.Nodes {
		if vi {
			head = append(head, "Điểm "+n.Code)
		} else {
			head = append(head, "node:"+n.Code)
		}
	}
	for _, d := range ev.Domains {
		if vi {
			head = append(head, "Lĩnh vực "+d.DisplayName(lang))
		} else {
			head = append(head, "domain:"+d.Code)
		}
	}
	for _, ind := range fw.Indicators {
		if vi {
			head = append(head, "Điểm chỉ tiêu "+ind.Code)
		} else {
			head = append(head, "points:"+ind.Code)
		}
	}
	return head
}

// csvSafe keeps text that a spreadsheet would run as a formula as text.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// ReadPriors reads the units' results from a results.json that dti wrote
// (an earlier year's run), as the priors progress compares with.
func ReadPriors(r io.Reader) (map[string]dti.Prior, error) {
	var doc struct {
		Units []struct {
			Code   string   `json:"code"`
			Period string   `json:"period"`
			Score  *float64 `json:"score"`
			Rank   int      `json:"rank"`
			Class  string   `json:"class"`
			Nodes  map[string]struct {
				Score *float64 `json:"score"`
			} `json:"nodes"`
		} `json:"units"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, err
	}
	out := map[string]dti.Prior{}
	seen := map[string]bool{}
	for i, u := range doc.Units {
		switch {
		case u.Code == "":
			return nil, fmt.Errorf("units[%d]: no unit code", i)
		case seen[u.Code]:
			return nil, fmt.Errorf("units[%d]: unit %s appears twice (one year's results hold each unit once)", i, u.Code)
		}
		seen[u.Code] = true
		if u.Score == nil {
			continue
		}
		p := dti.Prior{Code: u.Code, Period: u.Period, Score: *u.Score, Rank: u.Rank, Class: u.Class, Nodes: map[string]float64{}}
		for k, n := range u.Nodes {
			if n.Score != nil {
				p.Nodes[k] = *n.Score
			}
		}
		out[u.Code] = p
	}
	return out, nil
}
