package org.tracebench.harness.stats;

/**
 * The ratio of two independent means, numerator/denominator (e.g. tracer throughput / none throughput), with a 95%
 * interval by Fieller's theorem. Fieller's interval is the set of ratios R for which the difference
 * x̄ − R·ȳ is not significant: (x̄ − Rȳ)² ≤ t²·(s²ₓ/nₓ + R²·s²ᵧ/nᵧ), with t the Student-t 0.975 quantile at the
 * Welch–Satterthwaite degrees of freedom of that difference. It is asymmetric and exact for normal data, unlike the
 * delta method. Bounds are NaN when either sample has fewer than two values, and infinite (unbounded) when the
 * denominator's mean is not significantly different from zero (g = t²s²ᵧ/(nᵧȳ²) ≥ 1).
 *
 * <p>Both samples are non-negative measurements (throughputs), so the ratio cannot be negative: a lower bound below
 * 0, which Fieller gives when the numerator's own mean is not significantly above zero (two noisy repetitions: t is
 * 12.7 at one degree of freedom), is raised to 0, and an unbounded interval is [0, ∞).
 */
public record RatioEstimate(double ratio, double ci95Low, double ci95High, String method) {

    /** The method name written to summary.json. */
    public static final String METHOD = "fieller-welch";

    /** Fieller's interval for mean(num)/mean(den), num and den independent. */
    public static RatioEstimate fieller(Estimate num, Estimate den) {
        double r = num.mean() / den.mean();
        if (!num.hasInterval() || !den.hasInterval() || den.mean() == 0) {
            return new RatioEstimate(r, Double.NaN, Double.NaN, METHOD);
        }
        double vx = num.sd() * num.sd() / num.n();
        double vy = den.sd() * den.sd() / den.n();
        double df;
        if (vx == 0 && vy == 0) {
            return new RatioEstimate(r, r, r, METHOD);
        }
        // Welch–Satterthwaite df for x̄ − Rȳ, evaluated at the point estimate R.
        double vyr = r * r * vy;
        df = (vx + vyr) * (vx + vyr)
                / ((vx * vx) / (num.n() - 1) + (vyr * vyr) / (den.n() - 1));
        double t = StudentT.t975(df);
        double x = num.mean(), y = den.mean(), t2 = t * t;
        double a = y * y - t2 * vy;
        if (a <= 0) {
            return new RatioEstimate(r, 0, Double.POSITIVE_INFINITY, METHOD);
        }
        double b = -2 * x * y;
        double c = x * x - t2 * vx;
        double disc = b * b - 4 * a * c;
        if (disc < 0) disc = 0;
        double sq = Math.sqrt(disc);
        double lo = (-b - sq) / (2 * a), hi = (-b + sq) / (2 * a);
        return new RatioEstimate(r, Math.max(0, Math.min(lo, hi)), Math.max(lo, hi), METHOD);
    }

    /** True when both bounds are finite numbers. */
    public boolean bounded() {
        return Double.isFinite(ci95Low) && Double.isFinite(ci95High);
    }
}
