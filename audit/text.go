package audit

import (
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
)

// Text names the flag for a person.
func (f Flag) Text(lang indicators.Lang) string {
	switch f {
	case FlagNoDiscrimination:
		return lang.Pick("một giá trị cho phần lớn đơn vị", "one value for most units")
	case FlagSkewed:
		return lang.Pick("phân phối lệch", "skewed")
	case FlagLowAvailability:
		return lang.Pick("thiếu số liệu (dưới 65 %)", "low availability (under 65 %)")
	case FlagCollinear:
		return lang.Pick("trùng lặp (r > 0,9)", "collinear (r > 0.9)")
	case FlagNegative:
		return lang.Pick("tương quan âm (r < −0,4)", "negative (r < −0.4)")
	}
	return string(f)
}

// Label names the input for a document: the missing-data policy, the
// normalisation, or the pillar's code.
func (f Factor) Label(lang indicators.Lang) string {
	switch f.Name {
	case "missing":
		return lang.Pick("Cách xử lý thiếu số liệu", "Missing-data policy")
	case "normalize":
		return lang.Pick("Cách chuẩn hóa", "Normalisation")
	}
	return f.Name
}

// Text says what the analysis varies, for a person: "trọng số ±25 %;
// thiếu số liệu tính 0 hoặc loại khỏi mẫu số; chuẩn hóa min-max, z-score
// hoặc xếp hạng phần trăm".
func (c Choices) Text(lang indicators.Lang) string {
	parts := []string{lang.Pick("trọng số ±", "weights ±") + indicators.FormatNumber(100*c.Band, lang) + " %"}
	or := lang.Pick(" hoặc ", " or ")
	if len(c.Missing) > 0 {
		var ms []string
		for _, m := range c.Missing {
			if m == indicators.MissingZero {
				ms = append(ms, lang.Pick("tính 0", "scored 0"))
			} else {
				ms = append(ms, lang.Pick("loại khỏi mẫu số", "left out"))
			}
		}
		parts = append(parts, lang.Pick("thiếu số liệu ", "missing values ")+strings.Join(ms, or))
	}
	if len(c.Normalize) > 0 {
		var ns []string
		for _, n := range c.Normalize {
			switch n {
			case indicators.NormMinMax:
				ns = append(ns, "min-max")
			case indicators.NormZScore:
				ns = append(ns, "z-score")
			case indicators.NormRank:
				ns = append(ns, lang.Pick("xếp hạng phần trăm", "percentile rank"))
			}
		}
		parts = append(parts, lang.Pick("chuẩn hóa ", "normalised by ")+strings.Join(ns, or))
	}
	return strings.Join(parts, "; ")
}
