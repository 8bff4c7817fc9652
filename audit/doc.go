// Package audit says how far a ranking can be trusted, with the checks
// the JRC/OECD handbook on composite indicators asks for and COINr offers:
//
//   - [Run], the statistical audit: per indicator its distribution,
//     availability and how well it separates the units; the correlations
//     (Pearson and Spearman, pairwise complete) of every indicator with its
//     pillar and the index and between the indicators of a pillar, and the
//     whole matrix; each node's internal consistency (Cronbach's alpha) and
//     principal components; and, for points frameworks, the rank change when
//     each indicator or pillar is left out ([LeaveOneOut]). [RunWith] leaves
//     out the whole matrix, most of the pairs, where no report shows it.
//   - [Uncertainty], the Monte Carlo analysis: the evaluation redone under
//     other defensible choices (weights within a band, the missing-data
//     policy, the normalisation), giving each unit's median rank, its
//     5th–95th percentile ranks and its chances of each class and award.
//   - [Sensitivity], the variance-based analysis: first-order and total
//     Sobol indices (Saltelli design, Jansen estimators, bootstrap
//     intervals) of the mean rank change to each pillar's weight, the
//     missing-data policy and the normalisation.
//
// A framework's [uncertainty] table (indicators.Uncertainty) and its
// items' uncertainty_band set or fix the choices; [UncertaintyChoices]
// says what was varied. Points frameworks are rescored from the points
// already earned, others from the values already read (dti.Rescorer): the
// evaluation is never rebuilt. Statistics come from gonum.
package audit
