package submission

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/xl"
)

// The columns a filled form computes itself: the self-assessed points of
// each indicator (and the points of each pillar and group), the points
// that count in the denominator (hidden), and a note or, on a pillar row,
// its score on the framework's scale.
const (
	colPoints  = 11 // K
	colApplies = 12 // L, hidden
	colScore   = 13 // M
)

// Summary block at the top right of the form: labels in J, formulas in K.
const (
	sumTotalRow = tplUnitRow     // K3 the index
	sumClassRow = tplUnitRow + 1 // K4 the class it would reach
	sumEmptyRow = tplUnitRow + 2 // K5 indicators left empty
)

// num formats a constant for a formula: the shortest exact decimal.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// quote makes s a formula string literal.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// formulaOf is how the form computes one indicator.
type formulaOf struct {
	points, applies string // formulas (without "="); points "" when the form cannot compute it
	note            string // why not, or what the points are measured against
}

// selfPointsFormula returns the formulas of an indicator's self-assessed
// points and applicable max points in row r, mirroring the scoring rules:
// an empty value scores 0 (and leaves the denominator under the reweight
// policy), an allowed NA leaves numerator and denominator, a value the
// form cannot read (text where a number is expected) shows "?" and counts
// as 0 until the program reads it. Rules compared against other units
// without a published reference, and normalised indicators, are not
// computed: the note says so and the total is marked provisional.
func selfPointsFormula(fw *indicators.Framework, ind *indicators.Indicator, r int, l indicators.Lang) formulaOf {
	v := cell(colSelf, r)
	mx := ind.MaxOr(0)
	if ind.Rule == nil {
		return formulaOf{note: l.Pick("điểm chuẩn hóa theo các đơn vị: do phần mềm tính", "normalised across units: computed by the program")}
	}
	if mx == 0 {
		return formulaOf{points: "0", applies: "0", note: l.Pick("theo dõi, không tính điểm", "reported, not scored")}
	}
	rule := ind.Rule
	lower := ind.Direction == indicators.Lower
	// x is the value the rule reads: the number, divided by the unit's
	// attribute when the indicator is scored per resident or household.
	x := v
	need := "ISNUMBER(" + v + ")"
	if ind.Per != "" {
		a := absCell(colAttrLabel+1, tplUnitRow+attrIndex(ind.Per))
		mult := 1.0
		if ind.Multiplier != nil {
			mult = *ind.Multiplier
		}
		x = fmt.Sprintf("(%s/%s*%s)", v, a, num(mult))
		need = fmt.Sprintf("AND(ISNUMBER(%s),ISNUMBER(%s),%s>0)", v, a, a)
	}
	m := num(mx)
	t := "LOWER(TRIM(" + v + "&\"\"))"
	words := func(set map[string]bool) string {
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, t+"="+quote(k))
		}
		return "OR(" + strings.Join(parts, ",") + ")"
	}
	var p, note string
	switch rule.Kind {
	case indicators.RuleRatio:
		tg := num(*rule.Target)
		if lower {
			p = fmt.Sprintf("IF(%s<=%s,%s,%s/%s*%s)", x, tg, m, tg, x, m)
		} else {
			p = fmt.Sprintf("MIN(%s/%s,1)*%s", x, tg, m)
		}
		p = fmt.Sprintf("IF(%s,%s,\"?\")", need, p)
	case indicators.RuleSteps:
		steps := rule.Steps
		op := ">="
		if lower {
			op = "<="
		}
		p = "0"
		for i := len(steps) - 1; i >= 0; i-- {
			p = fmt.Sprintf("IF(%s%s%s,%s,%s)", x, op, num(steps[i][0]), num(steps[i][1]), p)
		}
		p = fmt.Sprintf("IF(%s,%s,\"?\")", need, p)
	case indicators.RuleBoolean, indicators.RulePassFail:
		if rule.Kind == indicators.RulePassFail && rule.Pass != nil {
			op := ">="
			if lower {
				op = "<="
			}
			p = fmt.Sprintf("IF(%s,IF(%s%s%s,%s,0),\"?\")", need, x, op, num(*rule.Pass), m)
			break
		}
		yes, no := m, "0"
		if lower {
			yes, no = "0", m
		}
		p = fmt.Sprintf("IF(%s,%s,IF(%s,%s,\"?\"))", words(yesWords), yes, words(noWords), no)
	case indicators.RuleCategorical:
		p = `"?"`
		labels := rule.OptionLabels()
		for i := len(labels) - 1; i >= 0; i-- {
			p = fmt.Sprintf("IF(TRIM(%s)=%s,%s,%s)", v, quote(labels[i]), num(rule.Options[labels[i]]), p)
		}
	case indicators.RuleRelativeBest:
		if rule.Reference == nil {
			return formulaOf{note: l.Pick("so với các đơn vị khác: tỉnh tính khi chấm", "relative to other units: computed when all are scored")}
		}
		ref := num(*rule.Reference)
		if lower {
			p = fmt.Sprintf("IF(%s=0,%s,MIN(%s/%s,1)*%s)", x, m, ref, x, m)
		} else {
			p = fmt.Sprintf("MIN(%s/%s,1)*%s", x, ref, m)
		}
		p = fmt.Sprintf("IF(%s,%s,\"?\")", need, p)
		note = l.Pick("tạm tính: so với mức tham chiếu ", "provisional: against the reference ") + indicators.FormatNumber(*rule.Reference, l)
	default:
		return formulaOf{note: l.Pick("do phần mềm tính", "computed by the program")}
	}
	empty := "LEN(TRIM(" + v + "&\"\"))=0"
	na := "FALSE"
	if ind.NAPolicy() != indicators.NANever {
		na = "OR(" + t + "=\"na\"," + t + "=\"kad\")"
	}
	emptyMax := m
	if fw.Missing == indicators.MissingReweight {
		emptyMax = "0"
	}
	return formulaOf{
		points:  fmt.Sprintf("IF(%s,0,IF(%s,0,%s))", empty, na, p),
		applies: fmt.Sprintf("IF(%s,%s,IF(%s,0,%s))", empty, emptyMax, na, m),
		note:    note,
	}
}

// absCell is an absolute reference, $H$3.
func absCell(col, row int) string { return "$" + colName(col-1) + "$" + strconv.Itoa(row) }

// attrIndex is the row offset of a unit attribute in H3–H5.
func attrIndex(a indicators.Attribute) int {
	for i, x := range indicators.Attributes {
		if x == a {
			return i
		}
	}
	return 0
}

// classFormula returns the formula of the class a score in cell s would
// reach, capped at the framework's veto class when veto is true.
func classFormula(fw *indicators.Framework, s, veto string, l indicators.Lang) string {
	nested := func(classes []indicators.Class) string {
		out := `""`
		for i := len(classes) - 1; i >= 0; i-- {
			out = fmt.Sprintf("IF(%s>=%s,%s,%s)", s, num(classes[i].Min), quote(fw.ClassName(classes[i].Name, l)), out)
		}
		return out
	}
	all := nested(fw.Classes)
	capAt := -1
	for i, c := range fw.Classes {
		if c.Name == fw.VetoCapClass() {
			capAt = i
		}
	}
	if veto == "" || capAt < 0 {
		return fmt.Sprintf("IF(ISNUMBER(%s),%s,\"\")", s, all)
	}
	return fmt.Sprintf("IF(ISNUMBER(%s),IF(%s,%s,%s),\"\")", s, veto, nested(fw.Classes[capAt:]), all)
}

// formComputes reports whether the form can compute its own score: every
// node sums points, as the evaluators' points frameworks do. Weighted
// means of normalised scores need the whole cohort.
func formComputes(fw *indicators.Framework) bool {
	for i := range fw.Nodes {
		if fw.NodeAggregation(&fw.Nodes[i]) != indicators.AggSum {
			return false
		}
	}
	return fw.Aggregation == "" || fw.Aggregation == indicators.AggSum
}

// sumOf is SUM over column col of the given rows.
func sumOf(col int, rows []string) string {
	if len(rows) == 0 {
		return "0"
	}
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = colName(col-1) + r
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

// writeSummary writes the block at the top right: the index the values
// typed so far would give, the class it would reach (capped by a failed
// veto), and how many indicators are still empty.
func writeSummary(x *xl.Writer, sheet string, fw *indicators.Framework, top []string, vetoRows []int, first, last int, computes bool, st formStyles, l indicators.Lang) {
	lab := func(r int, vi, en string) {
		x.Set(sheet, colReason, r, l.Pick(vi, en), st.label)
		x.Merge(sheet, colReason, r, colNote, r)
	}
	lab(sumTotalRow, "Chỉ số tự đánh giá (tạm tính)", "Self-assessed index (provisional)")
	lab(sumClassRow, "Xếp loại dự kiến", "Class it would reach")
	lab(sumEmptyRow, "Chỉ tiêu chưa nhập", "Indicators left empty")
	x.Set(sheet, colScore, sumTotalRow, l.Pick("thang ", "scale ")+indicators.FormatNumber(fw.Scale, l), 0)
	empty := fmt.Sprintf("SUMPRODUCT((LEN(%s%d:%s%d)>0)*(LEN(%s%d:%s%d)>0)*(LEN(TRIM(%s%d:%s%d&\"\"))=0))",
		colName(colMax-1), first, colName(colMax-1), last, colName(colRule-1), first, colName(colRule-1), last, colName(colSelf-1), first, colName(colSelf-1), last)
	x.Do(x.F.SetCellFormula(sheet, cell(colPoints, sumEmptyRow), empty))
	x.Style(sheet, colPoints, sumTotalRow, colPoints, sumClassRow, st.total)
	if !computes {
		x.Set(sheet, colPoints, sumTotalRow, l.Pick("do phần mềm tính", "computed by the program"), st.note)
		return
	}
	k, a := sumOf(colPoints, top), sumOf(colApplies, top)
	score := fmt.Sprintf("IF(%s=0,\"\",%s/%s*%s)", a, k, a, num(fw.Scale))
	if fw.Precision != nil {
		score = fmt.Sprintf("IF(%s=0,\"\",ROUND(%s/%s*%s,%d))", a, k, a, num(fw.Scale), *fw.Precision)
	}
	x.Do(x.F.SetCellFormula(sheet, cell(colPoints, sumTotalRow), score))
	var veto []string
	for _, r := range vetoRows {
		p, m := cell(colPoints, r), cell(colApplies, r)
		veto = append(veto, fmt.Sprintf("AND(ISNUMBER(%s),%s>0,%s<=0)", p, m, p))
	}
	vetoExpr := ""
	if len(veto) > 0 {
		vetoExpr = "OR(" + strings.Join(veto, ",") + ")"
	}
	x.Do(x.F.SetCellFormula(sheet, cell(colPoints, sumClassRow), classFormula(fw, cell(colPoints, sumTotalRow), vetoExpr, l)))
	x.Set(sheet, colScore, sumClassRow, l.Pick("trước thẩm định", "before appraisal"), 0)
}

// writeSignature writes the signature block under the table, left of
// column A (which the reader keeps for indicator codes): the person who
// filled the form and the chairman of the People's Committee.
func writeSignature(x *xl.Writer, sheet string, r int, st formStyles, l indicators.Lang) {
	x.Set(sheet, colAppraised, r, l.Pick("…………, ngày …… tháng …… năm ……", "…………, date ……………………"), st.center)
	x.Merge(sheet, colAppraised, r, colScore, r)
	x.Set(sheet, colIndName, r+1, l.Pick("NGƯỜI LẬP BIỂU", "PREPARED BY"), st.center)
	x.Set(sheet, colIndName, r+2, l.Pick("(Ký, ghi rõ họ tên)", "(signature and full name)"), st.center)
	x.Set(sheet, colAppraised, r+1, l.Pick("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "FOR THE PEOPLE'S COMMITTEE\nCHAIRMAN"), st.center)
	x.Merge(sheet, colAppraised, r+1, colScore, r+1)
	x.Set(sheet, colAppraised, r+2, l.Pick("(Ký tên, đóng dấu)", "(signature and seal)"), st.center)
	x.Merge(sheet, colAppraised, r+2, colScore, r+2)
	x.Do(x.F.SetRowHeight(sheet, r+1, 32))
}
