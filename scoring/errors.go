package scoring

import (
	"fmt"
	"strings"
)

// ErrorKind says why a unit could not be scored. Callers translate it
// without reading messages.
type ErrorKind uint8

const (
	// ErrMissing: a value is missing and the policy is [MissingError].
	ErrMissing ErrorKind = iota + 1
	// ErrNotFinite: a value is NaN or infinite.
	ErrNotFinite
	// ErrGeoMean: a geometric mean met a child score ≤ 0 (Child, Value).
	ErrGeoMean
	// ErrCoverage: a node has less data than its minimum coverage under
	// the policy [MissingError] (Value is the coverage, Min the minimum,
	// both shares in [0, 1]).
	ErrCoverage
)

// Error is a data-dependent scoring failure for one unit.
type Error struct {
	Unit  string    // unit code
	Row   int       // the unit's row in the matrix
	Code  string    // indicator or node code
	Kind  ErrorKind // why
	Child string    // ErrGeoMean: the child whose score is not positive
	Value float64   // ErrNotFinite, ErrGeoMean: the value; ErrCoverage: the coverage
	Min   float64   // ErrCoverage: the minimum coverage
}

func (e *Error) Error() string {
	return fmt.Sprintf("scoring: unit %s, %s: %s", e.Unit, e.Code, e.detail())
}

func (e *Error) detail() string {
	switch e.Kind {
	case ErrMissing:
		return "value missing and the missing-data policy is error"
	case ErrNotFinite:
		return fmt.Sprintf("value %v is not a finite number", e.Value)
	case ErrGeoMean:
		return fmt.Sprintf("geometric mean needs positive inputs, %s is %v", e.Child, e.Value)
	case ErrCoverage:
		return fmt.Sprintf("too little data (coverage %.0f%%, minimum %.0f%%)", 100*e.Value, 100*e.Min)
	}
	return fmt.Sprintf("error kind %d", e.Kind)
}

// Errors lists the units that could not be scored, one error per unit, in
// row order. [Score] and [ScoreClaims] return it when any unit fails.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap returns the errors, so that errors.As finds each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// collect returns the non-nil errors of errs as Errors, or nil.
func collect(errs []*Error) error {
	var out Errors
	for _, e := range errs {
		if e != nil {
			out = append(out, e)
		}
	}
	if out == nil {
		return nil
	}
	return out
}
