package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.charts.ChartStyle;
import org.tracebench.harness.charts.FigureBuilder;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.stats.RatioEstimate;

/**
 * A paired run's per-op slowdowns use the headline's method: the within-pair geometric mean of the trials' mean
 * latencies, not Fieller's ratio of means over every trial, and every output that shows them says so.
 */
class PairedOpSlowdownsTest {
    @TempDir Path tmp;

    @Test
    void aPairedRunsSlowdownPerOpIsTheWithinPairRatioAndEveryOutputSaysSo() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir()));
        // block 2: 005-none 620.1 ns, 006-bpftrace 10738.0, 007-bpftrace 12284.1, 008-none 582.2 (stat's mean)
        PairRatios pairs = PairRatios.of(List.of(new double[] {10738.0, 620.1}, new double[] {12284.1, 582.2}));
        List<OpSlowdowns.Slowdown> all = OpSlowdowns.all(a);
        assertEquals(1, all.size(), all.toString());
        OpSlowdowns.Slowdown d = all.get(0);
        assertEquals(PairRatios.METHOD, d.method());
        assertEquals(pairs.ratio(), d.factor(), 1e-12);
        assertEquals(pairs.ci95Low(), d.ci95Low(), 1e-12);
        assertEquals(pairs.ci95High(), d.ci95High(), 1e-12);
        Analysis.ConfigStats bpf = a.find("bpftrace", "mini", 1), none = a.find("none", "mini", 1);
        RatioEstimate fieller = RatioEstimate.fieller(bpf.metric(OpSlowdowns.metric("stat")), none.metric(OpSlowdowns.metric("stat")));
        assertNotEquals(fieller.ratio(), d.factor(), 1e-3, "Fieller over all 4 none trials gives another ratio");

        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("Ratios: for tracers run in paired ABBA blocks, as × none, the geometric mean of the"
                + " within-pair ratios of the trials' mean latencies"), md);
        assertTrue(md.contains("| stat | mini w1 | " + Num.sig(pairs.ratio(), 3) + " ("), md);
        assertFalse(md.contains("Fieller"), md);
        byte[] texBytes = LatexTables.render(a).stream().filter(t -> t.fileName().equals("slowdown.tex")).findFirst()
                .orElseThrow().bytes();
        String tex = new String(texBytes, StandardCharsets.UTF_8);
        assertTrue(tex.contains("within-pair ratios of mean latencies") && !tex.contains("Fieller"), tex);
        String caption = new FigureBuilder(a, ChartStyle.PAPER).slowdownPerOp().caption();
        assertTrue(caption.contains("the geometric mean of the within-pair ratios") && !caption.contains("means over"), caption);
        Path f = tmp.resolve("summary.json");
        Files.write(f, Summaries.json(a));
        Map<?, ?> slow = (Map<?, ?>) ((List<?>) JsonMaps.readObject(f).get("opSlowdowns")).get(0);
        assertEquals(PairRatios.METHOD, slow.get("method"));
        assertEquals(pairs.ratio(), ((Number) slow.get("meanLatencyRatioVsNone")).doubleValue(), 1e-12);
    }

    @Test
    void anUnpairedRunKeepsFiellersRatioAndNamesIt() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.resultsDir()));
        List<OpSlowdowns.Slowdown> all = OpSlowdowns.all(a);
        assertFalse(all.isEmpty());
        assertTrue(all.stream().allMatch(d -> RatioEstimate.METHOD.equals(d.method())), all.toString());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("Ratios: the ratio of the mean latencies over trials with Fieller's interval."), md);
    }
}
