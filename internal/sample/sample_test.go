package sample_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "regenerate the sample forms and the module's testdata/wards.csv")

// ward is one ward of Thủ Dầu Một (before the 2025 reorganisation), with
// its residents, area (km²) and households. Like the values, the
// attributes are synthetic, of the order of the city's wards.
type ward struct {
	code, name                   string
	population, area, households float64
}

var wards = []ward{
	{"PC", "Phường Phú Cường", 21600, 1.9, 6100}, {"HT", "Phường Hiệp Thành", 48300, 6.6, 13200}, {"CN", "Phường Chánh Nghĩa", 17900, 2.6, 4900},
	{"PTH", "Phường Phú Thọ", 42500, 4.8, 11800}, {"PH", "Phường Phú Hòa", 55700, 5.2, 15600}, {"PL", "Phường Phú Lợi", 36800, 5.9, 10100},
	{"HA", "Phường Hiệp An", 19400, 9.5, 5300}, {"DH", "Phường Định Hòa", 64200, 10.5, 18100}, {"PM", "Phường Phú Mỹ", 38900, 5.7, 10700},
	{"TA", "Phường Tân An", 12600, 9.4, 3400}, {"PT", "Phường Phú Tân", 9800, 9.5, 2700}, {"CM", "Phường Chánh Mỹ", 33100, 8.3, 9000},
	{"TBH", "Phường Tương Bình Hiệp", 29400, 4.9, 8100}, {"HP", "Phường Hòa Phú", 31200, 9.2, 8600},
}

// cellSpec is what a ward team (and the evaluators) typed for one indicator.
type cellSpec struct {
	self      any // float64 or string; nil = left empty
	appraised any
	evidence  string
	reason    string
	note      string
}

// sampleValues returns the synthetic values of every ward for a year. The
// levels follow seed 000's 2022 figures for the city: 100 % on-time
// dossiers, 110/133 procedures online (82.7 %), 55,000 of 142,000 dossiers
// online (38.7 %), ~87,000 VNeID level-2 activations, 118 community teams
// with 649 members (5.5 a team), ~80 % adults with a smartphone, 100 %
// mobile coverage, a video-conference point in each of the 14 wards, 100 %
// of officials with an official e-mail account.
func sampleValues(fw *indicators.Framework, year int) map[string]map[string]cellSpec {
	out := map[string]map[string]cellSpec{}
	for wi, w := range wards {
		rng := rand.New(rand.NewPCG(uint64(year), uint64(wi+1)))
		lift := 0.0
		if year == 2023 {
			lift = -6
		}
		// a ward-level strength in [-1, 1] so that rankings spread
		strength := math.Sin(float64(wi)*1.7+0.3) * 0.8
		pct := func(mid, spread float64) float64 {
			v := mid + lift + strength*spread + (rng.Float64()-0.5)*spread
			return math.Round(math.Min(100, math.Max(0, v))*10) / 10
		}
		cnt := func(lo, hi int) float64 { return float64(lo + rng.IntN(hi-lo+1)) }
		yes := func(p float64) string {
			if rng.Float64() < p+strength*0.15 {
				return "Có"
			}
			return "Không"
		}
		ev := func(n int) string {
			return fmt.Sprintf("Quyết định số %d/QĐ-UBND ngày %02d/01/%d", 10+n+wi, 5+n%20, year)
		}
		v := map[string]cellSpec{
			"NT.1":  {self: pick(rng, strength, "Chủ tịch UBND", "Phó Chủ tịch UBND"), evidence: ev(1)},
			"NT.2":  {self: cnt(2, 5), evidence: "Thông báo kết luận các cuộc họp"},
			"NT.3":  {self: cnt(6, 20)},
			"NT.4":  {self: pct(95, 8)},
			"TC.1":  {self: pick(rng, strength, "Ban hành đúng hạn", "Ban hành trễ hạn"), evidence: ev(2)},
			"TC.2":  {self: pct(90, 12), evidence: "Báo cáo kết quả thực hiện kế hoạch chuyển đổi số"},
			"TC.3":  {self: yes(0.8), evidence: ev(3)},
			"TC.4":  {self: yes(0.85), evidence: "Dự toán ngân sách năm"},
			"TC.5":  {self: yes(0.6), evidence: ev(4)},
			"HT.1":  {self: pct(80, 8)},
			"HT.2":  {self: 100.0},
			"HT.3":  {self: pct(72, 15)},
			"HT.4":  {self: "Có", evidence: "Biên bản kiểm tra điểm cầu"},
			"HT.5":  {self: pct(95, 8)},
			"HT.6":  {self: cnt(2, 15)},
			"HT.7":  {self: yes(0.55), evidence: "Văn bản kết nối IOC"},
			"NL.1":  {self: pct(85, 15), evidence: "Danh sách cán bộ được bồi dưỡng"},
			"NL.2":  {self: math.Round((5.5+strength*0.8+(rng.Float64()-0.5))*10) / 10},
			"NL.3":  {self: pct(80, 20)},
			"NL.4":  {self: 100.0},
			"NL.5":  {self: pct(85, 10)},
			"NL.6":  {self: pick(rng, strength, "Chuyên trách", "Kiêm nhiệm"), evidence: ev(5)},
			"AT.1":  {self: yes(0.75), evidence: ev(6)},
			"AT.2":  {self: pct(92, 8)},
			"AT.3":  {self: 0.0},
			"AT.4":  {self: pct(90, 10)},
			"CQ.1":  {self: math.Round(110.0/133*1000) / 10},
			"CQ.2":  {self: pct(38.7, 10)},
			"CQ.3":  {self: pct(90, 8)},
			"CQ.4":  {self: "Có", evidence: "Giấy chứng nhận ISO 9001:2015"},
			"CQ.5":  {self: cnt(1, 6)},
			"CQ.6":  {self: pct(92, 8)},
			"CQ.7":  {self: pct(34, 10)},
			"CQ.8":  {self: yes(0.9), evidence: "Đường dẫn trang thông tin điện tử của phường"},
			"CQ.9":  {self: yes(0.85), evidence: "Báo cáo sử dụng sổ tay đảng viên điện tử"},
			"CC.1":  {self: pct(98, 4)},
			"CC.2":  {self: pct(95, 6)},
			"CC.3":  {self: pct(99.5, 1)},
			"CC.4":  {self: math.Round((3+rng.Float64()*3-strength)*10) / 10},
			"CC.5":  {self: pct(82, 12)},
			"CC.6":  {self: pct(75, 15)},
			"CC.7":  {self: pct(30, 10)},
			"CC.8":  {self: pct(60, 20)},
			"CC.9":  {self: pct(91, 6)},
			"CC.10": {self: pct(96, 5)},
			"CC.11": {self: pct(92, 8)},
			"DT.1":  {self: cnt(10, 60)},
			"DT.2":  {self: pct(50, 20)},
			"DT.3":  {self: cnt(5, 40)},
			"DT.4":  {self: pct(65, 15)},
			"DT.5":  {self: pick(rng, strength, "Đạt", "Không đạt"), evidence: "Sản phẩm số hóa 3D"},
			"DT.6":  {self: yes(0.6)},
			"DT.7":  {self: "Cấp độ 1: xây dựng nền tảng"},
		}
		dropNegativeEvidence(v)
		out[w.code] = v
	}
	// Intended features of the sample (see README):
	// appraisal adjustments with reasons,
	adj := func(unit, code string, appraised any, reason string) { appraise(out, unit, code, appraised, reason) }
	adj("PC", "CQ.3", 86.0, "Đối chiếu hệ thống quản lý văn bản: 86% văn bản đi được ký số")
	adj("HA", "TC.1", "Ban hành trễ hạn", "Kế hoạch ban hành ngày 20/02, sau thời hạn 31/01")
	adj("TBH", "CC.8", 48.5, "Số liệu hệ thống một cửa điện tử: 48,5% hồ sơ thanh toán trực tuyến")
	adj("DH", "HT.7", "Không", "Chưa có văn bản kết nối với IOC của thành phố")
	// one appraisal without a reason (a warning evaluators must see),
	adj("PM", "NT.3", 8.0, "")
	// a few missing values (warnings: scored 0),
	for _, m := range [][2]string{{"TA", "DT.3"}, {"HP", "HT.6"}} {
		c := out[m[0]][m[1]]
		c.self = nil
		out[m[0]][m[1]] = c
	}
	// one not-applicable indicator (Hòa Phú has no field-report service yet),
	out["HP"]["CC.11"] = cellSpec{self: "NA", reason: ""}
	// one ward failing the veto criterion (a serious incident),
	out["PT"]["AT.3"] = cellSpec{self: 1.0}
	// and one required evidence missing (a warning).
	c := out["CM"]["AT.1"]
	c.self, c.evidence = "Có", ""
	out["CM"]["AT.1"] = c
	_ = fw
	return out
}

// dropNegativeEvidence removes the evidence of answers that claim nothing
// ("Không", "Không đạt", "Chưa ban hành"): a ward attaches no document to
// them, and keeping the sheet realistic keeps its warnings meaningful.
func dropNegativeEvidence(v map[string]cellSpec) {
	for code, c := range v {
		if s, ok := c.self.(string); ok && (s == "Không" || s == "Không đạt" || s == "Chưa ban hành") {
			c.evidence = ""
			v[code] = c
		}
	}
}

// appraise records the evaluators' value and reason for a unit's indicator.
func appraise(out map[string]map[string]cellSpec, unit, code string, appraised any, reason string) {
	c := out[unit][code]
	c.appraised, c.reason = appraised, reason
	out[unit][code] = c
}

func pick(rng *rand.Rand, strength float64, good, bad string) string {
	if rng.Float64() < 0.75+strength*0.2 {
		return good
	}
	return bad
}

// fillTemplate writes a template for the ward and types the values into
// the value cells only, as a person would.
func fillTemplate(t testing.TB, fw *indicators.Framework, w ward, year int, vals map[string]cellSpec) []byte {
	var buf bytes.Buffer
	if err := submission.WriteTemplate(&buf, fw, &submission.TemplateOptions{Unit: w.code, Name: w.name, Year: year}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Biểu mẫu")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) == 0 {
			continue
		}
		c, ok := vals[row[0]]
		if !ok {
			continue
		}
		set := func(col string, v any) {
			if v == nil || v == "" {
				return
			}
			if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("%s%d", col, r+1), v); err != nil {
				t.Fatal(err)
			}
		}
		set("F", c.self)
		set("G", c.evidence)
		set("H", c.appraised)
		set("I", c.reason)
		set("J", c.note)
	}
	for i, v := range []float64{w.population, w.area, w.households} { // H3–H5
		if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("H%d", 3+i), v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// yearSample is one year of the sample: the framework its forms are made
// from, its wards and their values.
type yearSample struct {
	fw    *indicators.Framework
	wards []ward
	vals  map[string]map[string]cellSpec
}

func sampleYear(t testing.TB, ys string) yearSample {
	t.Helper()
	fw, err := indicators.Load(sample.Framework(ys))
	if err != nil {
		t.Fatal(err)
	}
	year, _ := strconv.Atoi(ys)
	if ys == "2025" {
		return yearSample{fw, merged, mergedValues(fw)}
	}
	return yearSample{fw, wards, sampleValues(fw, year)}
}

func TestSampleRoundTrip(t *testing.T) {
	for _, ys := range sample.Years {
		year, _ := strconv.Atoi(ys)
		y := sampleYear(t, ys)
		fw, vals := y.fw, y.vals
		if *update {
			if err := os.MkdirAll(filepath.Join("testdata", "sample", ys), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range y.wards {
			data := fillTemplate(t, fw, w, year, vals[w.code])
			path := filepath.Join("testdata", "sample", ys, w.code+".xlsx")
			if *update {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			embedded, err := fs.ReadFile(sample.FS, "testdata/sample/"+ys+"/"+w.code+".xlsx")
			if *update {
				embedded, err = data, nil
			}
			if err != nil {
				t.Fatalf("sample %s/%s is not embedded (run go test -update ./internal/sample): %v", ys, w.code, err)
			}
			subs, err := submission.ReadXLSX(embedded, path, fw)
			if err != nil {
				t.Fatalf("ReadXLSX(%s): %v", path, err)
			}
			checkRoundTrip(t, fw, subs[0], w, ys, vals[w.code])
		}
		if *update && ys == "2024" {
			if err := os.WriteFile(filepath.Join("..", "..", "testdata", "wards.csv"), wideCSV(t, fw, wards, year, vals), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// wideCSV writes a year of the sample in the CSV wide form: the unit's
// attributes, and per indicator the self-assessed value with, where any
// ward has them, the appraised value and its reason and the evidence, so
// that the file scores exactly as the forms do (TestWardsCSVMatchesForms).
func wideCSV(t *testing.T, fw *indicators.Framework, wards []ward, year int, vals map[string]map[string]cellSpec) []byte {
	has := func(code string, f func(c cellSpec) bool) bool {
		for _, w := range wards {
			if f(vals[w.code][code]) {
				return true
			}
		}
		return false
	}
	head := []string{"unit", "name", "year", "population", "area", "households"}
	type col struct{ code, part string }
	var cols []col
	for _, ind := range fw.Indicators {
		cols = append(cols, col{ind.Code, ""})
		if has(ind.Code, func(c cellSpec) bool { return c.appraised != nil }) {
			cols = append(cols, col{ind.Code, "appraised"}, col{ind.Code, "reason"})
		}
		if has(ind.Code, func(c cellSpec) bool { return c.evidence != "" }) {
			cols = append(cols, col{ind.Code, "evidence"})
		}
	}
	for _, c := range cols {
		if c.part == "" {
			head = append(head, c.code)
		} else {
			head = append(head, c.code+":"+c.part)
		}
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(head); err != nil {
		t.Fatal(err)
	}
	text := func(v any) string {
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	}
	for _, w := range wards {
		rec := []string{w.code, w.name, strconv.Itoa(year), fmt.Sprint(w.population), fmt.Sprint(w.area), fmt.Sprint(w.households)}
		for _, c := range cols {
			v := vals[w.code][c.code]
			switch c.part {
			case "":
				rec = append(rec, text(v.self))
			case "appraised":
				rec = append(rec, text(v.appraised))
			case "reason":
				rec = append(rec, v.reason)
			case "evidence":
				rec = append(rec, v.evidence)
			}
		}
		if err := cw.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkRoundTrip compares what was typed into the form with what was read.
func checkRoundTrip(t *testing.T, fw *indicators.Framework, s *submission.Submission, w ward, year string, vals map[string]cellSpec) {
	t.Helper()
	if s.Unit != w.code || s.Name != w.name || s.Period != year {
		t.Errorf("%s: unit fields = %q %q %q, want %q %q %q", w.code, s.Unit, s.Name, s.Period, w.code, w.name, year)
	}
	for _, is := range s.Issues {
		if is.Severity == submission.SevError {
			t.Errorf("%s: unexpected error %s", w.code, is.Message("en"))
		}
	}
	for a, want := range map[indicators.Attribute]float64{indicators.AttrPopulation: w.population, indicators.AttrArea: w.area, indicators.AttrHouseholds: w.households} {
		if got := s.Attributes[a]; got != want {
			t.Errorf("%s: %s read as %v, typed %v", w.code, a, got, want)
		}
	}
	for _, ind := range fw.Indicators {
		c := vals[ind.Code]
		e := s.Lookup(ind.Code)
		check := func(what string, typed any, got submission.Value) {
			switch x := typed.(type) {
			case nil:
				if got.Set {
					t.Errorf("%s %s %s: read %v, typed nothing", w.code, ind.Code, what, got.Num)
				}
			case float64:
				if !got.Set || got.Num != x {
					t.Errorf("%s %s %s: read %v (set %v), typed %v", w.code, ind.Code, what, got.Num, got.Set, x)
				}
			case string:
				if x == "NA" {
					if !e.NA() {
						t.Errorf("%s %s: NA not read", w.code, ind.Code)
					}
					return
				}
				if !got.Set || got.Raw != x {
					t.Errorf("%s %s %s: read %q (set %v), typed %q", w.code, ind.Code, what, got.Raw, got.Set, x)
				}
			}
		}
		if !e.OK() {
			t.Errorf("%s %s: no entry read", w.code, ind.Code)
			continue
		}
		check("self", c.self, e.Self())
		check("appraised", c.appraised, e.Appraised())
		if got := strings.Join(e.Evidence(), "; "); got != c.evidence {
			t.Errorf("%s %s evidence = %q, want %q", w.code, ind.Code, got, c.evidence)
		}
		if e.Reason() != c.reason {
			t.Errorf("%s %s reason = %q, want %q", w.code, ind.Code, e.Reason(), c.reason)
		}
		if e.Note() != c.note {
			t.Errorf("%s %s note = %q, want %q", w.code, ind.Code, e.Note(), c.note)
		}
	}
}

// TestSampleLibreOffice has LibreOffice open a filled form and save it
// again as .xlsx, as a ward clerk's spreadsheet program would, and reads
// the values back.
func TestSampleLibreOffice(t *testing.T) {
	soffice := fixture.Tool(t, "soffice", "libreoffice-calc-nogui")
	fw, err := indicators.Load(sample.Framework("2024"))
	if err != nil {
		t.Fatal(err)
	}
	vals := sampleValues(fw, 2024)
	dir := t.TempDir()
	for _, w := range []ward{wards[0], wards[10]} { // Phú Cường (appraisals), Phú Tân (veto)
		in := filepath.Join(dir, "in", w.code+".xlsx")
		if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(in, fillTemplate(t, fw, w, 2024, vals[w.code]), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		data, err := os.ReadFile(filepath.Join(out, w.code+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		subs, err := submission.ReadXLSX(data, w.code+".xlsx", fw)
		if err != nil {
			t.Fatalf("%s saved by LibreOffice: %v", w.code, err)
		}
		checkRoundTrip(t, fw, subs[0], w, "2024", vals[w.code])
	}
}
