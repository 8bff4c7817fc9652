package dti

import (
	"fmt"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// Reasons are the plain-language reasons behind a unit's class and each of
// the framework's awards, as an evaluator says them to the ward.
type Reasons struct {
	Class  string   `json:"class"`  // why this class
	Awards []string `json:"awards"` // one per award of the framework, in its order
}

// Reasons explains in lang why u has its class (the threshold it reached,
// or the veto indicator and value that capped it) and, for each award,
// whether it was given and by which rule, or why not: outside the quota
// and the tie-break that decided, missing evidence on which indicators, a
// failed veto, a class or score below the minimum.
func (ev *Evaluation) Reasons(u *Unit, lang indicators.Lang) Reasons {
	r := Reasons{Class: ev.classReason(u, lang)}
	for a := range ev.Framework.Awards {
		if a < len(u.Awards) {
			r.Awards = append(r.Awards, ev.awardReason(u, a, lang))
		}
	}
	if r.Awards == nil {
		r.Awards = []string{}
	}
	return r
}

func (ev *Evaluation) classReason(u *Unit, lang indicators.Lang) string {
	fw := ev.Framework
	prec := ev.Precision()
	if !u.HasScore {
		return lang.Pick("không có chỉ số nên không xếp loại", "no index, so no class")
	}
	s := FormatScore(u.Score, prec, lang)
	// The class the score reaches before any cap.
	reached := -1
	rounded := scoring.Round(u.Score, max(prec, 0))
	if prec < 0 {
		rounded = u.Score
	}
	for i, c := range fw.Classes {
		if rounded >= c.Min {
			reached = i
			break
		}
	}
	if reached < 0 {
		return fmt.Sprintf(lang.Pick("chỉ số %s dưới mọi ngưỡng xếp loại", "index %s is below every class threshold"), s)
	}
	c := fw.Classes[reached]
	line := fmt.Sprintf(lang.Pick("chỉ số %s ≥ %s: đạt ngưỡng loại %s", "index %s ≥ %s: reaches the %s threshold"), s, indicators.FormatNumber(c.Min, lang), fw.ClassName(c.Name, lang))
	if reached > 0 {
		up := fw.Classes[reached-1]
		line += fmt.Sprintf(lang.Pick(" (loại %s cần %s)", " (%s needs %s)"), fw.ClassName(up.Name, lang), indicators.FormatNumber(up.Min, lang))
	}
	if len(u.VetoFailed) > 0 && u.ClassIdx != reached {
		var vs []string
		for _, code := range u.VetoFailed {
			vs = append(vs, ev.valueText(u, code, lang))
		}
		line += fmt.Sprintf(lang.Pick("; bị giới hạn ở loại %s vì không đạt điều kiện loại trừ: %s", "; capped at %s by a failed veto criterion: %s"), fw.ClassName(u.Class, lang), strings.Join(vs, "; "))
	} else if len(u.VetoFailed) > 0 {
		line += lang.Pick("; không đạt điều kiện loại trừ ", "; failed veto criterion ") + strings.Join(u.VetoFailed, ", ")
	}
	return line
}

// valueText is "AT.3 = 1 (0 điểm)": an indicator's value and points.
func (ev *Evaluation) valueText(u *Unit, code string, lang indicators.Lang) string {
	ir, ok := ev.Indicator(u, code)
	if !ok {
		return code
	}
	v := lang.Pick("bỏ trống", "left empty")
	if ir.HasValue {
		v = indicators.FormatNumber(ir.Value, lang)
		if e := ir.Entry; e.OK() {
			raw := e.Self()
			if ir.Appraised {
				raw = e.Appraised()
			}
			if raw.Raw != "" && ev.Framework.Indicator(code).Rule != nil && ev.Framework.Indicator(code).Rule.Kind != indicators.RuleRatio {
				v = raw.Raw
			}
		}
	}
	return fmt.Sprintf(lang.Pick("%s = %s (%s điểm)", "%s = %s (%s points)"), code, v, indicators.FormatNumber(ir.Points, lang))
}

func (ev *Evaluation) awardReason(u *Unit, a int, lang indicators.Lang) string {
	fw := ev.Framework
	aw := &fw.Awards[a]
	res := u.Awards[a]
	name := fw.AwardName(aw.Name, lang) + ": "
	rule := ruleText(fw, aw, lang)
	tie := ""
	if res.DecidedBy != "" {
		tie = fmt.Sprintf(lang.Pick("; bằng điểm ở ngưỡng, tiêu chí phụ quyết định: %s", "; tied at the cut-off, decided by the tie-break: %s"), TieBreakText(res.DecidedBy, lang))
	}
	if res.Awarded {
		if aw.ByProgress() && u.Change != nil {
			est := ""
			if u.Change.Estimated {
				est = lang.Pick(", ước tính từ các đơn vị trước sắp xếp", ", estimated from the units before the merger")
			}
			return name + fmt.Sprintf(lang.Pick("được khen: chỉ số tăng %s điểm so với năm %s%s (%s)", "awarded: the index rose %s points since %s%s (%s)"),
				FormatChange(progress(u.Score, u.Change.Prior, ev.Precision()), ev.Precision(), lang), u.Change.From, est, rule) + tie
		}
		return name + lang.Pick("được khen (", "awarded (") + rule + ")" + tie
	}
	switch res.Reason {
	case scoring.ReasonCount:
		return name + fmt.Sprintf(lang.Pick("đủ điều kiện nhưng ngoài số lượng (%s)", "eligible but outside the quota (%s)"), rule) + tie
	case scoring.ReasonTie:
		return name + fmt.Sprintf(lang.Pick("đủ điều kiện, bằng điểm ở ngưỡng sau mọi tiêu chí phụ (%s): hội đồng quyết định", "eligible, still tied at the cut-off after every tie-break (%s): for the council to decide"), rule)
	case scoring.ReasonEvidence:
		return name + lang.Pick("không đủ điều kiện: thiếu tài liệu kiểm chứng ở ", "not eligible: evidence missing on ") + strings.Join(ev.MissingEvidence(u), ", ")
	case scoring.ReasonVeto:
		return name + lang.Pick("không đủ điều kiện: không đạt điều kiện loại trừ ", "not eligible: failed veto criterion ") + strings.Join(u.VetoFailed, ", ")
	case scoring.ReasonClass:
		return name + fmt.Sprintf(lang.Pick("không đủ điều kiện: xếp loại %s, cần từ %s", "not eligible: class %s, needs %s or better"), orDash(fw.ClassName(u.Class, lang)), fw.ClassName(aw.MinClass, lang))
	case scoring.ReasonScore:
		return name + fmt.Sprintf(lang.Pick("không đủ điều kiện: chỉ số %s, cần từ %s", "not eligible: index %s, needs %s"), FormatScore(u.Score, ev.Precision(), lang), indicators.FormatNumber(*aw.MinScore, lang))
	case scoring.ReasonHigher:
		return name + lang.Pick("đã nhận danh hiệu cao hơn", "already holds a higher award")
	case scoring.ReasonNoScore:
		return name + lang.Pick("không có chỉ số", "no index")
	case scoring.ReasonNoPrior:
		return name + lang.Pick("chưa xét: không có kết quả năm trước để so sánh", "not decided: no previous year to compare with")
	case scoring.ReasonNoGain:
		return name + fmt.Sprintf(lang.Pick("không đủ điều kiện: chỉ số không tăng so với năm %s (%s điểm)", "not eligible: the index did not rise since %s (%s points)"), u.Change.From, FormatChange(progress(u.Score, u.Change.Prior, ev.Precision()), ev.Precision(), lang))
	}
	return name + ReasonText(res.Reason, lang)
}

// ruleText is an award's rule: "xếp loại từ Tốt, tối đa 3 đơn vị".
func ruleText(fw *indicators.Framework, aw *indicators.Award, lang indicators.Lang) string {
	var parts []string
	if aw.MinClass != "" {
		parts = append(parts, lang.Pick("xếp loại từ ", "class ")+fw.ClassName(aw.MinClass, lang)+lang.Pick("", " or better"))
	}
	if aw.MinScore != nil {
		parts = append(parts, lang.Pick("chỉ số từ ", "index at least ")+indicators.FormatNumber(*aw.MinScore, lang))
	}
	switch {
	case aw.Count > 0 && aw.ByProgress():
		parts = append(parts, fmt.Sprintf(lang.Pick("tối đa %d đơn vị có chỉ số tăng nhiều nhất so với năm trước", "at most the %d whose index rose most since the previous year"), aw.Count))
	case aw.ByProgress():
		parts = append(parts, lang.Pick("chỉ số tăng so với năm trước", "the index rose since the previous year"))
	case aw.Count > 0:
		parts = append(parts, fmt.Sprintf(lang.Pick("tối đa %d đơn vị có chỉ số cao nhất", "at most the %d highest"), aw.Count))
	}
	if len(parts) == 0 {
		return lang.Pick("mọi đơn vị đủ điều kiện", "every eligible unit")
	}
	return strings.Join(parts, ", ")
}

// MissingEvidence lists the indicators whose required evidence u lacks.
func (ev *Evaluation) MissingEvidence(u *Unit) []string {
	var out []string
	for _, j := range ev.comp.evidence {
		ind := &ev.Framework.Indicators[j]
		if submission.NeedsEvidence(ind, u.sub.LookupAt(j, ind.Code)) {
			out = append(out, ind.Code)
		}
	}
	return out
}

// TieBreakText names a tie-break key in lang.
func TieBreakText(key string, lang indicators.Lang) string {
	switch key {
	case indicators.TieDigitalGov:
		return lang.Pick("điểm lĩnh vực Chính quyền số cao hơn", "higher digital-government score")
	case indicators.TieFewerZero:
		return lang.Pick("ít chỉ tiêu 0 điểm hơn", "fewer indicators with zero points")
	case indicators.TieAppraisalLoss:
		return lang.Pick("ít điểm bị giảm khi thẩm định hơn", "fewer points lost at appraisal")
	}
	return key
}

// FormatChange writes a change of a score as published, with its sign:
// "+2,50", "−1,25".
func FormatChange(v float64, prec int, lang indicators.Lang) string {
	s := FormatScore(v, prec, lang)
	if v > 0 {
		return "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
