/**
 * {@code order: paired} (issue 7): ABBA blocks of baseline and tracer trials
 * ({@link org.tracebench.harness.pairing.PairedPlan}), overhead from within-pair ratios with a Student t interval
 * over the pair ratios ({@link org.tracebench.harness.pairing.PairRatios}), and the A/A check of every suite.
 */
package org.tracebench.harness.pairing;
