package submission

import (
	"fmt"
	"math"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
)

// Validate checks a submission against the framework and appends what it
// finds to s.Issues: missing values (an error when the framework's missing
// policy is "error", else a warning saying how they are scored), a value
// declared not applicable where the indicator does not allow it (an error;
// with na = "with-reason", also when no reason is written), an allowed one
// (a warning, so that the appraiser sees it), an appraised value that
// differs from the self-assessed one without a reason, and required
// evidence that is missing (warnings). Unknown codes,
// text where a number belongs and values out of range are found by the
// readers.
func Validate(fw *indicators.Framework, s *Submission) {
	var missing Issues
	defer func() { s.Issues = append(s.Issues, groupMissing(missing, fw)...) }()
	for j := range fw.Indicators {
		ind := &fw.Indicators[j]
		e := s.LookupAt(j, ind.Code)
		if !e.OK() || (!e.NA() && !e.Self().Set && !e.Appraised().Set) {
			if ind.MaxPoints != nil && *ind.MaxPoints == 0 {
				continue // reported, not scored: nothing is lost
			}
			at := issueAt(s, e, ind.Code)
			switch fw.Missing {
			case indicators.MissingError:
				at.Severity = SevError
				at.VI, at.EN = "thiếu giá trị; khung tiêu chí yêu cầu đủ dữ liệu", "value missing; the framework requires every value"
			case indicators.MissingReweight:
				at.VI, at.EN = "thiếu giá trị; chỉ tiêu được bỏ khỏi tử số và mẫu số", "value missing; the indicator is left out of numerator and denominator"
			default:
				at.VI, at.EN = "thiếu giá trị; chỉ tiêu được tính 0 điểm", "value missing; the indicator scores 0 points"
			}
			missing = append(missing, at)
			continue
		}
		if e.NA() {
			if is := checkNA(ind, e, issueAt(s, e, ind.Code)); is != nil {
				s.Issues = append(s.Issues, *is)
			}
			continue
		}
		if ind.Per != "" && s.Attributes[ind.Per] == 0 {
			w := issueAt(s, e, ind.Code)
			w.Severity = SevError
			w.VI = fmt.Sprintf("chỉ tiêu được tính trên %s nên cần %s của đơn vị (ô H3–H5 của biểu mẫu, cột hoặc khóa %s)", attrVI[ind.Per], attrVI[ind.Per], ind.Per)
			w.EN = fmt.Sprintf("the indicator is scored per %s, so the unit's %s is needed (the form's cells H3–H5, the column or key %s)", ind.Per, ind.Per, ind.Per)
			s.Issues = append(s.Issues, w)
		}
		if e.Self().Set && e.Appraised().Set && !sameValue(e.Self().Num, e.Appraised().Num) && e.Reason() == "" {
			w := e.AppraisedAt().at(s.File, s.Unit, ind.Code)
			w.Severity = SevWarning
			w.VI = fmt.Sprintf("giá trị thẩm định %s khác giá trị tự đánh giá %s nhưng không ghi lý do", e.Appraised().Raw, e.Self().Raw)
			w.EN = fmt.Sprintf("appraised value %s differs from the self-assessed %s but no reason is given", e.Appraised().Raw, e.Self().Raw)
			s.Issues = append(s.Issues, w)
		}
		if NeedsEvidence(ind, e) {
			w := issueAt(s, e, ind.Code)
			w.VI = "chỉ tiêu yêu cầu tài liệu kiểm chứng nhưng chưa có; vẫn được tính điểm, không đủ điều kiện khen thưởng"
			w.EN = "the indicator requires evidence but none is given; it is scored, but the unit is not eligible for awards"
			s.Issues = append(s.Issues, w)
		}
	}
}

// issueAt returns a warning about indicator code of s, located where
// e's self-assessed value was read (made only for an issue: locating every
// value up front was 5 % of reading the #13 harness CSV).
func issueAt(s *Submission, e Entry, code string) Issue {
	if !e.OK() {
		return Issue{File: s.File, Unit: s.Unit, Indicator: code, Severity: SevWarning}
	}
	at := e.SelfAt().at(s.File, s.Unit, code)
	at.Severity = SevWarning
	return at
}

// checkNA judges a value declared not applicable by the indicator's
// policy; at locates it.
func checkNA(ind *indicators.Indicator, e Entry, at Issue) *Issue {
	why := e.Note()
	if why == "" {
		why = e.Reason()
	}
	switch ind.NAPolicy() {
	case indicators.NANever:
		at.Severity = SevError
		at.VI = "khung tiêu chí không cho phép khai báo không áp dụng (NA) ở chỉ tiêu này; cần nhập giá trị"
		at.EN = "the framework does not allow this indicator to be declared not applicable (NA); a value is needed"
		if ind.Veto {
			at.VI += " (chỉ tiêu loại trừ)"
			at.EN += " (a veto criterion)"
		}
	case indicators.NAWithReason:
		if why == "" {
			at.Severity = SevError
			at.VI = "khai báo không áp dụng (NA) cần ghi lý do (cột ghi chú)"
			at.EN = "not applicable (NA) needs a reason (the note column)"
			break
		}
		fallthrough
	default:
		at.Severity = SevWarning
		at.VI = "khai báo không áp dụng (NA): chỉ tiêu được loại khỏi mẫu số; cần thẩm định"
		at.EN = "declared not applicable (NA): the indicator leaves the denominator; for the appraiser to confirm"
		if why != "" {
			at.VI += "; lý do: " + why
			at.EN += "; reason: " + why
		}
	}
	return &at
}

// attrVI names the unit attributes in Vietnamese.
var attrVI = map[indicators.Attribute]string{indicators.AttrPopulation: "dân số", indicators.AttrArea: "diện tích", indicators.AttrHouseholds: "số hộ gia đình"}

func sameValue(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) }

// NeedsEvidence reports whether an entry claims points on an indicator that
// requires evidence without giving any. A "Không" answer claims nothing
// and needs no evidence.
func NeedsEvidence(ind *indicators.Indicator, e Entry) bool {
	if !ind.Evidence || !e.OK() || e.NA() || len(e.Evidence()) > 0 {
		return false
	}
	v := e.Self()
	if e.Appraised().Set {
		v = e.Appraised()
	}
	if !v.Set {
		return false
	}
	lower := ind.Direction == indicators.Lower
	if ind.Rule != nil {
		switch ind.Rule.Kind {
		case indicators.RuleBoolean, indicators.RulePassFail:
			if ind.Rule.Pass == nil {
				return (v.Num != 0) != lower
			}
		case indicators.RuleCategorical:
			labels := ind.Rule.OptionLabels()
			k := int(v.Num)
			return k >= 0 && k < len(labels) && ind.Rule.Options[labels[k]] > 0
		}
	}
	return lower || v.Num != 0
}

// maxMissingListed is the number of missing values reported one by one;
// beyond it a submission gets one message listing every code.
const maxMissingListed = 10

// groupMissing keeps a few missing-value issues as they are and folds many
// into one that lists the indicators.
func groupMissing(missing Issues, fw *indicators.Framework) Issues {
	if len(missing) <= maxMissingListed {
		return missing
	}
	codes := make([]string, len(missing))
	for i, m := range missing {
		codes[i] = m.Indicator
	}
	is := Issue{Severity: missing[0].Severity, File: missing[0].File, Unit: missing[0].Unit}
	list := strings.Join(codes, ", ")
	switch fw.Missing {
	case indicators.MissingError:
		is.VI, is.EN = fmt.Sprintf("thiếu giá trị ở %d chỉ tiêu: %s; khung tiêu chí yêu cầu đủ dữ liệu", len(codes), list), fmt.Sprintf("values missing for %d indicators: %s; the framework requires every value", len(codes), list)
	case indicators.MissingReweight:
		is.VI, is.EN = fmt.Sprintf("thiếu giá trị ở %d chỉ tiêu: %s; các chỉ tiêu này được bỏ khỏi tử số và mẫu số", len(codes), list), fmt.Sprintf("values missing for %d indicators: %s; they are left out of numerator and denominator", len(codes), list)
	default:
		is.VI, is.EN = fmt.Sprintf("thiếu giá trị ở %d chỉ tiêu: %s; các chỉ tiêu này được tính 0 điểm", len(codes), list), fmt.Sprintf("values missing for %d indicators: %s; they score 0 points", len(codes), list)
	}
	return Issues{is}
}
