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
import org.tracebench.harness.fidelity.TrialRow;
import org.tracebench.harness.pairing.PairRatios;
import org.tracebench.harness.pairing.PairedAnalysis;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;

/**
 * A real paired run (an A/A block, then a bpftrace ABBA block): every headline gives the within-pair overhead the
 * paired section gives, the A/A trials are no tracer anywhere, and summary.json's p99 slowdown has the p99's sign.
 */
class PairedHeadlineTest {
    @TempDir Path tmp;

    @Test
    void theHeadlineOverheadIsTheWithinPairRatioAndEveryHeadlineSaysSo() throws Exception {
        Path dir = Fixtures.pairedResultsDir();
        Analysis a = Analysis.of(ResultsReader.read(dir));
        PairRatios paired = PairedAnalysis.of(TrialRow.readAll(dir)).configs().get(0).throughput();
        RatioEstimate r = a.find("bpftrace", "mini", 1).throughputVsNone();
        // the ratio of means over every trial is 0.0544 [0.0143, 0.0966]; the pairs give 0.0543 [0.0159, 0.185]
        assertEquals(paired.ratio(), r.ratio(), 1e-12);
        assertEquals(paired.ci95Low(), r.ci95Low(), 1e-12);
        assertEquals(paired.ci95High(), r.ci95High(), 1e-12);
        assertEquals(PairRatios.METHOD, r.method());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| 0.0543 | 0.0159 – 0.185 | 94.6% |"), md);
        assertTrue(md.contains("× none: the geometric mean of the within-pair ratios"), md);
        assertFalse(md.contains("Fieller"), "no configuration here has Fieller's ratio: " + md);
        String tex = new String(LatexTables.render(a).get(0).bytes(), StandardCharsets.UTF_8);
        assertTrue(tex.contains("& 0.0543 ") && tex.contains("[0.0159, 0.185]"), tex);
        assertTrue(tex.contains("the geometric mean of the within-pair") && !tex.contains("Fieller"), tex);
        String terminal = TerminalSummary.text(a);
        assertTrue(terminal.contains("0.0543") && terminal.contains("0.0159–0.185"), terminal);
        assertTrue(terminal.contains("× none: geometric mean of the within-pair ratios"), terminal);
        String caption = new FigureBuilder(a, ChartStyle.PAPER).throughput().caption();
        assertTrue(caption.contains("the geometric mean of the within-pair ratios") && !caption.contains("Fieller"), caption);
        Map<?, ?> json = JsonMaps.readObject(write(a));
        Map<?, ?> bpf = (Map<?, ?>) ((List<?>) json.get("configurations")).get(1);
        assertEquals(PairRatios.METHOD, ((Map<?, ?>) bpf.get("throughputRatioVsNone")).get("method"));
    }

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

    @Test
    void summaryJsonNamesThePairedMethodAlikeEverywhere() throws Exception {
        Map<?, ?> json = JsonMaps.readObject(write(Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir()))));
        Map<?, ?> config = (Map<?, ?>) ((List<?>) ((Map<?, ?>) json.get("paired")).get("configurations")).get(0);
        assertEquals("within-pair-geometric-mean", ((Map<?, ?>) config.get("iterationP99Ratio")).get("method"));
        assertTrue(json.toString().contains("method=within-pair-geometric-mean"), "the headline's name too");
        assertFalse(json.toString().contains("Student t on log ratios"), "one spelling, the one the headline uses");
    }

    @Test
    void summaryJsonFlagsAPairedP99RatioWhoseTracerLeftIterationsUnfinishedAsALowerBound() throws Exception {
        assertEquals(false, pairedP99(Fixtures.pairedResultsDir()).get("lowerBound"));
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        Path load = dir.resolve("trials/006-bpftrace-mini-w1-r1/load.json");
        String before = Files.readString(load);
        String after = before.replaceFirst("(\"iterations\"\\s*:\\s*\\{)", "$1\"unfinished\": 3, ");
        assertFalse(before.equals(after), "the edit changed nothing");
        Files.writeString(load, after);
        assertEquals(true, pairedP99(dir).get("lowerBound"));
    }

    private Map<?, ?> pairedP99(Path dir) throws Exception {
        Map<?, ?> paired = (Map<?, ?>) JsonMaps.readObject(write(Analysis.of(ResultsReader.read(dir)))).get("paired");
        return (Map<?, ?>) ((Map<?, ?>) ((List<?>) paired.get("configurations")).get(0)).get("iterationP99Ratio");
    }

    private Path write(Analysis a) throws Exception {
        Path f = tmp.resolve("summary.json");
        Files.write(f, Summaries.json(a));
        return f;
    }
}
