// Package submission reads and checks what wards and communes submit:
// filled Excel forms (made by [WriteTemplate]), CSV in wide or long form,
// and TOML, from bytes, readers or an [io/fs.FS]; it never opens a file
// of the operating system itself.
//
// A [Submission] carries, per indicator, the value the ward assessed
// itself (tự đánh giá) and the value the evaluators appraised (thẩm
// định), a not-applicable flag, evidence references and notes, each with
// the place it was read from. [Ingest] reads a set of [Source] files
// concurrently, checks every value against the framework and sorts the
// submissions into a [Batch] of accepted and rejected ones with the
// inputs' hashes for provenance; package dti scores the batch.
//
// Messages a person reads ([Issue]) name the file, sheet and cell or line
// and column, unit and indicator, in Vietnamese by default and English on
// request.
//
// A filled form is read from its zip with a strict scanner of the XML
// spreadsheet programs write, giving excelize's answers four times
// faster; whatever that scanner is not sure of (a damaged entry, a
// prefix, a shared formula, rows out of order …) is read through
// excelize instead, so the result never depends on the path taken.
// [Options.CheckOnly] checks without keeping values, for validation alone.
package submission
