package submission

import (
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
)

// TestIssueMessage checks the rendering of an issue, written out by
// hand, in both languages; AppendMessage appends the same text.
func TestIssueMessage(t *testing.T) {
	vi, en := indicators.Vietnamese, indicators.English
	tests := []struct {
		is    Issue
		lang  indicators.Lang
		where string
		want  string
	}{
		{Issue{VI: "thiếu", EN: "missing"}, vi, "", ": lỗi: thiếu"},
		{Issue{File: "a.csv", Line: 7, Column: "BE (I54)", Unit: "U1", Indicator: "I54", Severity: SevWarning, VI: "thiếu giá trị", EN: "missing value"}, vi,
			"a.csv, dòng 7, cột BE (I54)", "a.csv, dòng 7, cột BE (I54), đơn vị U1, chỉ tiêu I54: cảnh báo: thiếu giá trị"},
		{Issue{File: "a.csv", Line: 7, Column: "BE (I54)", Unit: "U1", Indicator: "I54", Severity: SevWarning, VI: "thiếu giá trị", EN: "missing value"}, en,
			"a.csv, line 7, column BE (I54)", "a.csv, line 7, column BE (I54), unit U1, indicator I54: warning: missing value"},
		{Issue{File: "p.xlsx", Sheet: `Bảng "1"`, Cell: "C9", Indicator: "CQ.1", VI: "không phải số", EN: "not a number"}, vi,
			`p.xlsx, trang "Bảng \"1\"" ô C9`, `p.xlsx, trang "Bảng \"1\"" ô C9, chỉ tiêu CQ.1: lỗi: không phải số`},
		{Issue{Sheet: "S", Line: 3, Unit: "U", VI: "x", EN: "y"}, en, `sheet "S", line 3`, `sheet "S", line 3, unit U: error: y`},
		{Issue{Cell: "A1", VI: "x", EN: "y"}, en, `sheet "" cell A1`, `sheet "" cell A1: error: y`},
		{Issue{Indicator: "I", VI: "x", EN: "y"}, vi, "", "chỉ tiêu I: lỗi: x"},
	}
	for _, tt := range tests {
		if got := tt.is.Where(tt.lang); got != tt.where {
			t.Errorf("Where = %q, want %q", got, tt.where)
		}
		if got := tt.is.Message(tt.lang); got != tt.want {
			t.Errorf("Message = %q, want %q", got, tt.want)
		}
		if got := string(tt.is.AppendMessage([]byte("«"), tt.lang)); got != "«"+tt.want {
			t.Errorf("AppendMessage = %q, want %q", got, "«"+tt.want)
		}
	}
}
