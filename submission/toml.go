package submission

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/tomlerr"
)

// tomlSubmission is the TOML form of one unit's submission:
//
//	unit = "PC"
//	name = "Phường Phú Cường"
//	period = "2024"
//	framework = "ward-unified-2025"   # optional; checked when given
//	population = 42000   # optional unit attributes: residents,
//	area = 12.5          # km²,
//	households = 11000   # households
//
//	[[value]]
//	indicator = "CQ.1"
//	self = 82.7          # a number, true/false, or text ("87,5", "Có", an option)
//	appraised = 80.0     # optional
//	na = false           # optional: not applicable
//	evidence = ["QĐ 12/QĐ-UBND"]
//	reason = "…"
//	note = "…"
type tomlSubmission struct {
	Unit       string      `toml:"unit"`
	Name       string      `toml:"name"`
	Period     string      `toml:"period"`
	Framework  string      `toml:"framework"`
	Version    string      `toml:"version"`
	Population any         `toml:"population"`
	Area       any         `toml:"area"`
	Households any         `toml:"households"`
	Values     []tomlValue `toml:"value"`
}

type tomlValue struct {
	Indicator string   `toml:"indicator"`
	Self      any      `toml:"self"`
	Appraised any      `toml:"appraised"`
	NA        bool     `toml:"na"`
	Evidence  []string `toml:"evidence"`
	Reason    string   `toml:"reason"`
	Note      string   `toml:"note"`
}

// ReadTOML reads one unit's submission in TOML.
func ReadTOML(data []byte, file string, fw *indicators.Framework) ([]*Submission, error) {
	data, iss := checkText(data, file)
	if iss != nil {
		return nil, iss
	}
	if line := tomlerr.TooDeep(data, tomlerr.MaxDepth); line > 0 {
		return nil, Issues{{File: file, Line: line, VI: fmt.Sprintf("mảng hoặc bảng lồng nhau quá %d cấp", tomlerr.MaxDepth), EN: fmt.Sprintf("arrays or tables nested more than %d deep", tomlerr.MaxDepth)}}
	}
	var t tomlSubmission
	md, err := toml.Decode(string(data), &t)
	if err != nil {
		is := Issue{File: file}
		is.Line, is.VI, is.EN = tomlerr.Syntax(err, data)
		return nil, Issues{is}
	}
	ix := tomlerr.NewIndex(data)
	lineOf := ix.Key
	var bad Issues
	for _, k := range md.Undecoded() {
		key := k[len(k)-1]
		bad = append(bad, Issue{File: file, Line: lineOf(key), VI: fmt.Sprintf("khóa không được hỗ trợ %q", k.String()), EN: fmt.Sprintf("unknown key %q", k.String())})
	}
	s := New(file, len(fw.Indicators))
	s.Unit, s.Name, s.Period = Clean(t.Unit), Clean(t.Name), Clean(t.Period)
	s.At = Location{Line: lineOf("unit")}
	if s.Unit == "" {
		bad = append(bad, Issue{File: file, Line: 1, VI: "thiếu mã đơn vị (unit)", EN: "missing unit code (unit)"})
	}
	if t.Framework != "" && t.Framework != fw.ID {
		bad = append(bad, Issue{File: file, Line: lineOf("framework"), Unit: s.Unit, VI: fmt.Sprintf("tệp được lập theo khung %q, đang chấm theo khung %q", t.Framework, fw.ID), EN: fmt.Sprintf("the file was made for framework %q, scoring uses %q", t.Framework, fw.ID)})
	}
	if t.Version != "" && t.Version != fw.Version {
		bad = append(bad, Issue{File: file, Line: lineOf("version"), Unit: s.Unit, VI: fmt.Sprintf("tệp được lập theo phiên bản %q, khung hiện hành là %q", t.Version, fw.Version), EN: fmt.Sprintf("the file was made for version %q, the framework is %q", t.Version, fw.Version)})
	}
	s.Issues = append(s.Issues, bad...)
	for a, v := range map[indicators.Attribute]any{indicators.AttrPopulation: t.Population, indicators.AttrArea: t.Area, indicators.AttrHouseholds: t.Households} {
		if v != nil {
			s.setAttribute(a, anyText(v), DecimalAuto, Location{Line: lineOf(string(a)), Column: string(a)})
		}
	}
	for _, v := range t.Values {
		code := Clean(v.Indicator)
		line := ix.String(v.Indicator)
		ind := fw.Indicator(code)
		if ind == nil {
			s.Issues = append(s.Issues, unknownCode(Issue{File: file, Line: line, Unit: s.Unit}, code, fw))
			continue
		}
		if s.Lookup(ind.Code).OK() {
			s.Issues = append(s.Issues, Issue{File: file, Line: line, Unit: s.Unit, Indicator: code, VI: "chỉ tiêu xuất hiện hai lần", EN: "the indicator appears twice"})
			continue
		}
		e := s.Entry(ind.Code)
		var evidence []string
		for _, ev := range v.Evidence {
			if c := Clean(ev); c != "" {
				evidence = append(evidence, c)
			}
		}
		e.SetEvidence(evidence)
		e.SetReason(Clean(v.Reason))
		e.SetNote(Clean(v.Note))
		if v.NA {
			e.SetNA(true)
			continue
		}
		s.setAny(ind, v.Self, false, Location{Line: line, Column: "self"})
		s.setAny(ind, v.Appraised, true, Location{Line: line, Column: "appraised"})
	}
	return []*Submission{s}, nil
}

// anyText turns a decoded TOML value into the text a person would type.
func anyText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "Có"
		}
		return "Không"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
