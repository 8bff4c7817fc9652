// Package dti evaluates ward and commune submissions against a criteria
// framework: it reads submissions (filled Excel templates, CSV in wide or
// long form, TOML), validates them with exact locations, scores them with
// package scoring and returns an [Evaluation] that reports and other tools
// read.
//
// A [Submission] carries, per indicator, the value the ward assessed itself
// (tự đánh giá) and the value the evaluators appraised (thẩm định), a
// not-applicable flag, evidence references and notes. [Evaluate] scores
// both bases so that every unit's result carries the score it claimed, the
// score it was given and the points each indicator lost at appraisal.
//
// Messages a person reads ([Issue]) name the file, sheet, cell or line,
// unit and indicator, in Vietnamese by default and English on request.
package dti
