package submission

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// mustRow returns the form row of an indicator code (rowOf), failing the
// test when there is none.
func mustRow(t *testing.T, f *excelize.File, code string) int {
	t.Helper()
	r := rowOf(f, code)
	if r == 0 {
		t.Fatalf("no row for %s", code)
	}
	return r
}

// TestTemplateLocks: in the ward's copy only the value, evidence and note
// cells are open and the appraisal columns are locked; in the appraiser's
// copy the appraisal columns are open too; the computed columns are
// formulas, locked, on a protected sheet.
func TestTemplateLocks(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2026")
	for _, appraiser := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, fw, &TemplateOptions{Unit: "X", Appraiser: appraiser}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheet := formSheet["vi"]
		r := mustRow(t, f, "CQ.2")
		locked := func(col int) bool {
			id, err := f.GetCellStyle(sheet, cell(col, r))
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			return st.Protection == nil || st.Protection.Locked
		}
		for col, want := range map[int]bool{colCode: true, colSelf: false, colEvidence: false, colAppraised: !appraiser, colReason: !appraiser, colNote: false, colPoints: true, colScore: true} {
			if got := locked(col); got != want {
				t.Errorf("appraiser=%v: %s locked = %v, want %v", appraiser, cell(col, r), got, want)
			}
		}
		if fml, _ := f.GetCellFormula(sheet, cell(colPoints, r)); !strings.Contains(fml, "MIN("+cell(colSelf, r)+"/80,1)*4") {
			t.Errorf("CQ.2 points formula = %q", fml)
		}
		if fml, _ := f.GetCellFormula(sheet, cell(colPoints, sumTotalRow)); !strings.Contains(fml, "ROUND(") {
			t.Errorf("total formula = %q", fml)
		}
	}
}

// TestTemplateValidationMessages: the value cells say the indicator's real
// range, not a machine bound.
func TestTemplateValidationMessages(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2026")
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, fw, &TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := formSheet["vi"]
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	msgOf := map[string]string{}
	for _, dv := range dvs {
		if dv.Error != nil {
			for _, ref := range strings.Fields(dv.Sqref) { // a validation may cover several cells
				msgOf[ref] = *dv.Error
			}
		}
	}
	for code, want := range map[string]string{
		"HT.4":  "Cần số nguyên không âm.",
		"CQ.2":  "Cần số từ 0 đến 100 (%).",
		"CQ.5":  "Cần số từ 0 đến 100 (%) (hoặc NA nếu không áp dụng).",
		"AT.3":  "Cần số nguyên không âm.",
		"TC.3":  "Cần số từ 0 đến 100 (%).",
		"XH.4":  "Cần số nguyên không âm.",
		"CQ.10": "Cần số từ 0 đến 100 (%).",
	} {
		for _, col := range []int{colSelf, colAppraised} {
			ref := cell(col, mustRow(t, f, code))
			if got := msgOf[ref]; got != want {
				t.Errorf("%s (%s): message %q, want %q", code, ref, got, want)
			}
		}
	}
	for ref, m := range msgOf {
		if strings.Contains(m, "1000000000") || strings.Contains(m, "e+") {
			t.Errorf("%s: message %q shows a machine bound", ref, m)
		}
	}
}
