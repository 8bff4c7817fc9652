package main

import (
	"fmt"
	"io"

	"github.com/cqs-vn/dtikit/submission"
)

func (a *app) template(args []string) error {
	fs := a.newFlags("template", a.lang.Pick("dti template [-f KHUNG] -o FILE.xlsx [--unit MÃ --name TÊN --year NĂM] [--appraiser]", "dti template [-f FRAMEWORK] -o FILE.xlsx [--unit CODE --name NAME --year YEAR] [--appraiser]"))
	var in inputFlags
	a.addInputFlags(fs, &in)
	var out string
	fs.StringVar(&out, "o", "", a.lang.Pick("tệp .xlsx cần ghi", "the .xlsx file to write"))
	fs.StringVar(&out, "out", "", a.lang.Pick("tệp .xlsx cần ghi", "the .xlsx file to write"))
	var o submission.TemplateOptions
	fs.StringVar(&o.Unit, "unit", "", a.lang.Pick("mã đơn vị điền sẵn", "unit code to fill in"))
	fs.StringVar(&o.Name, "name", "", a.lang.Pick("tên đơn vị điền sẵn", "unit name to fill in"))
	fs.IntVar(&o.Year, "year", 0, a.lang.Pick("năm đánh giá", "year of the evaluation"))
	fs.BoolVar(&o.Appraiser, "appraiser", false, a.lang.Pick("bản của Hội đồng thẩm định: mở các cột giá trị thẩm định và lý do (bản của đơn vị khóa các cột này)", "the appraisal council's copy: the appraised-value and reason columns are open (the unit's copy locks them)"))
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if out == "" || len(pos) > 0 {
		a.errorf(a.lang.Pick("cần -o FILE.xlsx và không có đối số khác", "need -o FILE.xlsx and no other arguments"))
		return errUsage
	}
	fw, err := a.frameworkFor(&in)
	if err != nil {
		return err
	}
	o.Lang = a.lang
	if err := writeAtomic(out, func(w io.Writer) error { return submission.WriteTemplate(w, fw, &o) }); err != nil {
		return err
	}
	copyOf := a.lang.Pick("bản của đơn vị", "the unit's copy")
	if o.Appraiser {
		copyOf = a.lang.Pick("bản của Hội đồng thẩm định", "the appraisal council's copy")
	}
	fmt.Fprintf(a.stdout, a.lang.Pick("Đã ghi biểu mẫu %s (%d chỉ tiêu, khung %s %s, %s)\n", "Wrote form %s (%d indicators, framework %s %s, %s)\n"), out, len(fw.Indicators), fw.ID, fw.Version, copyOf)
	return nil
}
