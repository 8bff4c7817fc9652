package indicators_test

import (
	"fmt"

	"github.com/cqs-vn/dtikit/indicators"
)

func ExampleLoad() {
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		panic(err)
	}
	ind := fw.Indicator("CQ.2")
	fmt.Println(fw.ID, len(fw.Indicators), "indicators,", fw.TotalMaxPoints(), "points")
	fmt.Println(ind.Code, ind.Name)
	fmt.Println(fw.RuleText(ind, "vi"))
	// Output:
	// ward-unified-2025 53 indicators, 100 points
	// CQ.2 Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến
	// min(giá trị ÷ 60; 1) × 3 điểm
}

func ExampleDecode() {
	src := `id = "x"
name = "Khung thử"
name_en = "Test"
version = "1"
colour = "red"

[[indicator]]
code = "A"
name = "Chỉ tiêu A"
name_en = "Indicator A"
unit = "%"
max_points = 5.0
rule = {kind = "ratio"}
domains = ["digital-government"]
`
	_, err := indicators.Decode([]byte(src), "x.toml")
	for _, p := range err.(indicators.Problems) {
		fmt.Println(p.Message("en"))
	}
	// Output:
	// x.toml:5: unknown key "colour"
	// x.toml:13: [A] a ratio rule needs a target greater than 0
}
