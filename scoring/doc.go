// Package scoring turns a units × indicators matrix into points, scores,
// ranks, classes and award decisions. It is pure computation: no files, no
// TOML, no I/O.
//
// The caller describes the framework as a [Model]: a tree of [Node] values
// whose leaves are [Indicator] values. Nodes[0] is the index. Each indicator
// has either a points rule (ratio, steps, boolean, categorical,
// relative-best, pass-fail, in both directions) or a normalisation (min-max,
// z-score, goalposts, none). [Score] computes, for every unit:
//
//   - per indicator: points, max points and a score on the model's scale;
//   - per node, bottom-up: sum (score = Σ points / Σ max points × scale),
//     mean (Σ w·s / Σ w over the children counted) or geomean
//     (exp(Σ w·ln s / Σ w), refusing s ≤ 0);
//   - competition ranks (1, 2, 2, 4) on every node, on values rounded to
//     the model's precision when it has one;
//   - the class, capped when a veto indicator failed.
//
// Not-applicable values leave numerator and denominator under every
// missing-data policy. Missing values follow the model's policy: zero
// (scored 0, kept in the denominator), reweight (left out like
// not-applicable) or error.
//
// A normalised indicator whose present values are all equal carries no
// information: min-max and z-score cannot be computed (COINr returns NaN).
// Here it is left out of the aggregation for every unit, like a
// not-applicable indicator, and a warning says so.
//
// [ScoreClaims] scores a second basis (the self-assessed values) keeping
// only each unit's index, and recomputes any of its cells on demand.
// [ColumnRanks] ranks the columns of any table the same way as the nodes
// (domain sub-indices, for example). [SelectAwards] applies an award rule
// with a tie-break chain.
package scoring
