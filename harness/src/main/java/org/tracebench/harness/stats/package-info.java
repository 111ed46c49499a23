/**
 * Statistics over repetitions: mean, sample standard deviation, Student-t 95% intervals (exact t quantiles from the
 * regularized incomplete beta function), coefficient of variation, Fieller intervals for ratios of means, and the
 * warnings (each with a suggested fix) that a run's numbers raise. Pure functions, no I/O.
 */
package org.tracebench.harness.stats;
