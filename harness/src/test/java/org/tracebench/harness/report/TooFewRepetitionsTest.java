package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/**
 * A configuration with fewer than three valid repetitions gets too-few-repetitions (quick.yaml's two repetitions
 * gave wide intervals and "Warnings: None."), counted in repetitions, not trials: a paired run's one repetition
 * gives each tracer two trials and none more.
 */
class TooFewRepetitionsTest {
    @Test
    void twoValidRepetitionsAreTooFew() throws Exception {
        // none: r1, r2 valid, r3 unfinished; strace: r1, r2 valid, r3 invalid; fatrace: r1, r2
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        String two = " 2 valid repetitions, one trial each: t(0.975, 1) = 12.7 makes its intervals about 3.6 times as"
                + " wide as with three at the same spread";
        assertEquals(List.of("none" + two, "strace" + two, "fatrace" + two), tooFew(a));
        RunWarning w = a.warnings().stream().filter(x -> x.kind() == WarningKind.TOO_FEW_REPETITIONS).toList().get(1);
        assertEquals("strace on mixed with 1 worker: fewer than three valid repetitions (runs of the whole suite), so"
                + " its 95% intervals come from too few independent runs (2 valid repetitions, one trial each:"
                + " t(0.975, 1) = 12.7 makes its intervals about 3.6 times as wide as with three at the same spread);"
                + " run at least 3 repetitions: set repetitions: 3 or more in the suite, or pass --repetitions 3 to"
                + " tracebench run.", w.message());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains(w.message()), md);
    }

    @Test
    void aPairedRunCountsItsBlocksTrialsAsOneRepetition() throws Exception {
        // one repetition: an A/A block (none around two none[A/A]) and a bpftrace ABBA block (none around bpftrace)
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir()));
        // audit7-stats: the width of an interval over two trials, one per repetition, was claimed for these too
        String shared = ", which share their repetition's conditions and so can understate the spread between repetitions";
        assertEquals(List.of("none 1 valid repetition, 4 trials: its intervals are over the trials" + shared,
                "bpftrace 1 valid repetition, 2 trials: its intervals are over the trials and its × none's over the"
                + " pairs" + shared), tooFew(a));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertFalse(md.contains("3.6 times"), md);
        assertTrue(md.contains("Student t over each configuration's valid trials") && !md.contains("over repetitions"), md);
    }

    private static List<String> tooFew(Analysis a) {
        return a.warnings().stream().filter(w -> w.kind() == WarningKind.TOO_FEW_REPETITIONS)
                .map(w -> w.tracer() + " " + w.detail()).toList();
    }
}
