package indicators

import "testing"

// TestUnitText: the words of the format read in the report's language
// whichever language the framework spells them in; other units as
// written.
func TestUnitText(t *testing.T) {
	for _, c := range []struct{ unit, vi, en string }{
		{"count", "số lượng", "count"},
		{"số lượng", "số lượng", "count"},
		{"yes/no", "có/không", "yes/no"},
		{"có/không", "có/không", "yes/no"},
		{"category", "lựa chọn", "category"},
		{"score", "điểm", "score"},
		{"pass/fail", "đạt/không đạt", "pass/fail"},
		{"đạt/không đạt", "đạt/không đạt", "pass/fail"},
		{"%", "%", "%"},
		{"km²", "km²", "km²"},
		{"hồ sơ", "hồ sơ", "hồ sơ"},
		{"", "", ""},
	} {
		ind := &Indicator{Unit: c.unit}
		if got := ind.UnitText(Vietnamese); got != c.vi {
			t.Errorf("UnitText(%q, vi) = %q, want %q", c.unit, got, c.vi)
		}
		if got := ind.UnitText(English); got != c.en {
			t.Errorf("UnitText(%q, en) = %q, want %q", c.unit, got, c.en)
		}
	}
}
