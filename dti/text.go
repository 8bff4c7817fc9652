package dti

import (
	"math"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

// This file is the module's one table of the evaluation's words in both
// languages: bases, statuses and award reasons, as reports and the command
// print them.

// Text names the basis in lang ("vi" or "en"); "" for no value.
func (b Basis) Text(lang indicators.Lang) string {
	switch b {
	case BasisAppraised:
		return lang.Pick("thẩm định", "appraised")
	case BasisSelf:
		return lang.Pick("tự đánh giá", "self-assessed")
	}
	return string(b)
}

// StatusText says in lang how an indicator or node entered the
// aggregation.
func StatusText(s scoring.Status, lang indicators.Lang) string {
	switch s {
	case scoring.Scored:
		return lang.Pick("có điểm", "scored")
	case scoring.Filled:
		return lang.Pick("thiếu, 0 điểm", "missing, 0 points")
	case scoring.Excluded:
		return lang.Pick("thiếu, loại khỏi mẫu số", "missing, left out")
	case scoring.NA:
		return lang.Pick("không áp dụng", "not applicable")
	case scoring.Unscored:
		return lang.Pick("không tính điểm", "not scored")
	}
	return s.String()
}

// ReasonText says in lang why a unit was not given an award (a
// scoring.Reason… constant).
func ReasonText(r scoring.Reason, lang indicators.Lang) string {
	switch r {
	case scoring.ReasonNoScore:
		return lang.Pick("không có điểm", "no score")
	case scoring.ReasonScore:
		return lang.Pick("dưới điểm tối thiểu", "below the minimum score")
	case scoring.ReasonClass:
		return lang.Pick("dưới xếp loại tối thiểu", "below the minimum class")
	case scoring.ReasonVeto:
		return lang.Pick("không đạt điều kiện loại trừ", "failed a veto criterion")
	case scoring.ReasonEvidence:
		return lang.Pick("thiếu tài liệu kiểm chứng", "evidence missing")
	case scoring.ReasonCount:
		return lang.Pick("ngoài số lượng", "beyond the number awarded")
	case scoring.ReasonTie:
		return lang.Pick("bằng điểm, hội đồng quyết định", "tied, for the council to decide")
	case scoring.ReasonHigher:
		return lang.Pick("đã nhận danh hiệu cao hơn", "holds a higher award")
	case scoring.ReasonNoPrior:
		return lang.Pick("không có kết quả năm trước", "no previous year")
	case scoring.ReasonNoGain:
		return lang.Pick("chỉ số không tăng", "the index did not rise")
	}
	return string(r)
}

// FormatScore writes a score as it is published: rounded to prec decimals
// (2 when the framework sets none) half away from zero, with a decimal
// comma in Vietnamese; "–" for no score (NaN). Plain numbers (values,
// points, weights) are written by [indicators.FormatNumber].
func FormatScore(v float64, prec int, lang indicators.Lang) string {
	if math.IsNaN(v) {
		return "–"
	}
	if prec < 0 {
		prec = 2
	}
	s := strconv.FormatFloat(scoring.Round(v, prec), 'f', prec, 64)
	if lang != indicators.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
