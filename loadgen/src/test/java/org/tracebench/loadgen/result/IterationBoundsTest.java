package org.tracebench.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Which iteration percentiles the open loop's unfinished iterations make lower bounds. */
class IterationBoundsTest {
    /** {@code finished} plus the unfinished waits, as Results merges them for the reported latencies. */
    private static Histogram all(Histogram finished, long... unfinished) {
        Histogram h = finished.copy();
        for (long u : unfinished) h.recordValue(u);
        return h;
    }

    private static Histogram finished(int n, long step) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= n; i++) h.recordValue(i * step);
        return h;
    }

    @Test void oneIterationInFlightAmongManyLeavesThePercentilesExactButTheMax() {
        Histogram f = finished(1000, 1000);
        Map<String, Boolean> b = IterationBounds.lowerBounds(f, all(f, 50_000_000));
        assertEquals(Map.of("p50", false, "p90", false, "p99", false, "p999", false, "max", true), b);
        IterationResult r = new IterationResult(1000, 100, LatencySummary.of(all(f, 50_000_000)), 0, 1, b);
        assertEquals(b, r.toJson().get("latencyNanosLowerBound"));
    }

    /**
     * audit7-fid r3: every rated none trial had one iteration in flight and no backlog, yet its p50 read "≥ 22.5 µs":
     * the in-flight one, ranked by its short wait, moved each percentile by one rank, into the next bucket.
     */
    @Test void oneIterationInFlightShiftingAPercentileByARankUnder1PercentLeavesItExact() {
        Histogram f = finished(400, 1000); // neighbours 0.25%-0.5% apart near p50 to p99, each in its own bucket
        Histogram all = all(f, 500); // waited less than any finished one took, so far: it ranks first
        assertEquals(200_000, all.getValueAtPercentile(50), 64, "the finished one at rank 200; 201,000 were it last");
        assertEquals(Map.of("p50", false, "p90", false, "p99", false, "p999", true, "max", true),
                IterationBounds.lowerBounds(f, all));
    }

    @Test void oneIterationInFlightAmongFewMovesThePercentilesMoreThan1Percent() {
        Histogram f = finished(60, 1000); // neighbours 1.7%-3.3% apart
        assertEquals(Map.of("p50", true, "p90", true, "p99", true, "p999", true, "max", true),
                IterationBounds.lowerBounds(f, all(f, 500)));
    }

    @Test void aBacklogMakesTheMedianALowerBound() {
        Histogram f = finished(100, 1000);
        long[] waits = new long[60];
        java.util.Arrays.fill(waits, 500); // waited less than any finished one took, so far
        Map<String, Boolean> b = IterationBounds.lowerBounds(f, all(f, waits));
        assertEquals(Map.of("p50", true, "p90", true, "p99", true, "p999", true, "max", true), b);
    }

    @Test void withoutUnfinishedIterationsEveryPercentileIsExact() {
        Histogram f = finished(10, 1000);
        assertEquals(Map.of("p50", false, "p90", false, "p99", false, "p999", false, "max", false),
                IterationBounds.lowerBounds(f, all(f)));
    }

    @Test void aClosedLoopResultWritesNoFlags() {
        assertEquals(null, new IterationResult(1, 1, LatencySummary.EMPTY, 0).toJson().get("latencyNanosLowerBound"));
    }
}
