package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Analysis;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.report.ResultsReader;

/** Captions say what is drawn: groups of workload × worker count where worker counts vary, the files that tell them apart. */
class MatrixCaptionsTest {
    @TempDir Path tmp;

    @Test
    void withAWorkersMatrixTheCaptionsNameTheWorkerCountAndTheFilesByTheirNames() throws Exception {
        Path dir = Fixtures.copyWith(tmp, List.of("005-none-mixed-w1-r2", "006-strace-mixed-w1-r2"),
                j -> j.replaceFirst("\"workers\": 1", "\"workers\": 2"));
        FigureBuilder b = new FigureBuilder(Analysis.of(ResultsReader.read(dir)), ChartStyle.PAPER);
        String combined = b.overheadVsCompleteness().caption();
        assertTrue(combined.contains("one point per tracer and worker count (overhead-vs-completeness-<workload>-w<workers>"
                + " tells them apart)"), combined);
        assertTrue(b.throughput().caption().startsWith("Throughput of each tracer relative to none (1.0 = no overhead), by"
                + " worker count"), b.throughput().caption());

        FigureBuilder one = new FigureBuilder(Analysis.of(ResultsReader.read(Fixtures.resultsDir())), ChartStyle.PAPER);
        assertTrue(one.throughput().caption().contains("no overhead), by workload"), one.throughput().caption());
        String single = one.overheadVsCompleteness().caption();
        assertTrue(single.startsWith("Overhead against completeness: one point per tracer;"), single);
        assertFalse(single.contains("tells"), single);
    }
}
