package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.FidelityReport;
import org.tracebench.harness.fidelity.TrialRow;
import org.tracebench.harness.pairing.PairedAnalysis;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;
import org.tracebench.loadgen.json.Json;

/**
 * audit7-fid r1: a failed A/A check was a warning without a code, in none of report.md's Warnings, summary.json's
 * warnings or the terminal's coded lines; and two pairs "passed" an interval 12.7 times their spread wide.
 */
class AaNoisyWarningTest {
    @TempDir Path tmp;

    /** One A/A block per entry of {@code middles} ({none[A/A] at 2, at 3} against none at 1000), then a strace block. */
    private void write(double[]... middles) throws Exception {
        int n = 0, block = 0;
        for (double[] m : middles) {
            block++;
            trial(++n, "none", block, 1, 1000, "aa");
            trial(++n, "none[A/A]", block, 2, m[0], "aa");
            trial(++n, "none[A/A]", block, 3, m[1], "aa");
            trial(++n, "none", block, 4, 1000, "aa");
        }
        block++;
        trial(++n, "none", block, 1, 1000, "pair");
        trial(++n, "strace", block, 2, 500, "pair");
        trial(++n, "strace", block, 3, 510, "pair");
        trial(++n, "none", block, 4, 1000, "pair");
    }

    @Test
    void aFailedAaCheckIsACodedWarningInEveryPlaceTheOthersAre() throws Exception {
        write(new double[] {800, 810}, new double[] {790, 805}); // 4 pairs near 0.8: an interval excluding 1
        assertEquals(PairedAnalysis.Verdict.NOISY, PairedAnalysis.of(TrialRow.readAll(tmp)).aaChecks().get(0).verdict());
        Analysis a = Analysis.of(ResultsReader.read(tmp));
        List<RunWarning> aa = a.warnings().stream().filter(w -> w.kind() == WarningKind.AA_NOISY).toList();
        assertEquals(1, aa.size(), a.warnings().toString());
        assertEquals("w", aa.get(0).workload());
        assertEquals(1, aa.get(0).workers());
        // on the tracers' scale (1/ratio − 1: +24.8%), named; it printed ratio − 1 (−19.9%) beside their slowdowns
        assertTrue(aa.get(0).detail().startsWith("w with 1 worker: slowdown (1/throughput ratio − 1) +24.")
                && aa.get(0).detail().endsWith(" over 4 pairs"),
                aa.get(0).detail());
        assertTrue(aa.get(0).message().contains("quieter machine"), aa.get(0).message());
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("- [aa-noisy] The A/A check failed"), md);
        assertTrue(TerminalSummary.text(a).contains("Warning: [aa-noisy] The A/A check failed"), TerminalSummary.text(a));
        String json = new String(Summaries.json(a), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"code\":\"aa-noisy\"") || json.contains("\"code\": \"aa-noisy\""), json);
        String terminal = FidelityReport.terminal(tmp);
        assertFalse(terminal.toLowerCase(Locale.ROOT).contains("warning: a/a"), "one warning, the coded one: " + terminal);
        assertTrue(terminal.contains("failed") && terminal.contains("(Warning [aa-noisy].)"), terminal);
    }

    @Test
    void aPassedAaCheckGivesNoWarning() throws Exception {
        write(new double[] {980, 1020}, new double[] {1010, 995});
        assertTrue(Analysis.of(ResultsReader.read(tmp)).warnings().stream().noneMatch(w -> w.kind() == WarningKind.AA_NOISY));
    }

    @Test
    void twoPairsAreInconclusiveHoweverTheyDiffer() throws Exception {
        write(new double[] {600, 900}); // one repetition's A/A block: t(0.975, 1) = 12.7 makes any interval hold 1
        PairedAnalysis.AaCheck c = PairedAnalysis.of(TrialRow.readAll(tmp)).aaChecks().get(0);
        assertEquals(PairedAnalysis.Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.verdict().message(c).contains("2 valid pair(s), at least 3 are needed"), c.verdict().message(c));
        assertTrue(Analysis.of(ResultsReader.read(tmp)).warnings().stream().noneMatch(w -> w.kind() == WarningKind.AA_NOISY));
    }

    private void trial(int number, String tracer, int block, int position, double throughput, String role) throws Exception {
        Path d = tmp.resolve("trials").resolve(String.format(Locale.ROOT, "%03d-%s-w-w1-r1", number,
                tracer.replaceAll("[^a-z]", "")));
        Files.createDirectories(d);
        Files.writeString(tmp.resolve("manifest.json"), "{\"suite\": \"p\"}\n");
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", "ok");
        j.put("tracer", tracer);
        j.put("backend", tracer.replaceFirst("\\[.*", ""));
        j.put("workload", "w");
        j.put("workers", 1);
        j.put("repetition", 1);
        j.put("measuredSeconds", 5.0);
        j.put("throughputOpsPerSecond", throughput);
        j.put("placement", Map.of("block", block, "position", position, "role", role));
        Files.writeString(d.resolve("trial.json"), Json.write(j) + "\n");
    }
}
