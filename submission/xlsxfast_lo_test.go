package submission_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestFastBookLibreOffice: a filled form saved by LibreOffice (its own
// XML: formulas with aca, rows with every attribute) reads the same on
// both paths and takes the fast one.
func TestFastBookLibreOffice(t *testing.T) {
	soffice := fixture.Tool(t, "soffice", "libreoffice-calc-nogui")
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := submission.WriteTemplate(&buf, fw, &submission.TemplateOptions{Unit: "LO1", Name: "Phường Lê Lợi", Year: 2025}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Biểu mẫu")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r, row := range rows {
		if len(row) == 0 || fw.Indicator(row[0]) == nil {
			continue
		}
		ind := fw.Indicator(row[0])
		switch {
		case ind.Unit == "yes/no" || ind.Rule != nil && ind.Rule.Kind == indicators.RuleBoolean:
			f.SetCellValue("Biểu mẫu", fmt.Sprintf("F%d", r+1), "Có")
		case ind.Rule != nil && ind.Rule.Kind == indicators.RuleCategorical:
			f.SetCellValue("Biểu mẫu", fmt.Sprintf("F%d", r+1), ind.Rule.OptionLabels()[0])
		default:
			f.SetCellValue("Biểu mẫu", fmt.Sprintf("F%d", r+1), 7+n%5)
		}
		f.SetCellValue("Biểu mẫu", fmt.Sprintf("G%d", r+1), fmt.Sprintf("Số %d/QĐ-UBND", 100+n))
		n++
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if o, err := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, o)
	}
	data, err := os.ReadFile(filepath.Join(out, "in.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	quick, slow, fast := submission.ReadBoth(data, fw)
	if d := cmp.Diff(slow, quick); d != "" {
		t.Errorf("fast path differs (-excelize +fast):\n%s", d)
	}
	if !fast {
		t.Errorf("the form LibreOffice saved did not take the fast path")
	}
	if !strings.Contains(slow, "Số 100/QĐ-UBND") {
		t.Errorf("the evidence was not read back:\n%s", slow)
	}
}
