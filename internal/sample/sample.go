// Package sample holds the sample data shipped with the dti command:
// filled submission forms of the 14 wards of Thủ Dầu Một (Bình Dương) for
// 2023 and 2024 on ward-unified-2025, and of the five wards they became on
// 1 July 2025 (Nghị quyết 1685/NQ-UBTVQH15) for 2025 on ward-unified-2026,
// with the units map that links them. The values are synthetic,
// consistent with the 2022 figures the seed study publishes for the city;
// sample_test.go and merged_test.go make them.
//
// The forms stand in testdata/sample/<year>/<ward>.xlsx beside this file;
// the module's testdata/sample links here, so that the command line and
// the embedded copy name the same files.
package sample

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

//go:embed testdata/sample
var files embed.FS

// FS holds testdata/sample/<year>/<ward>.xlsx.
var FS fs.FS = files

// Years lists the years of the sample, newest first.
var Years = []string{"2025", "2024", "2023"}

// Framework returns the name of the embedded framework year's forms are
// made from: ward-unified-2026 for the merged wards of 2025, and
// ward-unified-2025 for the 14 wards of 2023 and 2024.
func Framework(year string) string {
	if year >= "2025" {
		return "ward-unified-2026"
	}
	return "ward-unified-2025"
}

// Root returns the folder of FS that holds year's forms, and false when
// the sample has no such year.
func Root(year string) (string, bool) {
	return "testdata/sample/" + year, slices.Contains(Years, year)
}

// Batch reads year's forms under the framework they are made from, as
// `dti score --sample` does.
func Batch(year string) (*indicators.Framework, *submission.Batch, error) {
	root, ok := Root(year)
	if !ok {
		return nil, nil, fmt.Errorf("sample: no year %s", year)
	}
	fw, err := indicators.Load(Framework(year))
	if err != nil {
		return nil, nil, err
	}
	srcs, _, err := submission.FSSources(FS, root, "")
	if err != nil {
		return nil, nil, err
	}
	return fw, submission.Ingest(srcs, fw, nil), nil
}
