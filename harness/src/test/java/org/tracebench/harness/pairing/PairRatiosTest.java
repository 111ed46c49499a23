package org.tracebench.harness.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pair-ratio arithmetic against numbers worked out by hand. */
class PairRatiosTest {

    private static double[] p(double tracer, double base) {
        return new double[] {tracer, base};
    }

    @Test
    void identicalRatiosGiveThatRatioWithAZeroWidthInterval() {
        PairRatios r = PairRatios.of(List.of(p(90, 100), p(45, 50), p(900, 1000)));
        assertEquals(3, r.n());
        assertEquals(0.9, r.ratio(), 1e-12);
        assertEquals(0.9, r.ci95Low(), 1e-12);
        assertEquals(0.9, r.ci95High(), 1e-12);
        assertEquals(1 / 0.9 - 1, r.slowdown(), 1e-12); // 11.1% longer per operation
        assertFalse(r.containsOne());
    }

    @Test
    void halfAndDoubleAverageToOneOnTheLogScale() {
        PairRatios r = PairRatios.of(List.of(p(50, 100), p(200, 100)));
        assertEquals(1.0, r.ratio(), 1e-12);
        // log ratios ±ln 2: sd = ln2·√2, half-width = t(0.975, 1)·sd/√2 = 12.7062047·ln 2
        assertEquals(Math.pow(2, -12.706204736174704), r.ci95Low(), 1e-9);
        assertEquals(Math.pow(2, 12.706204736174704), r.ci95High(), 1e-3);
        assertTrue(r.containsOne());
    }

    @Test
    void threePairsMatchTheHandComputedStudentTInterval() {
        PairRatios r = PairRatios.of(List.of(p(80, 100), p(90, 100), p(100, 100)));
        // exp(mean(ln 0.8, ln 0.9, ln 1.0)) and exp(mean ± t(0.975, 2)·sd/√3), t = 4.302652729911275
        assertEquals(0.896280949311433, r.ratio(), 1e-12);
        assertEquals(0.6792241169348053, r.ci95Low(), 1e-9);
        assertEquals(1.1827017328592726, r.ci95High(), 1e-9);
        assertEquals(1 / 1.1827017328592726 - 1, r.slowdownLow(), 1e-9);
        assertEquals(1 / 0.6792241169348053 - 1, r.slowdownHigh(), 1e-9);
        assertEquals(List.of(0.8, 0.9, 1.0), r.ratios());
    }

    @Test
    void pairsWithoutAPositiveValueAreLeftOut() {
        PairRatios r = PairRatios.of(List.of(p(90, 100), p(0, 100), p(90, Double.NaN), p(Double.NaN, 5)));
        assertEquals(1, r.n());
        assertEquals(0.9, r.ratio(), 1e-12);
        assertFalse(r.hasInterval());
        assertFalse(r.containsOne());
    }

    @Test
    void noPairsGiveNaN() {
        PairRatios r = PairRatios.of(List.of());
        assertEquals(0, r.n());
        assertTrue(Double.isNaN(r.ratio()));
        assertEquals(null, r.toMap().get("ratio"));
    }

    @Test
    void aLatencyThatRoseHasAPositiveSlowdownAndAThroughputThatFellToo() {
        PairRatios p99 = PairRatios.of(List.of(p(2600, 100), p(2600, 100))); // p99 26 times the baseline's
        assertEquals(25.0, (double) p99.toLatencyMap(PairRatios.Bound.EXACT).get("slowdown"), 1e-9, "+2500%, not 1/26 − 1 = −96%");
        assertEquals(25.0, (double) p99.toLatencyMap(PairRatios.Bound.EXACT).get("slowdownCi95Low"), 1e-9);
        PairRatios thr = PairRatios.of(List.of(p(25, 100), p(25, 100))); // throughput a quarter of the baseline's
        assertEquals(3.0, (double) thr.toMap().get("slowdown"), 1e-9, "each operation takes 4 times as long");
    }
}
