package org.tracebench.harness.stats;

import java.util.Collection;

/**
 * Mean of repeated measurements with its sample standard deviation (n−1), Student-t 95% confidence interval of the
 * mean and coefficient of variation (sd / mean). With n = 1 sd, interval and cv are NaN; with n = 0 all are NaN.
 * When no value is negative (throughput, latency, CPU: every metric here) the interval's lower bound is at least 0:
 * two repetitions 15% apart give t = 12.7 and a symmetric interval reaching far below zero. {@link #atMost} does
 * the same for an upper limit.
 */
public record Estimate(int n, double mean, double sd, double ci95Low, double ci95High, double cv) {

    /** Estimates from the given values (NaN values are ignored). */
    public static Estimate of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).filter(d -> !Double.isNaN(d)).toArray());
    }

    /** Estimates from the given values (NaN values are ignored). */
    public static Estimate of(double... raw) {
        double[] v = java.util.Arrays.stream(raw).filter(d -> !Double.isNaN(d)).toArray();
        int n = v.length;
        if (n == 0) return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        for (double d : v) sum += d;
        double mean = sum / n;
        if (n == 1) return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double ss = 0;
        for (double d : v) ss += (d - mean) * (d - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double half = StudentT.t975(n - 1) * sd / Math.sqrt(n);
        double cv = mean == 0 ? Double.NaN : sd / Math.abs(mean);
        boolean nonNegative = java.util.Arrays.stream(v).allMatch(d -> d >= 0);
        return new Estimate(n, mean, sd, nonNegative ? Math.max(0, mean - half) : mean - half, mean + half, cv);
    }

    /**
     * This estimate with its interval cut at {@code max}, for a metric that cannot exceed it (a share or a recall:
     * two repetitions at 0.95 and 1.0 give an upper bound of 1.29 otherwise).
     */
    public Estimate atMost(double max) {
        return ci95High > max ? new Estimate(n, mean, sd, Math.min(ci95Low, max), max, cv) : this;
    }

    /** Standard error of the mean, sd/√n (NaN for n &lt; 2). */
    public double standardError() {
        return n < 2 ? Double.NaN : sd / Math.sqrt(n);
    }

    /** True when an interval exists (n ≥ 2). */
    public boolean hasInterval() {
        return n >= 2;
    }
}
