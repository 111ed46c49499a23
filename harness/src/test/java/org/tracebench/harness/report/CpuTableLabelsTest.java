package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * report.md's CPU table says which columns are per trial (its heading said "mean over repetitions" over "0.012,
 * 0.015") and that its extra kernel CPU holds the tracer's own system time, which the tracer-cpu chart leaves out.
 */
class CpuTableLabelsTest {
    @Test
    void perTrialColumnsAndTheExtraKernelCpuSayWhatTheyHold() throws Exception {
        String md = new String(MarkdownReport.render(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), List.of()),
                StandardCharsets.UTF_8);
        assertTrue(md.contains("| tracer on a worker's CPU, per trial | stolen by other guests, per trial |"
                + " other processes (user), per trial |"), md);
        assertTrue(md.contains("## CPU (cores, mean over trials; the last three columns list each valid trial's"
                + " value)"), md);
        assertTrue(md.contains("it includes the tracer processes' own system time, which the tracer-cpu chart's light"
                + " bar leaves out"), md);
    }
}
