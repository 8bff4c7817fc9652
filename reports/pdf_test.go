package reports

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func writePDF(t testing.TB, ev *dti.Evaluation, lang indicators.Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WritePDF(&b, ev, docOptions(lang)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docOptions are the document fields of the sample report, as a
// provincial department would give them.
func docOptions(lang indicators.Lang) *Options {
	return &Options{Lang: lang, Timestamp: fixedTime, Authority: "UBND Thành phố Hồ Chí Minh", Issuer: "Sở Khoa học và Công nghệ", Number: "125/BC-SKHCN",
		Place: "Thủ Dầu Một", SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", Signer: "Nguyễn Văn A"}
}

func TestPDFDeterministic(t *testing.T) {
	ev := sampleEval(t)
	a, b := writePDF(t, ev, "vi"), writePDF(t, ev, "vi")
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same timestamp differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	// The outline: cover, summary, ranking, the statistical audit, the
	// scorecards and one entry per unit, the appendix; every title in UTF-16 (BOM FE FF) so that
	// viewers show the diacritics.
	titles := bytes.Count(a, []byte("<</Title ("))
	if want := 6 + len(ev.Units); titles != want {
		t.Errorf("%d outline entries, want %d", titles, want)
	}
	if utf16 := bytes.Count(a, []byte("<</Title (\xfe\xff")); utf16 != titles {
		t.Errorf("%d of %d outline titles are UTF-16", utf16, titles)
	}
}

// TestPDFText extracts the text with pdftotext and looks for every ward's
// full name, the class names with their diacritics and the page numbers.
func TestPDFText(t *testing.T) {
	pdftotext := fixture.Tool(t, "pdftotext", "poppler-utils")
	ev := sampleEval(t)
	for _, lang := range []indicators.Lang{"vi", "en"} {
		dir := t.TempDir()
		in := filepath.Join(dir, "report.pdf")
		if err := os.WriteFile(in, writePDF(t, ev, lang), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.Join(strings.Fields(string(out)), " ") // lines joined: wrapped sentences read whole
		want := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Thủ Dầu Một, ngày 15 tháng 12 năm 2025",
			// the administrative document: number, bodies, basis, recommendations, distribution and signature
			"UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 125/BC-SKHCN", "Căn cứ", "Kiến nghị", "Nơi nhận", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Nguyễn Văn A",
			"Căn cứ Quyết định số 922/QĐ-BTTTT", "Phường Phú Tân: không đủ điều kiện: không đạt điều kiện loại trừ AT.3",
			"Xuất sắc", "Tốt", "Khá", "Trung bình", "Nâng cao nhận thức và tuyên truyền", "Không đạt điều kiện loại trừ (AT.3)",
			"Khai báo không áp dụng (NA), cần thẩm định: CC.11",
			// the reasons behind classes and awards, on the scorecards
			"bị giới hạn ở loại Trung bình vì không đạt điều kiện loại trừ: AT.3 = 1 (0 điểm)",
			"Giấy khen chuyển đổi số: được khen (xếp loại từ Tốt, tối đa 3 đơn vị có chỉ số cao nhất)",
			"không đủ điều kiện: xếp loại Khá, cần từ Tốt",
			// appraisal as it was: lowered with a reason, one without a reason, units never appraised
			"Số liệu hệ thống một cửa điện tử: 48,5% hồ sơ thanh toán trực tuyến", "không ghi lý do", "Chưa thẩm định",
			// a blank value is not a weakness; warnings are listed
			"Chỉ tiêu bỏ trống (không phải điểm yếu, cần bổ sung số liệu): HT.6", "HT.6 (ô F25): thiếu giá trị"}
		if lang == "en" {
			want = []string{"No.: 125/BC-SKHCN", "I. Basis", "V. Recommendations", "Distribution", "SOCIALIST REPUBLIC OF VIET NAM", "Excellent", "Good", "Fair", "Average", "Failed veto criterion (AT.3)",
				"Declared not applicable (NA), for the appraiser: CC.11", "capped at Average by a failed veto criterion: AT.3 = 1 (0 points)", "no reason written"}
		}
		// No page number on the first page; from the second, at the top.
		first, err := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "1", "-l", "1", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(first), "Trang 1") || strings.Contains(string(first), "Page 1") {
			t.Errorf("%s: page 1 has a page number", lang)
		}
		second, err := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "2", "-l", "2", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if f := strings.Fields(string(second)); len(f) == 0 || f[0] != "2" {
			t.Errorf("%s: page 2 does not start with its number at the top", lang)
		}
		for _, bad := range []string{"không bị giảm điểm khi thẩm định", "no points lost at appraisal"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: the PDF still says %q", lang, bad)
			}
		}
		for _, u := range ev.Units {
			want = append(want, u.Name)
		}
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: the PDF text lacks %q", lang, w)
			}
		}
	}
}

// smallEval scores two units on a hand-made framework:
//
//	A1 max 4, A2 max 2, A3 max 3, B1 max 1 (no solution group), B2 max 5 (n/a for X).
func smallEval(t *testing.T) *dti.Evaluation {
	src := `id = "s"
name = "Khung nhỏ"
name_en = "Small"
version = "1"
scale = 100.0

[[node]]
code = "A"
name = "Trụ A"
name_en = "A"
max_points = 9.0

[[node]]
code = "B"
name = "Trụ B"
name_en = "B"
max_points = 6.0
` + ind("A1", "A", 4, "infrastructure", "Đầu tư A1.") + ind("A2", "A", 2, "awareness", "Tuyên truyền A2.") + ind("A3", "A", 3, "awareness", "Tuyên truyền A3.") + ind("B1", "B", 1, "", "") + ind("B2", "B", 5, "incentives", "Khen thưởng B2.") + "na = \"allowed\"\n"
	fw, err := indicators.Decode([]byte(src), "s.toml")
	if err != nil {
		t.Fatal(err)
	}
	sub := func(unit string, vals map[string]string) *submission.Submission {
		s := &submission.Submission{Unit: unit, Name: "Xã " + unit}
		for code, v := range vals {
			e := s.Entry(code)
			if v == "NA" {
				e.SetNA(true)
				continue
			}
			n, _ := submission.ParseNumber(v, submission.DecimalPoint)
			e.SetSelf(submission.Value{Raw: v, Num: n, Set: true})
		}
		return s
	}
	// X: A1 100 % → 4/4 (share 1, lost 0); A2 50 % → 1/2 (0.5, lost 1);
	//    A3 0 → 0/3 (0, lost 3); B1 100 % → 1/1 (share 1, lost 0); B2 n/a.
	// Y: A1 25 % → 1/4 (lost 3); A2 100 % → 2/2; A3 100 % → 3/3; B1 0 → 0/1 (lost 1); B2 60 % → 3/5 (lost 2).
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: []*submission.Submission{
		sub("X", map[string]string{"A1": "100", "A2": "50", "A3": "0", "B1": "100", "B2": "NA"}),
		sub("Y", map[string]string{"A1": "25", "A2": "100", "A3": "100", "B1": "0", "B2": "60"}),
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func ind(code, parent string, max float64, solution, rec string) string {
	s := "\n[[indicator]]\ncode = \"" + code + "\"\nparent = \"" + parent + "\"\nname = \"Chỉ tiêu " + code + "\"\nname_en = \"Indicator " + code + "\"\nunit = \"%\"\n" +
		"max_points = " + indicators.FormatNumber(max, "en") + ".0\nrule = {kind = \"ratio\", target = 100.0}\ndomains = [\"digital-government\"]\n"
	if solution != "" {
		s += "solution = \"" + solution + "\"\n"
	}
	if rec != "" {
		s += "recommendation = \"" + rec + "\"\nrecommendation_en = \"EN " + rec + "\"\n"
	}
	return s
}

func TestStrengthsWeaknesses(t *testing.T) {
	ev := smallEval(t)
	codes := func(hs []highlight) []string {
		var out []string
		for _, h := range hs {
			out = append(out, ev.Framework.Indicators[h.j].Code)
		}
		return out
	}
	for _, tt := range []struct {
		unit         string
		strong, weak []string
	}{
		// X strongest: A1 and B1 share 1; A1 first (larger max 4 > 1); then A2 (0.5); A3 earned nothing.
		// X weakest: A3 lost 3, A2 lost 1; A1 and B1 lost nothing; B2 n/a.
		{"X", []string{"A1", "B1", "A2"}, []string{"A3", "A2"}},
		// Y strongest: A3 (share 1, max 3), A2 (share 1, max 2), B2 (0.6).
		// Y weakest: A1 lost 3, B2 lost 2, B1 lost 1.
		{"Y", []string{"A3", "A2", "B2"}, []string{"A1", "B2", "B1"}},
	} {
		var u *dti.Unit
		for _, x := range ev.Units {
			if x.Code == tt.unit {
				u = x
			}
		}
		s, w := strengthsWeaknesses(ev, u, 3)
		if diff := cmp.Diff(tt.strong, codes(s)); diff != "" {
			t.Errorf("%s strengths (-want +got):\n%s", tt.unit, diff)
		}
		if diff := cmp.Diff(tt.weak, codes(w)); diff != "" {
			t.Errorf("%s weaknesses (-want +got):\n%s", tt.unit, diff)
		}
	}
}

func TestRecommendations(t *testing.T) {
	ev := smallEval(t)
	fw := ev.Framework
	h := func(code string) highlight {
		for j := range fw.Indicators {
			if fw.Indicators[j].Code == code {
				return highlight{j: j}
			}
		}
		t.Fatalf("no %s", code)
		return highlight{}
	}
	type row struct{ Group, Code, Text string }
	for _, tt := range []struct {
		name string
		weak []string
		lang indicators.Lang
		want []row
	}{
		// Groups come in seed 000's order (awareness before infrastructure
		// before incentives), whatever the order of the weak indicators.
		{"group order", []string{"B2", "A1", "A3"}, "vi", []row{
			{"awareness", "A3", "Tuyên truyền A3."},
			{"infrastructure", "A1", "Đầu tư A1."},
			{"incentives", "B2", "Khen thưởng B2."},
		}},
		// Within a group the weakest comes first; English text; B1 has no
		// group (institutions) and no text (a generic step).
		{"english and defaults", []string{"A2", "B1", "A3"}, "en", []row{
			{"awareness", "A2", "EN Tuyên truyền A2."},
			{"awareness", "A3", "EN Tuyên truyền A3."},
			{"institutions", "B1", "Review indicator B1 and assign its improvement."},
		}},
		{"none", nil, "vi", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var weak []highlight
			for _, c := range tt.weak {
				weak = append(weak, h(c))
			}
			var got []row
			for _, a := range recommendations(fw, weak, tt.lang) {
				got = append(got, row{a.group, fw.Indicators[a.j].Code, a.text})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("recommendations (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkPDF writes the report for 3,321 units (goal: under 30 s, under
// 40 KB per scorecard page on average).
func BenchmarkPDF(b *testing.B) {
	ev := bigEval(b, 3321, 60)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, ev, &Options{Timestamp: fixedTime}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
		b.ReportMetric(float64(buf.Len())/float64(len(ev.Units)), "bytes/unit")
	}
}

// TestPDFHostileText: names and reasons with emoji, a Hán-Nôm character
// outside the Basic Multilingual Plane, terminal escapes, a right-to-left
// override and 80,000 characters make a report without a panic; what the
// fonts cannot draw shows as □, and results.json keeps the text as given.
func TestPDFHostileText(t *testing.T) {
	pdftotext := fixture.Tool(t, "pdftotext", "poppler-utils")
	odd := fixture.Sub("ODD", "CQ.1=90/80")
	odd.Name = "Phường 😀 𠀀 \x1b[2J\u202eKết"
	odd.Entry("CQ.1").SetReason("lý do 😀 " + strings.Repeat("rất dài ", 10000))
	long := fixture.Sub("LONG", "CQ.1=50")
	long.Name = strings.Repeat("Xã Tương Bình Hiệp Thượng ", 3077) // 80,000 characters
	ev := sampleEval(t, odd, long)
	dir := t.TempDir()
	in := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(in, writePDF(t, ev, "vi"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := string(out)
	if !strings.Contains(txt, "Phường □ □ [2JKết") {
		t.Errorf("the PDF does not show the odd name as Phường □ □ [2JKết")
	}
	if strings.ContainsAny(txt, "\x1b\u202e") || strings.Contains(txt, "😀") {
		t.Error("the PDF text holds an escape, an override or an emoji")
	}
	r := resultsOf(t, ev)
	for _, u := range r.Units {
		if u.Code == "ODD" && u.Name != odd.Name {
			t.Errorf("results.json name %q, want the text as given %q", u.Name, odd.Name)
		}
	}
}

// TestPDFLimit: a cohort beyond MaxPDFUnits is refused before anything is
// written, naming the limit.
func TestPDFLimit(t *testing.T) {
	fw, err := indicators.Decode([]byte(fixture.SmallFramework), "small.toml")
	if err != nil {
		t.Fatal(err)
	}
	subs := make([]*submission.Submission, MaxPDFUnits+1)
	for u := range subs {
		subs[u] = fixture.Sub(fmt.Sprintf("U%05d", u), "A1=50")
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = WritePDF(&b, ev, nil)
	var lim *LimitError
	if !errors.As(err, &lim) || lim.Need != MaxPDFUnits+1 || lim.Limit != MaxPDFUnits || b.Len() != 0 {
		t.Errorf("WritePDF = %v with %d bytes written, want a LimitError %d > %d and nothing written", err, b.Len(), MaxPDFUnits+1, MaxPDFUnits)
	}
}

// TestPDFTrustPages: with the Monte Carlo ranks and last year's results,
// the PDF has the rank-interval chart, the progress table, and on each
// scorecard the rank interval and the change; the workbook has the
// Độ tin cậy and Tiến bộ sheets.
func TestPDFTrustPages(t *testing.T) {
	pdftotext := fixture.Tool(t, "pdftotext", "poppler-utils")
	ev := sampleEval(t)
	fw := ev.Framework
	srcs, _, err := submission.FSSources(sample.FS, "testdata/sample/2023", "")
	if err != nil {
		t.Fatal(err)
	}
	ev23, err := dti.Evaluate(fw, submission.Ingest(srcs, fw, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	us, err := audit.Uncertainty(ev, audit.UncertaintyOptions{Runs: 200, Seed: 1, Band: 0.25, Missing: true})
	if err != nil {
		t.Fatal(err)
	}
	o := docOptions("vi")
	o.Uncertainty = map[string]audit.UnitUncertainty{}
	for _, uu := range us {
		o.Uncertainty[uu.Code] = uu
	}
	o.Changes = dti.Changes(dti.PriorOf(ev23), ev, nil)
	if o.Sensitivity, err = audit.Sensitivity(ev, audit.SensitivityOptions{Samples: 100, Seed: 1, Band: 0.25, Bootstrap: 50}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WritePDF(&b, ev, o); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(out)), " ")
	c := o.Changes["HT"]
	// The audit: each pillar's row (code, name, parts, alpha), and the
	// sensitivity of the ranks to the first pillar's weight.
	r := audit.Run(ev)
	p := pillars(fw)[0]
	var alpha, k string
	for _, n := range r.Nodes {
		if n.Code == p.code() {
			alpha, k = dec2(n.Alpha, "vi"), fmt.Sprint(n.K)
		}
	}
	sens := o.Sensitivity[0]
	for _, w := range []string{"ĐỘ TIN CẬY CỦA THỨ HẠNG", "TIẾN BỘ SO VỚI NĂM TRƯỚC", "ít nhất 90 % số lượt Monte Carlo trong khoảng",
		"so với năm 2023: +" + dti.FormatScore(c.Score, ev.Precision(), "vi") + " điểm",
		"KIỂM ĐỊNH THỐNG KÊ", "Chỉ tiêu cần xem lại", strings.Join([]string{p.code(), p.name("vi"), k, alpha}, " "),
		"Độ nhạy của thứ hạng", sens.Name + " · " + p.name("vi") + " " + dec2(sens.First, "vi") + " " + dec2(sens.FirstLo, "vi") + " … " + dec2(sens.FirstHi, "vi")} {
		if !strings.Contains(txt, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	var xb bytes.Buffer
	if err := WriteXLSX(&xb, ev, o); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xb)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); !strings.Contains(got, "Kiểm định|Tương quan|Độ tin cậy|Tiến bộ") {
		t.Errorf("sheets %s", got)
	}
	if v, _ := f.GetCellValue("Tiến bộ", "B2"); v != "HT" {
		t.Errorf("Tiến bộ B2 = %q, want HT (rank 1)", v)
	}
}

// TestBodyProgress: with the previous year known, the report's body says
// how many units rose and fell (counted here from the two years' scores)
// and who rose most; without it the section is absent.
func TestBodyProgress(t *testing.T) {
	ev := sampleEval(t)
	text := func() string {
		var s []string
		for _, b := range body(ev, "2024", "vi") {
			s = append(s, b.text)
		}
		return strings.Join(s, "\n")
	}
	if strings.Contains(text(), "So với năm") {
		t.Error("a progress section without a previous year")
	}
	srcs, _, err := submission.FSSources(sample.FS, "testdata/sample/2023", "")
	if err != nil {
		t.Fatal(err)
	}
	ev23, err := dti.Evaluate(ev.Framework, submission.Ingest(srcs, ev.Framework, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	then := map[string]float64{}
	for _, u := range ev23.Units {
		then[u.Code] = u.Score
	}
	rose, fell, best, bestName := 0, 0, math.Inf(-1), ""
	for _, u := range ev.Units {
		if p, ok := then[u.Code]; ok {
			switch d := u.Score - p; {
			case d > 0:
				rose++
				if d > best {
					best, bestName = d, u.Name
				}
			case d < 0:
				fell++
			}
		}
	}
	ev.SetChanges(dti.Changes(dti.PriorOf(ev23), ev, nil))
	got := text()
	for _, w := range []string{"3. So với năm 2023", fmt.Sprintf("%d đơn vị tăng điểm, %d đơn vị giảm điểm;", rose, fell),
		"tăng nhiều nhất: " + bestName + " (+" + dti.FormatScore(best, ev.Precision(), "vi") + ")", "4. Đề nghị khen thưởng"} {
		if !strings.Contains(got, w) {
			t.Errorf("the body lacks %q:\n%s", w, got)
		}
	}
}
