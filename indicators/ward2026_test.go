package indicators

import (
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// texts returns every string reachable from v (struct fields, slices, map
// keys and values, pointers), each with the path it was found at.
func texts(path string, v reflect.Value, out map[string]string) {
	switch v.Kind() {
	case reflect.String:
		if v.String() != "" {
			out[path] = v.String()
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			texts(path, v.Elem(), out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				texts(path+"."+v.Type().Field(i).Name, v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			texts(path+"["+strconv.Itoa(i)+"]", v.Index(i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			texts(path+"{key}", k, out)
			texts(path+"{"+k.String()+"}", v.MapIndex(k), out)
		}
	}
}

// TestWard2026Wording: since 1 July 2025 there are two levels of local
// government, so no text of ward-unified-2026 (names, sources, data
// origins, recommendations, options, in both languages) names a district
// or city tier or "4 levels", and indicator texts speak of the commune
// (xã, covering phường, xã and đặc khu), not of the phường alone.
func TestWard2026Wording(t *testing.T) {
	fw, err := Load("ward-unified-2026")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{}
	texts("framework", reflect.ValueOf(*fw), all)
	if len(all) < 42*6 {
		t.Fatalf("only %d texts found; the walk misses fields", len(all))
	}
	banned := regexp.MustCompile(`(?i)(^|[^\p{L}])(quận|huyện|thị xã|thành phố|4 cấp|bốn cấp|district|4 levels|four levels|the city|city portal|city-wide)([^\p{L}]|$)`)
	for path, s := range all {
		if m := banned.FindString(s); m != "" {
			t.Errorf("%s = %q names a tier that no longer exists (%q)", path, s, strings.TrimSpace(m))
		}
	}
	phuong := regexp.MustCompile(`(?i)(^|[^\p{L}])phường([^\p{L}]|$)`)
	for _, ind := range fw.Indicators {
		for _, s := range []string{ind.Name, ind.Recommendation} {
			if phuong.MatchString(s) {
				t.Errorf("%s: %q speaks of the phường only; say xã (phường, xã, đặc khu)", ind.Code, s)
			}
		}
	}
	// The wording test must be able to fail: the 2025 framework it replaces
	// speaks of "4 cấp" and of the city.
	old, err := Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	prev := map[string]string{}
	texts("framework", reflect.ValueOf(*old), prev)
	hits := 0
	for _, s := range prev {
		if banned.MatchString(s) {
			hits++
		}
	}
	if hits == 0 {
		t.Error("the banned-word pattern finds nothing in ward-unified-2025, which names the 4 levels and the city")
	}
}

// TestWard2026Design checks the rules ward-unified-2026 was written to:
// 8 groups and 100 points; every indicator states its na policy, where its
// data comes from (and for system or survey data, which system or survey),
// its mappings and domains; every count is scored per resident or
// household; every relative rule has a published reference value.
func TestWard2026Design(t *testing.T) {
	src, err := EmbeddedSource("ward-unified-2026")
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Indicator []map[string]any `toml:"indicator"`
	}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		t.Fatal(err)
	}
	fw, err := Load("ward-unified-2026")
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	total := 0.0
	for _, n := range fw.Nodes {
		if n.Parent == "" {
			groups = append(groups, n.Code)
			if n.MaxPoints != nil {
				total += *n.MaxPoints
			}
		}
	}
	if want := []string{"NT", "TC", "HT", "NL", "AT", "CQ", "KT", "XH"}; !reflect.DeepEqual(groups, want) || total != 100 {
		t.Errorf("groups %v, %v points; want %v, 100", groups, total, want)
	}
	if len(raw.Indicator) != len(fw.Indicators) {
		t.Fatalf("%d raw indicators, %d decoded", len(raw.Indicator), len(fw.Indicators))
	}
	mapPrefix := regexp.MustCompile(`^(DTI-405|PAR-876|QD766|SC):`)
	for i, r := range raw.Indicator {
		ind := &fw.Indicators[i]
		if _, ok := r["na"]; !ok {
			t.Errorf("%s: no na policy stated", ind.Code)
		}
		switch ind.DataSource {
		case "self":
		case "system", "survey":
			if ind.DataOrigin == "" {
				t.Errorf("%s: %s data without data_origin", ind.Code, ind.DataSource)
			}
		default:
			t.Errorf("%s: data_source %q", ind.Code, ind.DataSource)
		}
		// A count that grows with the unit's size is scored per resident or
		// household; a count whose rule only tells zero from more (AT.3, no
		// serious incident) does not grow with size in any way that matters.
		zeroOnly := ind.Rule != nil && ind.Rule.Kind == RuleSteps && len(ind.Rule.Steps) == 1 && ind.Rule.Steps[0][0] == 0
		if ind.Unit == "count" && ind.Per == "" && !zeroOnly {
			t.Errorf("%s: a count not scored per resident or household", ind.Code)
		}
		if ind.Rule != nil && ind.Rule.Kind == RuleRelativeBest && ind.Rule.Reference == nil {
			t.Errorf("%s: relative rule without a reference value", ind.Code)
		}
		if len(ind.Maps) == 0 || len(ind.Domains) == 0 || ind.Source == "" || ind.Recommendation == "" || ind.RecommendationEN == "" || ind.NameEN == "" {
			t.Errorf("%s: missing maps, domains, source, recommendation or English name", ind.Code)
		}
		for _, m := range ind.Maps {
			if !mapPrefix.MatchString(m) {
				t.Errorf("%s: mapping %q is not to 405, the PAR INDEX, 766 or smart city", ind.Code, m)
			}
		}
	}
}

// TestCriteriaDocCovers: docs/criteria-2026.md has a row for every
// indicator of ward-unified-2026, and says for every indicator of
// ward-unified-2025 what became of it (replaced or dropped).
func TestCriteriaDocCovers(t *testing.T) {
	doc, err := os.ReadFile("../docs/criteria-2026.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	fw, err := Load("ward-unified-2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range fw.Indicators {
		if !strings.Contains(text, "\n| "+ind.Code+" | "+ind.Name+" |") {
			t.Errorf("docs/criteria-2026.md has no row for %s", ind.Code)
		}
	}
	old, err := Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	// What a 2025 code became is said in the Replaces column (the 7th) of
	// the indicator table or in the first column of the dropped table.
	_, after, _ := strings.Cut(text, "## The indicators")
	indTable, dropTable, _ := strings.Cut(after, "## What was dropped")
	var said []string
	for _, line := range strings.Split(indTable, "\n") {
		if cells := strings.Split(line, " | "); strings.HasPrefix(line, "| ") && len(cells) > 6 {
			said = append(said, cells[6])
		}
	}
	for _, line := range strings.Split(dropTable, "\n") {
		if cells := strings.Split(line, " | "); strings.HasPrefix(line, "| ") && len(cells) > 1 {
			said = append(said, strings.TrimPrefix(cells[0], "| "))
		}
	}
	saidText := " " + strings.Join(said, " ; ") + " "
	for _, ind := range old.Indicators {
		word := regexp.MustCompile(`[^\w.]` + regexp.QuoteMeta(ind.Code) + `[^\w.]`)
		if !word.MatchString(saidText) {
			t.Errorf("docs/criteria-2026.md does not say what became of 2025's %s", ind.Code)
		}
	}
}

// TestMappingLegend: every mapping code an embedded framework uses is
// named in docs/mapping-codes.md (a code written `DTI-922:NT`, or listed
// after it as `:TC` in the same row).
func TestMappingLegend(t *testing.T) {
	doc, err := os.ReadFile("../docs/mapping-codes.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, name := range Embedded() {
		fw, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, ind := range fw.Indicators {
			for _, m := range ind.Maps {
				prefix, code, _ := strings.Cut(m, ":")
				found := strings.Contains(text, "`"+m+"`")
				for _, line := range strings.Split(text, "\n") {
					if strings.Contains(line, "`"+prefix+":") && strings.Contains(line, "`:"+code+"`") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s %s: mapping %s is not in docs/mapping-codes.md", name, ind.Code, m)
				}
			}
		}
	}
}
