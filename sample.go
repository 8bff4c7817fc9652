// Package dtikit holds the sample data shipped with the dti command: filled
// submission forms of the 14 wards of Thủ Dầu Một (Bình Dương) for two
// years. The values are synthetic, consistent with the 2022 figures the
// seed study publishes for the city. The packages of the project are
// indicators, scoring, dti and reports.
package dtikit

import "embed"

// Sample holds testdata/sample/<year>/<ward>.xlsx.
//
//go:embed testdata/sample
var Sample embed.FS

// SampleYears lists the years of the sample, newest first.
var SampleYears = []string{"2024", "2023"}
