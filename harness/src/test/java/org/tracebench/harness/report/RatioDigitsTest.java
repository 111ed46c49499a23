package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A throughput ratio keeps 3 significant digits wherever it is shown: a 3500× slowdown must not read as 0.000. */
class RatioDigitsTest {
    @TempDir
    Path tmp;

    /** The fixture with strace at about 10 ops/s against none's 35000: × none ≈ 0.000285. */
    private Analysis stalled() throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2"),
                s -> s.replaceFirst("\"throughputOpsPerSecond\": [0-9.]+", "\"throughputOpsPerSecond\": 10.0"));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertEquals("0.000285", Num.sig(a.find("strace", "mixed", 1).throughputVsNone().ratio(), 3), "the edit took");
        return a;
    }

    @Test
    void everyReportShowsTheRatioToThreeSignificantDigits() throws IOException {
        Analysis a = stalled();
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| strace | mixed | 1 |") && l.contains("| 0.000285 | 0.000")), md);
        String tex = new String(LatexTables.render(a).get(0).bytes(), StandardCharsets.UTF_8);
        assertTrue(tex.lines().anyMatch(l -> l.startsWith("strace ") && l.contains("& 0.000285 ")), tex);
        Comparison c = Comparison.of(a, Analysis.of(ResultsReader.read(Fixtures.resultsDir())));
        String row = c.text().lines().filter(l -> l.startsWith("strace ")).findFirst().orElseThrow();
        assertTrue(row.contains(" 186 ") && row.contains(" 0.000285 ") && row.endsWith(" 0.0530"), row);
        String cmd = new String(c.markdown(List.of()), StandardCharsets.UTF_8);
        assertTrue(cmd.contains("| 186 | ") && cmd.contains(" | 0.000285 | 0.0530 |"), cmd);
    }

    @Test
    void theTerminalTableWidensItsRatioColumnsToFitThem() throws IOException {
        String t = TerminalSummary.text(stalled());
        List<String> rows = t.lines().filter(l -> !l.startsWith("Warning:")).toList();
        String strace = rows.stream().filter(l -> l.startsWith("strace ")).findFirst().orElseThrow();
        assertTrue(strace.contains(" 0.000285 0.000"), strace);
        int ratioEnd = rows.get(0).indexOf("× none") + "× none".length(), cpuEnd = rows.get(0).indexOf("tracer CPU") + 10;
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.charAt(ratioEnd) == ' ' && row.charAt(ratioEnd - 1) != ' ', "× none aligned:\n" + t);
            assertTrue(row.charAt(cpuEnd) == ' ' && row.charAt(cpuEnd - 1) != ' ', "tracer CPU aligned:\n" + t);
        }
    }
}
