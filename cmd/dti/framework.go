package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/cqs-vn/dtikit/indicators"
)

func (a *app) framework(args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(a.stderr, a.lang.Pick(
			"Cách dùng:\n  dti framework list\n  dti framework show NAME|FILE\n  dti framework export NAME|FILE\n  dti framework check FILE…\n",
			"Usage:\n  dti framework list\n  dti framework show NAME|FILE\n  dti framework export NAME|FILE\n  dti framework check FILE…\n"))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "list":
		return a.frameworkList(args[1:])
	case "show":
		return a.frameworkShow(args[1:])
	case "export":
		return a.frameworkExport(args[1:])
	case "check":
		return a.frameworkCheck(args[1:])
	}
	a.errorf(a.lang.Pick("lệnh con không xác định %q (list, show, export, check)", "unknown subcommand %q (list, show, export, check)"), args[0])
	return errUsage
}

func (a *app) frameworkList(args []string) error {
	fs := a.newFlags("framework list", "dti framework list")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, a.lang.Pick("MÃ\tPHIÊN BẢN\tSỐ CHỈ TIÊU\tTỔNG ĐIỂM\tTÊN", "ID\tVERSION\tINDICATORS\tTOTAL POINTS\tNAME"))
	for _, name := range indicators.Embedded() {
		fw, err := loadFramework(name)
		if err != nil {
			return err
		}
		total := "–"
		if t := fw.TotalMaxPoints(); t > 0 {
			total = indicators.FormatNumber(t, a.lang)
		}
		def := ""
		if name == indicators.Default {
			def = a.lang.Pick(" (mặc định)", " (default)")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s%s\n", fw.ID, fw.Version, len(fw.Indicators), total, fw.DisplayName(a.lang), def)
	}
	return tw.Flush()
}

// frameworkArg parses a subcommand's flags and loads its one framework.
func (a *app) frameworkArg(name string, args []string) (*indicators.Framework, error) {
	fs := a.newFlags("framework "+name, "dti framework "+name+" NAME|FILE")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	return a.loadOne(pos)
}

func (a *app) loadOne(args []string) (*indicators.Framework, error) {
	if len(args) != 1 {
		a.errorf(a.lang.Pick("cần đúng một tên khung hoặc tệp", "need exactly one framework name or file"))
		return nil, errUsage
	}
	fw, err := loadFramework(args[0])
	if err != nil {
		a.printFrameworkError(err)
		return nil, exitCode(1)
	}
	return fw, nil
}

func (a *app) printFrameworkError(err error) {
	var ps indicators.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(a.stderr, p.Message(a.lang))
		}
		return
	}
	a.errorf("%v", err)
}

func (a *app) frameworkShow(args []string) error {
	fw, err := a.frameworkArg("show", args)
	if err != nil {
		return err
	}
	l := a.lang
	fmt.Fprintf(a.stdout, "%s\n%s %s · %s %d · %s %s · %s %s · %s %s\n", fw.DisplayName(l),
		a.lang.Pick("Mã", "ID"), fw.ID, a.lang.Pick("năm", "year"), fw.Year, a.lang.Pick("phiên bản", "version"), fw.Version,
		a.lang.Pick("thang điểm", "scale"), indicators.FormatNumber(fw.Scale, l), a.lang.Pick("tổng hợp", "aggregation"), fw.Aggregation)
	fmt.Fprintf(a.stdout, "%s: %s · %s: %s\n\n", a.lang.Pick("Thiếu dữ liệu", "Missing data"), fw.Missing, a.lang.Pick("Chuẩn hóa mặc định", "Default normalisation"), fw.Normalize)
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, a.lang.Pick("MÃ\tTÊN\tĐIỂM\tCÁCH TÍNH", "CODE\tNAME\tPOINTS\tRULE"))
	fw.Walk(func(depth int, n *indicators.Node, ind *indicators.Indicator) {
		pad := strings.Repeat("  ", depth)
		if ind != nil {
			mark := ""
			if ind.Veto {
				mark += " ⚑"
			}
			if ind.Evidence {
				mark += " §"
			}
			w := indicators.FormatNumber(ind.MaxOr(0), l)
			if ind.MaxPoints == nil && ind.Weight != nil {
				w = "w=" + indicators.FormatNumber(*ind.Weight, l)
			}
			fmt.Fprintf(tw, "%s%s\t%s%s%s\t%s\t%s\n", pad, ind.Code, pad, ind.DisplayName(l), mark, w, fw.RuleText(ind, l))
			return
		}
		w := ""
		if n.MaxPoints != nil {
			w = indicators.FormatNumber(*n.MaxPoints, l)
		} else if n.Weight != nil {
			w = "w=" + indicators.FormatNumber(*n.Weight, l)
		}
		fmt.Fprintf(tw, "%s%s\t%s%s\t%s\t[%s]\n", pad, n.Code, pad, strings.ToUpper(n.DisplayName(l)), w, fw.NodeAggregation(n))
	})
	tw.Flush()
	fmt.Fprintf(a.stdout, "\n%s: %s\n", a.lang.Pick("Xếp loại", "Classes"), classSummary(fw, l))
	for _, aw := range fw.Awards {
		fmt.Fprintf(a.stdout, "%s: %s", a.lang.Pick("Khen thưởng", "Award"), fw.AwardName(aw.Name, l))
		if aw.MinClass != "" {
			fmt.Fprintf(a.stdout, " · %s %s", a.lang.Pick("từ loại", "class at least"), fw.ClassName(aw.MinClass, l))
		}
		if aw.MinScore != nil {
			fmt.Fprintf(a.stdout, " · %s %s", a.lang.Pick("điểm từ", "score at least"), indicators.FormatNumber(*aw.MinScore, l))
		}
		if aw.Count > 0 {
			fmt.Fprintf(a.stdout, " · %s %d", a.lang.Pick("tối đa", "at most"), aw.Count)
		}
		fmt.Fprintln(a.stdout)
	}
	fmt.Fprintln(a.stdout, a.lang.Pick("⚑ điều kiện loại trừ (veto) · § yêu cầu tài liệu kiểm chứng", "⚑ veto criterion · § evidence required"))
	return nil
}

func classSummary(fw *indicators.Framework, l indicators.Lang) string {
	var parts []string
	for _, c := range fw.Classes {
		parts = append(parts, fmt.Sprintf("%s ≥ %s", fw.ClassName(c.Name, l), indicators.FormatNumber(c.Min, l)))
	}
	return strings.Join(parts, "; ")
}

func (a *app) frameworkExport(args []string) error {
	fw, err := a.frameworkArg("export", args)
	if err != nil {
		return err
	}
	return indicators.Encode(a.stdout, fw)
}

func (a *app) frameworkCheck(args []string) error {
	fs := a.newFlags("framework check", "dti framework check FILE…")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		a.errorf(a.lang.Pick("cần ít nhất một tệp khung", "need at least one framework file"))
		return errUsage
	}
	bad := 0
	for _, p := range pos {
		fw, notes, err := loadFrameworkNotes(p)
		if err != nil {
			a.printFrameworkError(err)
			var ps indicators.Problems
			if errors.As(err, &ps) {
				fmt.Fprintf(a.stderr, a.lang.Pick("%s: %d lỗi\n", "%s: %d problems\n"), p, len(ps))
			}
			bad++
			continue
		}
		total := ""
		if t := fw.TotalMaxPoints(); t > 0 { // a framework of weights has no point total
			total = fmt.Sprintf(a.lang.Pick(", tổng %s điểm", ", %s points"), indicators.FormatNumber(t, a.lang))
		}
		fmt.Fprintf(a.stdout, a.lang.Pick("%s: hợp lệ (%s %s, %d chỉ tiêu%s)\n", "%s: valid (%s %s, %d indicators%s)\n"), p, fw.ID, fw.Version, len(fw.Indicators), total)
		for _, n := range notes {
			fmt.Fprintf(a.stdout, "  %s %s\n", a.lang.Pick("giả định:", "assumed:"), n.Message(a.lang))
		}
	}
	if bad > 0 {
		return exitCode(1)
	}
	return nil
}
