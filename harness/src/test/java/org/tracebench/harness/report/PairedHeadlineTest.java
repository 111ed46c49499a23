package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.tracebench.harness.stats.RunWarning;

/**
 * A real paired run (an A/A block, then a bpftrace ABBA block): the A/A trials are no tracer anywhere, and
 * summary.json's p99 slowdown has the p99's sign.
 */
class PairedHeadlineTest {
    @TempDir Path tmp;

    @Test
    void theAaTrialsAreNoTracerAndTheAaCheckIsTheirOnlyVerdict() throws Exception {
        Path dir = Fixtures.pairedResultsDir();
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertEquals(List.of("none", "bpftrace"), a.configs().stream().map(s -> s.config().tracer()).toList());
        assertEquals(List.of("none", "bpftrace"), a.results().tracers());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertFalse(md.contains("A/A"), md);
        for (LatexTables.Table t : LatexTables.render(a)) {
            assertFalse(new String(t.bytes(), StandardCharsets.UTF_8).contains("A/A"), t.fileName());
        }
        assertFalse(TerminalSummary.text(a).contains("A/A"), TerminalSummary.text(a));
        assertEquals(List.of("none", "bpftrace"), new FigureBuilder(a, ChartStyle.PAPER).throughput().tracers());
        Map<?, ?> json = JsonMaps.readObject(write(a));
        for (String key : List.of("configurations", "opSlowdowns")) {
            for (Object o : (List<?>) json.get(key)) assertFalse(((Map<?, ?>) o).get("tracer").toString().contains("A/A"), key);
        }
        assertEquals(1, ((List<?>) ((Map<?, ?>) json.get("paired")).get("aaChecks")).size(), "the A/A check stays");
    }

    @Test
    void aNoisyAaTrialGetsNoWarningOfItsOwnButAnInvalidOneStillDoes() throws Exception {
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        Path spread = dir.resolve("trials/002-none-mini-w1-r1/trial.json"); // an A/A trial, 1.3 times as fast
        String json = Files.readString(spread);
        String thr = json.replaceFirst("(?s).*\"throughputOpsPerSecond\"\\s*:\\s*([0-9.eE+]+).*", "$1");
        Files.writeString(spread, json.replaceFirst("(\"throughputOpsPerSecond\"\\s*:\\s*)[0-9.eE+]+",
                "$1" + Double.parseDouble(thr) * 1.3));
        List<RunWarning> ws = Analysis.of(ResultsReader.read(dir)).warnings();
        assertTrue(ws.stream().noneMatch(w -> w.tracer() != null && w.tracer().contains("A/A")), ws.toString());
        Path broken = dir.resolve("trials/003-none-mini-w1-r1/trial.json");
        Files.writeString(broken, Files.readString(broken).replaceFirst("\"status\"\\s*:\\s*\"ok\"", "\"status\": \"invalid\""));
        ws = Analysis.of(ResultsReader.read(dir)).warnings();
        assertTrue(ws.stream().anyMatch(w -> "none[A/A]".equals(w.tracer())
                && w.kind() == org.tracebench.harness.stats.WarningKind.INVALID_TRIALS), ws.toString());
    }

    @Test
    void aP99ThatRoseHasAPositiveSlowdownInSummaryJson() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir()));
        Map<?, ?> paired = (Map<?, ?>) JsonMaps.readObject(write(a)).get("paired");
        Map<?, ?> p99 = (Map<?, ?>) ((Map<?, ?>) ((List<?>) paired.get("configurations")).get(0)).get("iterationP99Ratio");
        double ratio = ((Number) p99.get("ratio")).doubleValue();
        assertTrue(ratio > 20, "bpftrace's p99 is about 22 times none's: " + p99);
        assertEquals(ratio - 1, ((Number) p99.get("slowdown")).doubleValue(), 1e-9, p99.toString());
        assertEquals(((Number) p99.get("ci95High")).doubleValue() - 1, ((Number) p99.get("slowdownCi95High")).doubleValue(), 1e-6);
    }

    private Path write(Analysis a) throws Exception {
        Path f = tmp.resolve("summary.json");
        Files.write(f, Summaries.json(a));
        return f;
    }
}
