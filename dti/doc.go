// Package dti evaluates a batch of ward and commune submissions (package
// submission) against a criteria framework (package indicators): it
// compiles the framework into a scoring model, scores both the
// self-assessed and the appraised values, ranks, classifies and selects
// awards, and returns an [Evaluation] that reports and other tools read.
//
// A library user does what the dti command does:
//
//	fw, _ := indicators.Load("ward-unified-2025")
//	srcs, _, _ := submission.FSSources(fsys, ".", "")
//	b := submission.Ingest(srcs, fw, nil)
//	ev, _ := dti.Evaluate(fw, b, nil)
//	reports.WriteXLSX(w, ev, nil)
//
// The batch's rejected files and input hashes carry over into the
// evaluation. Results are read by code ([Evaluation.Indicator],
// [Evaluation.Node]) or in framework order ([Evaluation.Indicators],
// [Evaluation.Nodes]); the words for bases, statuses and award reasons in
// both languages are in this package too ([Basis.Text], [StatusText],
// [ReasonText]), with [FormatScore] for published scores.
//
// Progress since the previous year: [Changes] compares an evaluation with
// the previous year's ([PriorOf], or a results.json read back), carrying
// merged units over by a units map ([ReadUnitsMap]) as weighted means, and
// [Evaluation.SetChanges] records it on the units and decides the awards
// by progress. [Evaluation.Rescorer] scores the values again under another
// specification, for what-if analyses (package audit).
package dti
