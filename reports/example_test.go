package reports_test

import (
	"fmt"
	"io"
	"time"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/reports"
	"github.com/cqs-vn/dtikit/submission"
)

func ExampleWritePDF() {
	fw, _ := indicators.Load("ward-unified-2025")
	srcs, _, _ := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	b := submission.Ingest(srcs, fw, nil)
	ev, _ := dti.Evaluate(fw, b, nil)
	opts := &reports.Options{Timestamp: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), Issuer: "UBND THÀNH PHỐ THỦ DẦU MỘT", Place: "Thủ Dầu Một"}
	if err := reports.WritePDF(io.Discard, ev, opts); err != nil {
		panic(err)
	}
	if err := reports.WriteXLSX(io.Discard, ev, opts); err != nil {
		panic(err)
	}
	fmt.Println(len(ev.Units), "scorecards")
	// Output: 14 scorecards
}
