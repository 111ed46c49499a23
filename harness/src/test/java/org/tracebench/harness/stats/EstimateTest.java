package org.tracebench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void meanSdIntervalAndCv() {
        Estimate e = Estimate.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(8, e.n());
        assertEquals(5.0, e.mean(), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7), e.sd(), 1e-12);                 // sample sd, n − 1
        double half = 2.364624252 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
        assertEquals(5 - half, e.ci95Low(), 1e-8);
        assertEquals(5 + half, e.ci95High(), 1e-8);
        assertEquals(Math.sqrt(32.0 / 7) / 5, e.cv(), 1e-12);
    }

    @Test
    void smallSamplesHaveNoInterval() {
        Estimate one = Estimate.of(3.0);
        assertEquals(3.0, one.mean());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ci95Low()));
        assertFalse(one.hasInterval());
        assertTrue(Double.isNaN(Estimate.of().mean()));
        assertEquals(2, Estimate.of(1.0, Double.NaN, 3.0).n());            // NaN = unknown, ignored
    }

    @Test
    void aShareKeepsItsIntervalAtOrBelowOne() {
        Estimate share = Estimate.of(0.95, 1.0);
        assertTrue(share.ci95High() > 1, "t = 12.7 reaches past 1: " + share);
        Estimate cut = share.atMost(1);
        assertEquals(1.0, cut.ci95High());
        assertEquals(share.ci95Low(), cut.ci95Low());
        assertEquals(share.mean(), cut.mean());
        Estimate narrow = Estimate.of(0.5, 0.5001, 0.4999);
        assertEquals(narrow, narrow.atMost(1));                            // already inside: unchanged
        assertTrue(Double.isNaN(Estimate.of(0.9).atMost(1).ci95High()));   // no interval stays none
    }

    @Test
    void fiellerMatchesClosedFormWhenNumeratorIsExact() {
        // num has no variance, so the interval is x / (ȳ ± t·se(ȳ)) with t at the denominator's df.
        Estimate num = Estimate.of(50, 50, 50);
        Estimate den = Estimate.of(90, 100, 110, 100);
        double se = den.sd() / 2;
        double t = StudentT.t975(3);
        RatioEstimate r = RatioEstimate.fieller(num, den);
        assertEquals(0.5, r.ratio(), 1e-12);
        assertEquals(50 / (100 + t * se), r.ci95Low(), 1e-9);
        assertEquals(50 / (100 - t * se), r.ci95High(), 1e-9);
        assertEquals("fieller-welch", r.method());
        assertTrue(r.ci95High() - 0.5 > 0.5 - r.ci95Low(), "Fieller's interval is asymmetric");
    }

    @Test
    void fiellerNeverGivesANegativeThroughputRatio() {
        // quick.yaml's strace-seccomp once: two trials 17% apart, so the numerator's own interval reaches below 0
        Estimate num = Estimate.of(890, 1137);
        assertEquals(0.0, num.ci95Low());                                   // Student-t alone: -556
        assertEquals(-1.0 - StudentT.t975(1) * Math.sqrt(2) / Math.sqrt(2), Estimate.of(-2, 0).ci95Low(), 1e-9);
        RatioEstimate r = RatioEstimate.fieller(num, Estimate.of(2112, 2222));
        assertEquals(0.0, r.ci95Low());
        assertTrue(r.bounded() && r.ci95High() > r.ratio(), r.toString());
    }

    @Test
    void fiellerIsUnboundedForANoisyDenominatorAndNaNWithoutRepetitions() {
        RatioEstimate wild = RatioEstimate.fieller(Estimate.of(10, 11), Estimate.of(1, 100));
        assertFalse(wild.bounded());
        assertEquals(0.0, wild.ci95Low());
        assertTrue(Double.isInfinite(wild.ci95High()));
        RatioEstimate single = RatioEstimate.fieller(Estimate.of(10.0), Estimate.of(20, 21));
        assertEquals(10 / 20.5, single.ratio(), 1e-12);
        assertTrue(Double.isNaN(single.ci95Low()));
    }

    @Test
    void warningsAreSentencesWithTheFix() {
        String m = new RunWarning(WarningKind.HIGH_VARIATION, "strace", "mixed", 2, "throughput cv 7.5%").message();
        assertEquals("strace on mixed with 2 workers: the coefficient of variation exceeds 5% (throughput cv 7.5%); "
                + "run more repetitions (--repetitions) or a longer --duration, on a quieter machine; strace's cost"
                + " depends on whether it shares the load's CPU, so set the suite's pinning (same-cpu or separate-cpus).", m);
        String other = new RunWarning(WarningKind.HIGH_VARIATION, "ftrace[4096 KiB]", "mixed", 1, "throughput cv 11.9%").message();
        assertTrue(other.endsWith("; run more repetitions (--repetitions) or a longer --duration, on a quieter machine."), other);
        assertEquals("high-variation", WarningKind.HIGH_VARIATION.code());
        String whole = new RunWarning(WarningKind.UNFINISHED_TRIALS, null, null, null, "1 trial").message();
        assertTrue(whole.startsWith("Some trial directories"), whole);
        assertTrue(whole.contains("--resume DIR"), whole);
    }

    @Test
    void aTerminalGetsManyWarningsOfOneKindAsOneSentence() {
        List<RunWarning> ws = new ArrayList<>();
        for (String t : List.of("none", "strace", "fatrace", "ftrace", "bpftrace"))
            ws.add(new RunWarning(WarningKind.TOO_FEW_REPETITIONS, t, "cached-read", 1, "1 valid trial"));
        ws.add(new RunWarning(WarningKind.LOST_EVENTS, "ftrace", "cached-read", 1, "1798348 events lost"));
        List<String> lines = RunWarning.terminalLines(ws);
        assertEquals(List.of("[too-few-repetitions] Fewer than three valid repetitions (runs of the whole suite), so its 95% intervals"
                        + " come from too few independent runs, in 5 configurations: "
                        + "none on cached-read with 1 worker (1 valid trial); strace on cached-read with 1 worker (1 valid trial); "
                        + "fatrace on cached-read with 1 worker (1 valid trial) and 2 more (report.md lists each); "
                        + "run at least 3 repetitions: set repetitions: 3 or more in the suite, or pass --repetitions 3 to"
                        + " tracebench run.",
                ws.get(5).labelled()), lines);
        assertEquals(List.of(ws.get(0).labelled(), ws.get(5).labelled()), RunWarning.terminalLines(List.of(ws.get(0), ws.get(5))));
    }

    @Test
    void aGroupedLineGivesTheBackendsFixWhenAllShareOneAndTheGeneralFixOtherwise() {
        List<RunWarning> same = new ArrayList<>(), mixed = new ArrayList<>();
        for (String wl : List.of("a", "b", "c", "d")) {
            same.add(new RunWarning(WarningKind.LOST_EVENTS, "ftrace[256 KiB]", wl, 1, "9 events lost"));
            mixed.add(new RunWarning(WarningKind.LOST_EVENTS, wl.equals("d") ? "fatrace" : "ftrace", wl, 1, "9 events lost"));
        }
        String one = RunWarning.terminalLines(same).get(0), two = RunWarning.terminalLines(mixed).get(0);
        assertTrue(one.endsWith("; " + WarningKind.LOST_EVENTS.fixFor("ftrace") + "."), one);
        assertTrue(two.endsWith("; " + WarningKind.LOST_EVENTS.fix() + "."), two);
    }
}
