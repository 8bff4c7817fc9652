package sample_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

// merged are the wards that Thủ Dầu Một's 14 wards became on 1 July 2025
// (Nghị quyết 1685/NQ-UBTVQH15 of 16/6/2025 on the communes of Hồ Chí Minh
// City), scored in 2025 on ward-unified-2026. Phú An's population and area
// are the published ones (Thanh Niên, 9/7/2025: 36.7 km², 53,936
// residents); the others are synthetic, of the order of the sum of their
// predecessors. Households are synthetic for all five.
var merged = []ward{
	{"TDM", "Phường Thủ Dầu Một", 96400, 11.8, 27300},
	{"PLOI", "Phường Phú Lợi", 94800, 11.6, 26900},
	{"CHIEP", "Phường Chánh Hiệp", 151200, 31.5, 42700},
	{"BDUONG", "Phường Bình Dương", 121500, 33.4, 34400},
	{"PHUAN", "Phường Phú An", 53936, 36.7, 15200},
}

// mergedValues returns synthetic 2025 values of the merged wards on the
// 2026 framework. Every value a ward reports itself differs between at
// least two wards (TestNoConstantIndicator): a criterion on which every
// ward has the same value separates nobody.
func mergedValues(fw *indicators.Framework) map[string]map[string]cellSpec {
	out := map[string]map[string]cellSpec{}
	lead := []string{"Bí thư Đảng ủy", "Chủ tịch UBND", "Bí thư Đảng ủy", "Phó Chủ tịch UBND", "Chủ tịch UBND"}
	plan := []string{"Ban hành đúng hạn", "Ban hành đúng hạn", "Ban hành trễ hạn", "Ban hành đúng hạn", "Ban hành đúng hạn"}
	staff := []string{"Chuyên trách", "Chuyên trách", "Kiêm nhiệm", "Chuyên trách", "Kiêm nhiệm"}
	yesNo := []string{"Có", "Có", "Không", "Có", "Có"}
	pass := []string{"Đạt", "Đạt", "Đạt", "Không đạt", "Đạt"}
	for wi, w := range merged {
		rng := rand.New(rand.NewPCG(2025, uint64(wi+101)))
		strength := math.Sin(float64(wi)*1.9+0.7) * 0.8
		pct := func(mid, spread float64) float64 {
			v := mid + strength*spread + (rng.Float64()-0.5)*spread
			return math.Round(math.Min(100, math.Max(0, v))*10) / 10
		}
		cnt := func(lo, hi int) float64 { return float64(lo + rng.IntN(hi-lo+1)) }
		ev := func(n int) string {
			return fmt.Sprintf("Quyết định số %d/QĐ-UBND ngày %02d/%02d/2025", 20+n+3*wi, 3+n%25, 7+n%5)
		}
		pop := w.population
		v := map[string]cellSpec{
			"NT.1":  {self: lead[wi], evidence: ev(1)},
			"NT.2":  {self: pct(88, 14)},
			"NT.3":  {self: pct(62, 18)},
			"TC.1":  {self: plan[wi], evidence: ev(2)},
			"TC.2":  {self: pct(86, 14), evidence: "Báo cáo kết quả thực hiện kế hoạch chuyển đổi số năm 2025"},
			"TC.3":  {self: math.Round((1.8+strength+rng.Float64())*10) / 10, evidence: "Báo cáo quyết toán ngân sách xã năm 2025"},
			"TC.4":  {self: yesNo[(wi+1)%5], evidence: ev(3)},
			"HT.1":  {self: pct(82, 10)},
			"HT.2":  {self: 100.0},
			"HT.3":  {self: pct(94, 8)},
			"HT.4":  {self: cnt(int(pop/10000*2), int(pop/10000*6))},
			"HT.5":  {self: pass[wi], evidence: "Biên bản kiểm tra Bộ phận Một cửa"},
			"HT.6":  {self: cnt(int(pop/10000*12), int(pop/10000*40))},
			"NL.1":  {self: pct(88, 14), evidence: "Danh sách cán bộ, công chức được bồi dưỡng"},
			"NL.2":  {self: pct(76, 20)},
			"NL.3":  {self: staff[wi], evidence: ev(4)},
			"NL.4":  {self: pct(82, 18)},
			"NL.5":  {self: pct(90, 10)},
			"AT.1":  {self: yesNo[wi], evidence: ev(5)},
			"AT.2":  {self: pct(93, 8)},
			"AT.3":  {self: 0.0},
			"AT.4":  {self: pct(84, 14)},
			"CQ.1":  {self: pct(98.5, 3)},
			"CQ.2":  {self: pct(72, 16)},
			"CQ.3":  {self: pct(86, 12)},
			"CQ.4":  {self: pct(58, 20)},
			"CQ.5":  {self: pct(80, 30)},
			"CQ.6":  {self: pct(95, 6)},
			"CQ.7":  {self: pct(88, 12)},
			"CQ.8":  {self: pct(93, 8)},
			"CQ.9":  {self: pct(91, 6)},
			"CQ.10": {self: pct(85, 20), evidence: "Báo cáo số hóa sổ hộ tịch"},
			"KT.1":  {self: pct(64, 18)},
			"KT.2":  {self: pct(58, 20), evidence: "Danh sách hộ kinh doanh có mã QR thanh toán"},
			"KT.3":  {self: cnt(int(w.households/1000*5), int(w.households/1000*18)), evidence: "Danh sách gian hàng trên sàn thương mại điện tử"},
			"KT.4":  {self: pct(70, 20)},
			"XH.1":  {self: pct(84, 8)},
			"XH.2":  {self: pct(78, 12)},
			"XH.3":  {self: pct(80, 18), evidence: "Báo cáo chi trả an sinh xã hội qua tài khoản"},
			"XH.4":  {self: cnt(int(pop/1000*60), int(pop/1000*170)), evidence: "Sổ theo dõi của các Tổ công nghệ số cộng đồng"},
			"XH.5":  {self: pct(28, 16)},
			"XH.6":  {self: cnt(int(pop/1000*120), int(pop/1000*340))},
		}
		dropNegativeEvidence(v)
		out[w.code] = v
	}
	// Appraisal adjustments with their reasons,
	adj := func(unit, code string, appraised any, reason string) { appraise(out, unit, code, appraised, reason) }
	adj("TDM", "KT.2", 49.0, "Kiểm tra thực tế 3 chợ: 49% tiểu thương có mã QR thanh toán")
	adj("CHIEP", "NT.1", "Phó Chủ tịch UBND", "Quyết định thành lập Ban Chỉ đạo: Phó Chủ tịch UBND làm Trưởng ban")
	// a ward with no overdue dossier (not applicable, with its reason),
	c := out["PHUAN"]["CQ.5"]
	c.self, c.note = "NA", "Năm 2025 không có hồ sơ quá hạn (Hệ thống thông tin giải quyết TTHC)"
	out["PHUAN"]["CQ.5"] = c
	// a missing value (scored 0, a warning),
	c = out["BDUONG"]["XH.3"]
	c.self, c.evidence = nil, ""
	out["BDUONG"]["XH.3"] = c
	// and one required evidence missing (a warning, no award).
	c = out["PLOI"]["TC.2"]
	c.evidence = ""
	out["PLOI"]["TC.2"] = c
	_ = fw
	return out
}

// TestNoConstantIndicator: on the 2025 sample, no indicator of
// ward-unified-2026 has the same value for every ward unless the number
// comes from a provincial system (data_source = "system"). A criterion on
// which every ward reports the same value separates nobody (in the 2024
// sample, CQ.1, HT.2, HT.4, CQ.4 and NL.4 were such criteria).
func TestNoConstantIndicator(t *testing.T) {
	values := func(year string) (*indicators.Framework, map[string]map[string]bool) {
		fw, err := indicators.Load(sample.Framework(year))
		if err != nil {
			t.Fatal(err)
		}
		root, _ := sample.Root(year)
		srcs, _, err := submission.FSSources(sample.FS, root, "")
		if err != nil {
			t.Fatal(err)
		}
		b := submission.Ingest(srcs, fw, nil)
		if len(b.Rejected) > 0 {
			t.Fatalf("%s: %d rejected", year, len(b.Rejected))
		}
		seen := map[string]map[string]bool{}
		if len(b.Submissions) < 5 {
			t.Fatalf("%s: %d submissions", year, len(b.Submissions))
		}
		for _, s := range b.Submissions {
			for _, ind := range fw.Indicators {
				v := "(empty)"
				if e := s.Lookup(ind.Code); e.OK() {
					switch {
					case e.NA():
						v = "NA"
					case e.Self().Set:
						v = e.Self().Raw
					}
				}
				if seen[ind.Code] == nil {
					seen[ind.Code] = map[string]bool{}
				}
				seen[ind.Code][v] = true
			}
		}
		return fw, seen
	}
	fw, seen := values("2025")
	for _, ind := range fw.Indicators {
		if len(seen[ind.Code]) < 2 && ind.DataSource != "system" {
			t.Errorf("%s (%s data): every ward has the same value %v", ind.Code, ind.DataSource, seen[ind.Code])
		}
	}
	// The check finds what it is looking for: the 2024 sample on the old
	// framework has such constant self-reported criteria.
	old, seen := values("2024")
	constant := 0
	for _, ind := range old.Indicators {
		if len(seen[ind.Code]) < 2 && ind.DataSource != "system" {
			constant++
		}
	}
	if constant == 0 {
		t.Error("no constant self-reported indicator found in the 2024 sample, which has HT.4 and CQ.4 the same for every ward")
	}
}
