// Package reports writes an evaluation as the documents people read: a
// ranked Excel workbook ([WriteXLSX]) for evaluators and the People's
// Committee, and a PDF report ([WritePDF]) with a cover, a summary, the
// ranking and one scorecard per unit for the emulation council and the
// wards.
//
// Both writers take a *dti.Evaluation and an io.Writer; they never open
// files. Text is Vietnamese by default and English with Options.Lang =
// "en". Every number comes from the evaluation, so the reports agree with
// results.json to the last digit.
package reports
