package dti

import (
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// reasonsFramework: four indicators, 100 points: A a ratio (40), B yes/no
// (10), V a veto (10), E yes/no with evidence required (40); one award for
// at most 2 units from Tốt, ties broken by fewer zero-point indicators.
const reasonsFramework = `
id = "reasons-test"
name = "Khung thử lý do"
version = "1"
aggregation = "sum"
precision = 2
tie_break = ["fewer-zero"]
[[node]]
code = "P"
name = "Trụ cột"
max_points = 100.0
[[indicator]]
code = "A"
parent = "P"
name = "Tỷ lệ A"
unit = "%"
max_points = 40.0
rule = {kind = "ratio", target = 100.0}
[[indicator]]
code = "B"
parent = "P"
name = "Có B"
unit = "yes/no"
max_points = 10.0
rule = {kind = "boolean"}
[[indicator]]
code = "V"
parent = "P"
name = "Không sự cố"
unit = "yes/no"
max_points = 10.0
rule = {kind = "boolean"}
veto = true
[[indicator]]
code = "E"
parent = "P"
name = "Có E"
unit = "yes/no"
max_points = 40.0
rule = {kind = "boolean"}
evidence = true
[[class]]
name = "Xuất sắc"
min = 90.0
[[class]]
name = "Tốt"
min = 80.0
[[class]]
name = "Khá"
min = 70.0
[[class]]
name = "Trung bình"
min = 50.0
[[class]]
name = "Yếu"
min = 0.0
[[award]]
name = "Giấy khen"
min_class = "Tốt"
count = 2
`

// TestReasons: the reasons of classes and awards on a hand-made cohort.
// Scores by hand: U1 40+10+10+40 = 100; U2 30+10+10+40 = 90 with no zero;
// U3 40+0+10+40 = 90 with one zero; U4 40+10+0+40 = 90, veto failed; U5
// 100 without E's evidence; U6 20+10+10+0 = 40; U7 25+10+10+40 = 85.
// Eligible for the award: U1 (100), U2, U3 (90), U7 (85); two places: U1,
// then U2 and U3 tie at the cut-off and fewer zero-point indicators gives
// it to U2; U7 is below the cut-off.
func TestReasons(t *testing.T) {
	fw, err := indicators.Decode([]byte(reasonsFramework), "reasons.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := "unit,name,A,B,V,E,E:evidence\n" +
		"U1,Phường Một,100,Có,Có,Có,QĐ 1\n" +
		"U2,Phường Hai,75,Có,Có,Có,QĐ 2\n" +
		"U3,Phường Ba,100,Không,Có,Có,QĐ 3\n" +
		"U4,Phường Bốn,100,Có,Không,Có,QĐ 4\n" +
		"U5,Phường Năm,100,Có,Có,Có,\n" +
		"U6,Phường Sáu,50,Có,Có,Không,\n" +
		"U7,Phường Bảy,62.5,Có,Có,Có,QĐ 7\n"
	subs, err := submission.ReadCSV([]byte(src), "cohort.csv", fw, nil)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]*Unit{}
	for _, u := range ev.Units {
		byCode[u.Code] = u
	}
	for _, c := range []struct {
		unit, class string
		score       float64
		classHas    []string
		award       []string // fragments the award line has
		awardHasNot string
	}{
		{"U1", "Xuất sắc", 100, []string{"chỉ số 100,00 ≥ 90: đạt ngưỡng loại Xuất sắc"}, []string{"Giấy khen: được khen (xếp loại từ Tốt, tối đa 2 đơn vị có chỉ số cao nhất)"}, "tiêu chí phụ"},
		{"U2", "Xuất sắc", 90, []string{"≥ 90"}, []string{"được khen", "bằng điểm ở ngưỡng, tiêu chí phụ quyết định: ít chỉ tiêu 0 điểm hơn"}, ""},
		{"U3", "Xuất sắc", 90, []string{"≥ 90"}, []string{"đủ điều kiện nhưng ngoài số lượng", "tiêu chí phụ quyết định: ít chỉ tiêu 0 điểm hơn"}, ""},
		{"U4", "Trung bình", 90, []string{"đạt ngưỡng loại Xuất sắc", "bị giới hạn ở loại Trung bình vì không đạt điều kiện loại trừ: V = Không (0 điểm)"}, []string{"không đủ điều kiện: không đạt điều kiện loại trừ V"}, ""},
		{"U5", "Xuất sắc", 100, []string{"≥ 90"}, []string{"không đủ điều kiện: thiếu tài liệu kiểm chứng ở E"}, ""},
		{"U6", "Yếu", 40, []string{"chỉ số 40,00 ≥ 0: đạt ngưỡng loại Yếu (loại Trung bình cần 50)"}, []string{"không đủ điều kiện: xếp loại Yếu, cần từ Tốt"}, ""},
		{"U7", "Tốt", 85, []string{"chỉ số 85,00 ≥ 80: đạt ngưỡng loại Tốt (loại Xuất sắc cần 90)"}, []string{"đủ điều kiện nhưng ngoài số lượng"}, "tiêu chí phụ"},
	} {
		u := byCode[c.unit]
		if u == nil {
			t.Fatalf("%s not scored", c.unit)
		}
		if u.Class != c.class || u.Score != c.score {
			t.Errorf("%s: %v %s, want %v %s", c.unit, u.Score, u.Class, c.score, c.class)
		}
		r := ev.Reasons(u, indicators.Vietnamese)
		for _, f := range c.classHas {
			if !strings.Contains(r.Class, f) {
				t.Errorf("%s class reason %q lacks %q", c.unit, r.Class, f)
			}
		}
		if len(r.Awards) != 1 {
			t.Fatalf("%s: %d award reasons", c.unit, len(r.Awards))
		}
		for _, f := range c.award {
			if !strings.Contains(r.Awards[0], f) {
				t.Errorf("%s award reason %q lacks %q", c.unit, r.Awards[0], f)
			}
		}
		if c.awardHasNot != "" && strings.Contains(r.Awards[0], c.awardHasNot) {
			t.Errorf("%s award reason %q should not mention %q", c.unit, r.Awards[0], c.awardHasNot)
		}
		t.Logf("%s: %s | %s", c.unit, r.Class, r.Awards[0])
		if en := ev.Reasons(u, indicators.English); en.Class == "" || len(en.Awards) != 1 {
			t.Errorf("%s: English reasons %+v", c.unit, en)
		}
	}
}
