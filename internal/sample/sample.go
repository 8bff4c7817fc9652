// Package sample holds the sample data shipped with the dti command:
// filled submission forms of the 14 wards of Thủ Dầu Một (Bình Dương) for
// two years. The values are synthetic, consistent with the 2022 figures
// the seed study publishes for the city; sample_test.go makes them.
//
// The forms stand in testdata/sample/<year>/<ward>.xlsx beside this file;
// the module's testdata/sample links here, so that the command line and
// the embedded copy name the same files.
package sample

import (
	"embed"
	"io/fs"
	"slices"
)

//go:embed testdata/sample
var files embed.FS

// FS holds testdata/sample/<year>/<ward>.xlsx.
var FS fs.FS = files

// Years lists the years of the sample, newest first.
var Years = []string{"2024", "2023"}

// Root returns the folder of FS that holds year's forms, and false when
// the sample has no such year.
func Root(year string) (string, bool) {
	return "testdata/sample/" + year, slices.Contains(Years, year)
}
