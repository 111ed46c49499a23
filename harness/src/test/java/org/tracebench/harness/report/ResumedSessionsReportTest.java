package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.WarningKind;

/** report.md and compare show a resumed run's sessions and warn when one ran on other software or another machine. */
class ResumedSessionsReportTest {
    @TempDir Path tmp;

    /** The fixture resumed twice: once as it began, once on another kernel and tracebench commit. */
    private Path resumed(Path parent) throws Exception {
        Path dir = Fixtures.copyTo(Files.createDirectories(parent));
        Path m = dir.resolve("manifest.json");
        String same = "{\"startedAt\": \"2026-11-23T11:00:00Z\", \"environment\": {\"kernel\": \"6.18.0-tracebench\","
                + " \"distribution\": \"Debian GNU/Linux 12 (bookworm)\", \"cpuModel\": \"Intel(R) Xeon(R) CPU @ 2.20GHz\","
                + " \"cores\": 2, \"memoryBytes\": 8343298048, \"jvm\": \"17.0.13+11-Debian\"}, \"tracerVersions\":"
                + " {\"strace\": \"6.1\"}, \"tracebench\": {\"version\": \"0.1.0-SNAPSHOT\"}}";
        String other = same.replace("11:00:00Z", "12:00:00Z").replace("6.18.0-tracebench", "6.19.2-other")
                .replace("\"version\": \"0.1.0-SNAPSHOT\"}", "\"version\": \"0.1.0-SNAPSHOT\", \"gitCommit\": \"5d6e7f8\"}");
        String json = Files.readString(m);
        Files.writeString(m, json.substring(0, json.lastIndexOf('}')) + ", \"resumes\": [" + same + ", " + other + "]}\n");
        return dir;
    }

    @Test
    void reportListsTheSessionsAndWarnsThatOneDiffers() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(resumed(tmp.resolve("r"))));
        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("Resumed 2 times (`run --resume`). Each trial ran in the last session to start before its"
                + " trial.json's `startedAt`.\n\n| session | startedAt | tracebench commit | differs from the first session in |\n"
                + "|--:|---|---|---|\n| 1 | 2026-11-23T10:00:00Z | – | – |\n| 2 | 2026-11-23T11:00:00Z | – | nothing |\n"
                + "| 3 | 2026-11-23T12:00:00Z | 5d6e7f8 | kernel 6.18.0-tracebench → 6.19.2-other, tracebench commit – → 5d6e7f8 |\n"), md);
        List<String> warned = a.warnings().stream().filter(w -> w.kind() == WarningKind.MIXED_SESSIONS)
                .map(w -> w.message()).toList();
        assertEquals(List.of("The run was resumed (run --resume) on another machine or other software than it began on,"
                + " so its trials before and after the resume did not measure the same thing (resumed 2026-11-23T12:00:00Z:"
                + " kernel 6.18.0-tracebench → 6.19.2-other, tracebench commit – → 5d6e7f8); run the suite again in one"
                + " session to compare its tracers like with like (manifest.json's resumes and each trial.json's startedAt"
                + " tell which trials ran in which session)."), warned);
        assertTrue(md.contains("- [mixed-sessions] " + warned.get(0) + "\n"), md);
    }

    @Test
    void reportListsTheTrialsEachSessionRanAgainAndWhereTheEarlierAttemptsAre() throws Exception {
        Path dir = Fixtures.pairedResumedAcrossPair(tmp); // session 2 ran 006 again
        Path replaced = Files.createDirectories(dir.resolve("replaced/006-bpftrace-mini-w1-r1.1"));
        Files.writeString(replaced.resolve("trial.json"), "{\"status\": \"invalid\", \"startedAt\": \"2026-12-07T14:43:59Z\"}");
        Files.createDirectories(dir.resolve("replaced/007-bpftrace-mini-w1-r1.1")); // its new attempt: 007, session 1
        String md = new String(MarkdownReport.render(Analysis.of(ResultsReader.read(dir)), List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| 2 | 2026-12-09T10:00:00Z | "), md);
        assertTrue(md.contains("\nSession 1 ran again `007-bpftrace-mini-w1-r1` (earlier attempt: `replaced/007-bpftrace-mini-w1-r1.1`).\n\n"
                + "Session 2 ran again `006-bpftrace-mini-w1-r1` (earlier attempt: `replaced/006-bpftrace-mini-w1-r1.1`).\n"), md);
    }

    @Test
    void aRunResumedAsItBeganGetsNoWarning() throws Exception {
        Path dir = resumed(tmp.resolve("r"));
        Path m = dir.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("6.19.2-other", "6.18.0-tracebench").replace(", \"gitCommit\": \"5d6e7f8\"", ""));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertTrue(a.warnings().stream().noneMatch(w -> w.kind() == WarningKind.MIXED_SESSIONS), a.warnings().toString());
        assertTrue(new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8).contains("| 3 | 2026-11-23T12:00:00Z | – | nothing |"));
    }

    @Test
    void compareNamesARunResumedOnOtherSoftwareAmongItsDifferences() throws Exception {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")))));
        Analysis b = Analysis.of(ResultsReader.read(resumed(tmp.resolve("b"))));
        Comparison c = Comparison.of(a, b);
        assertEquals(List.of(new RunDifferences.Difference("a session of the run (run --resume) differs from its first in", "–",
                "resumed 2026-11-23T12:00:00Z: kernel 6.18.0-tracebench → 6.19.2-other, tracebench commit – → 5d6e7f8")),
                c.differences().items());
        assertTrue(c.text().contains("  a session of the run (run --resume) differs from its first in  A: –  B: resumed "), c.text());
    }
}
