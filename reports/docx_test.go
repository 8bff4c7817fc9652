package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
)

func writeDOCX(t testing.TB, ev *dti.Evaluation, lang indicators.Lang) []byte {
	t.Helper()
	o := docOptions(lang)
	dir := t.TempDir()
	o.TempFile = func(name string, data []byte) (string, error) {
		p := filepath.Join(dir, name)
		return p, os.WriteFile(p, data, 0o644)
	}
	var b bytes.Buffer
	if err := WriteDOCX(&b, ev, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDOCXDeterministic: the same evaluation and options give the same
// bytes, run after run (godocx writes the document's namespaces from a
// map; canonicalDocx sorts them).
func TestDOCXDeterministic(t *testing.T) {
	ev := sampleEval(t)
	first := writeDOCX(t, ev, "vi")
	for i := 0; i < 5; i++ {
		if !bytes.Equal(first, writeDOCX(t, ev, "vi")) {
			t.Fatalf("run %d: report.docx differs", i+2)
		}
	}
}

// TestDOCXLibreOffice: LibreOffice opens report.docx without a repair
// (soffice --headless --convert-to pdf exits 0) and its text has the
// document's parts, every ward's name and the reasons; the page count is
// in the range of a document of 14 scorecards.
func TestDOCXLibreOffice(t *testing.T) {
	soffice := fixture.Writer(t)
	pdftotext := fixture.Tool(t, "pdftotext", "poppler-utils")
	ev := sampleEval(t)
	for _, lang := range []indicators.Lang{"vi", "en"} {
		dir := t.TempDir()
		in := filepath.Join(dir, "report.docx")
		if err := os.WriteFile(in, writeDOCX(t, ev, lang), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, in)
		if out, err := cmd.CombinedOutput(); err != nil || strings.Contains(string(out), "Error") {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		pdf := filepath.Join(dir, "report.pdf")
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// Justified lines come out of pdftotext with spaces inside words
		// ("b ị gi ới"): compare without spaces.
		txt := strings.Join(strings.Fields(string(out)), "")
		want := []string{"Số: 125/BC-SKHCN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "I. Căn cứ", "III. Kết quả", "V. Kiến nghị", "Nơi nhận", "KT. GIÁM ĐỐC", "Nguyễn Văn A",
			"PHỤ LỤC II. BẢNG XẾP HẠNG", "Kiểm định thống kê", "Chỉ tiêu cần xem lại", "Trụ cột: độ nhất quán và ảnh hưởng đến thứ hạng", "PHỤ LỤC IV. BỘ TIÊU CHÍ", "bị giới hạn ở loại Trung bình vì không đạt điều kiện loại trừ: AT.3 = 1 (0 điểm)"}
		if lang == "en" {
			want = []string{"No.: 125/BC-SKHCN", "REPORT", "I. Basis", "V. Recommendations", "Distribution", "APPENDIX II. RANKING", "Statistical audit", "Pillars: consistency and weight in the ranking", "capped at Average by a failed veto criterion: AT.3"}
		}
		for _, u := range ev.Units {
			want = append(want, u.Name)
		}
		for _, w := range want {
			if !strings.Contains(txt, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: the Word report, as LibreOffice reads it, lacks %q", lang, w)
			}
		}
		// No number on the first page; "2" atop the second.
		second, err := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if f := strings.Fields(string(second)); len(f) == 0 || f[0] != "2" {
			t.Errorf("%s: page 2 of the Word report does not start with its number", lang)
		}
		first, err := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if f := strings.Fields(string(first)); len(f) > 0 && f[0] == "1" {
			t.Errorf("%s: page 1 of the Word report has a number", lang)
		}
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		var pages int
		for _, l := range strings.Split(string(info), "\n") {
			if strings.HasPrefix(l, "Pages:") {
				pages = atoiOr(strings.TrimSpace(strings.TrimPrefix(l, "Pages:")))
			}
		}
		if pages < 18 || pages > 46 {
			t.Errorf("%s: %d pages, want 18–46 (body, appendices with the audit, 14 scorecards)", lang, pages)
		}
	}
}

func atoiOr(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// BenchmarkDOCX: report.docx for 3,321 units (goal: under 15 s, #15).
func BenchmarkDOCX(b *testing.B) {
	ev := bigEval(b, 3321, 60)
	dir := b.TempDir()
	o := docOptions("vi")
	o.TempFile = func(name string, data []byte) (string, error) {
		p := filepath.Join(dir, name)
		return p, os.WriteFile(p, data, 0o644)
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, ev, o); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}
