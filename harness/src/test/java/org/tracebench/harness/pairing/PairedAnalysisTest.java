package org.tracebench.harness.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.fidelity.Rows;
import org.tracebench.harness.fidelity.TrialRow;

class PairedAnalysisTest {

    private static List<TrialRow> block(String label, String role, int block, double a1, double b1, double b2, double a2) {
        return List.of(Rows.paired("none", role, block, 1, a1), Rows.paired(label, role, block, 2, b1),
                Rows.paired(label, role, block, 3, b2), Rows.paired("none", role, block, 4, a2));
    }

    @Test
    void pairsAreFirstWithSecondAndFourthWithThird() {
        // a linear drift 100, 110, 120, 130 with a tracer at 0.5×: b1 = 55, b2 = 60 → ratios 55/100, 60/130
        List<TrialRow> rows = new java.util.ArrayList<>(block("strace", "pair", 1, 100, 55, 60, 130));
        PairedAnalysis a = PairedAnalysis.of(rows);
        assertEquals(1, a.configs().size());
        PairRatios r = a.configs().get(0).throughput();
        assertEquals(List.of(0.55, 60.0 / 130), r.ratios());
        assertEquals(Math.sqrt(0.55 * 60.0 / 130), r.ratio(), 1e-12);
    }

    @Test
    void anInvalidTrialDropsOnlyItsPair() {
        List<TrialRow> rows = new java.util.ArrayList<>(block("strace", "pair", 1, 100, 50, 50, 100));
        TrialRow bad = rows.get(3);
        rows.set(3, Rows.row(bad.dir(), false, bad.label(), bad.backend(), bad.variant(), bad.workload(), bad.workers(),
                bad.repetition(), bad.offered(), bad.block(), bad.position(), bad.role(), bad.throughput(),
                bad.achievedIterations(), bad.iterP50Nanos(), bad.iterP99Nanos(), bad.completeness(), bad.observable(),
                bad.lostEvents(), bad.tracerCores(), bad.tracerMaxRssBytes(), bad.window()));
        assertEquals(1, PairedAnalysis.of(rows).configs().get(0).throughput().n());
    }

    @Test
    void aaCheckPassesWhenTheIntervalHoldsZero() {
        List<TrialRow> rows = new java.util.ArrayList<>();
        rows.addAll(block("none[A/A]", "aa", 1, 100, 98, 103, 100));
        rows.addAll(block("none[A/A]", "aa", 2, 100, 101, 99, 100));
        PairedAnalysis a = PairedAnalysis.of(rows);
        assertEquals(0, a.configs().size(), "the A/A check is not an overhead configuration");
        assertEquals(PairedAnalysis.Verdict.OK, a.aaChecks().get(0).verdict());
        assertEquals(false, a.toMap().get("noisy"));
    }

    @Test
    void aaCheckWarnsWhenTheBaselineDiffersFromItself() {
        List<TrialRow> rows = new java.util.ArrayList<>();
        rows.addAll(block("none[A/A]", "aa", 1, 100, 80, 81, 100));
        rows.addAll(block("none[A/A]", "aa", 2, 100, 79, 80, 100));
        PairedAnalysis.AaCheck c = PairedAnalysis.of(rows).aaChecks().get(0);
        assertEquals(PairedAnalysis.Verdict.NOISY, c.verdict());
        assertEquals(true, c.verdict().message(c).contains("too noisy"), c.verdict().message(c));
    }

    @Test
    void theAaCheckIsPrintedOnTheTracersSlowdownScaleAndSaysSo() {
        // audit7-stats: "differs by −36.0% [...]" (ratio − 1) beside tracers' slowdowns, summary.json's slowdown +56.1%
        List<TrialRow> rows = new java.util.ArrayList<>();
        rows.addAll(block("none[A/A]", "aa", 1, 100, 80, 81, 100));
        rows.addAll(block("none[A/A]", "aa", 2, 100, 79, 80, 100));
        PairedAnalysis.AaCheck c = PairedAnalysis.of(rows).aaChecks().get(0);
        java.util.Map<?, ?> thr = (java.util.Map<?, ?>) c.toMap().get("throughput");
        String expected = String.format(java.util.Locale.ROOT, "slowdown (1/throughput ratio − 1) %+.1f%% [%+.1f%%, %+.1f%%]",
                100 * (double) thr.get("slowdown"), 100 * (double) thr.get("slowdownCi95Low"),
                100 * (double) thr.get("slowdownCi95High"));
        assertEquals(true, expected.startsWith("slowdown (1/throughput ratio − 1) +25."), expected);
        assertEquals(true, c.verdict().message(c).contains("baseline against baseline, " + expected + ", an interval"),
                c.verdict().message(c));
        assertEquals(c.verdict().message(c), c.toMap().get("message"));
    }

    @Test
    void aaCheckWithOnePairIsInconclusive() {
        List<TrialRow> rows = new java.util.ArrayList<>(block("none[A/A]", "aa", 1, 100, 80, 81, 100));
        rows.remove(3);
        assertEquals(PairedAnalysis.Verdict.INCONCLUSIVE, PairedAnalysis.of(rows).aaChecks().get(0).verdict());
    }

    @Test
    void atAFixedRateTheAaCheckIsOnTheIterationP99NotOnTheThroughputTheRateFixes() {
        // throughput is the rate in every trial; the baseline's p99 differs from itself by half
        double[][] p99 = {{2000, 3000, 3100, 2000}, {2100, 3050, 3000, 2000}};
        List<TrialRow> rows = new java.util.ArrayList<>();
        for (int b = 0; b < 2; b++) {
            List<TrialRow> blk = block("none[A/A]", "aa", b + 1, 1000, 1000, 1000, 1000);
            for (int i = 0; i < 4; i++) rows.add(Rows.rated(blk.get(i), 1000, p99[b][i]));
        }
        PairedAnalysis.AaCheck c = PairedAnalysis.of(rows).aaChecks().get(0);
        assertEquals(true, c.openLoop());
        assertEquals(1.0, c.throughput().ratio(), 1e-12, "a throughput check here would pass whatever the noise");
        assertEquals(PairedAnalysis.Verdict.NOISY, c.verdict());
        String m = c.verdict().message(c);
        assertEquals(true, m.contains("baseline against baseline, iteration p99 ratio − 1 +"), m);
        assertEquals("iterationP99", c.toMap().get("metric"));
    }

    @Test
    void twoPairsAreInconclusiveAndThreeGiveAVerdict() {
        // r1: +20.2% [-92.0%, +1704.7%] "passed" on two pairs; with a third the interval can exclude zero
        List<TrialRow> rows = new java.util.ArrayList<>(block("none[A/A]", "aa", 1, 100, 80, 81, 100));
        assertEquals(PairedAnalysis.Verdict.INCONCLUSIVE, PairedAnalysis.of(rows).aaChecks().get(0).verdict());
        rows.addAll(block("none[A/A]", "aa", 2, 100, 79, 80, 100));
        rows.remove(rows.size() - 1); // block 2 keeps one pair: three in all
        assertEquals(3, PairedAnalysis.of(rows).aaChecks().get(0).throughput().n());
        assertEquals(PairedAnalysis.Verdict.NOISY, PairedAnalysis.of(rows).aaChecks().get(0).verdict());
    }

    @Test
    void aPositiveRatioNeverReadsMinusOneHundredPercent() {
        assertEquals("-50.0%", PairedAnalysis.percent(0.5));
        assertEquals("+1704.7%", PairedAnalysis.percent(18.047));
        assertEquals("-99.999880%", PairedAnalysis.percent(1.2e-6)); // r3's "-100.0%" bound
        assertEquals("-99.9%", PairedAnalysis.percent(0.001));
        assertEquals("×3.00e-12", PairedAnalysis.percent(3e-12));
    }
}
