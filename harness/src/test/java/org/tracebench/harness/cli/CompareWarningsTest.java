package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.results.LockHolderMain;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.json.Json;

/** compare warns about a copy, a run in progress and unfinished runs, and says what it leaves out and why. */
class CompareWarningsTest {
    @TempDir Path tmp;

    /** A copy of the fixture under {@code name} started at {@code startedAt}, with {@code more} put into its manifest. */
    private Path run(String name, String startedAt, Map<String, Object> more) throws Exception {
        Path dir = Fixtures.copyTo(Files.createDirectories(tmp.resolve(name)));
        Path mf = dir.resolve("manifest.json");
        String m = Files.readString(mf).replace("\"startedAt\": \"2026-11-23T10:00:00Z\"", "\"startedAt\": \"" + startedAt + "\"");
        String extra = more.isEmpty() ? "" : ", " + Json.write(more).substring(1, Json.write(more).length() - 1);
        Files.writeString(mf, m.substring(0, m.lastIndexOf('}')) + extra + "}\n");
        return dir;
    }

    private static String md(Path b, Path a) throws Exception {
        return Files.readString(b.resolve("compare-" + a.getFileName()).resolve("compare.md"));
    }

    @Test
    void aCopyOfARunIsNamedSoInTheTerminalAndCompareMd() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a"))), b = Fixtures.copyTo(Files.createDirectories(tmp.resolve("b")));
        Executed e = Executed.run(new CompareCommand(), a.toString(), b.toString(), "--formats", "svg");
        assertEquals(0, e.code(), e.err());
        String same = "DIR_A and DIR_B record the same run (manifest.json's startedAt 2026-11-23T10:00:00Z and seed 42)";
        assertTrue(e.err().startsWith("Warning: " + same), e.err());
        String md = md(b, a);
        assertTrue(md.contains("## Warnings\n\n- " + same), md);
        assertTrue(md.contains("- A: `" + a.toAbsolutePath() + "` (quick, started 2026-11-23T10:00:00Z)\n"), md);
        assertTrue(md.contains("| strace | mixed | 1 | 2 (+1 invalid) | 2 (+1 invalid) |"), md);
        assertTrue(e.out().contains("strace     mixed            1 2 (+1 invalid) 2 (+1 invalid)"), e.out());
        Path c = run("c", "2026-11-24T10:00:00Z", Map.of());
        Executed other = Executed.run(new CompareCommand(), a.toString(), c.toString(), "--formats", "svg");
        assertTrue(!other.err().contains("same run"), other.err());
    }

    @Test
    void aRunInProgressAndAPlanNotRunAreNamed() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path task = Path.of("/nonexistent/mixed.yaml");
        List<Object> plan = new java.util.ArrayList<>();
        String[] tracers = {"none", "strace", "fatrace", "fatrace", "none", "strace", "strace", "none", "bpftrace"};
        int[] reps = {1, 1, 1, 2, 2, 2, 3, 3, 1};
        for (int i = 0; i < tracers.length; i++) plan.add(new TrialSpec(i + 1, TracerSpec.of(tracers[i]), "mixed", task, 1, reps[i]).toMap());
        Path b = run("b", "2026-11-24T10:00:00Z", Map.of("plan", plan));
        // A has bpftrace (copied from a strace trial) that B planned but has not run
        Path bp = a.resolve("trials/009-bpftrace-mixed-w1-r1");
        Fixtures.copyTo(tmp.resolve("x"), a.resolve("trials/002-strace-mixed-w1-r1"));
        Files.move(tmp.resolve("x/002-strace-mixed-w1-r1"), bp);
        Files.writeString(bp.resolve("trial.json"), Files.readString(bp.resolve("trial.json")).replace("\"tracer\": \"strace\"", "\"tracer\": \"bpftrace\""));
        Process holder = LockHolderMain.start(b.resolve(ResultsDir.LOCK_FILE));
        try {
            Executed e = Executed.run(new CompareCommand(), a.toString(), b.toString(), "--formats", "svg");
            assertEquals(0, e.code(), e.err());
            assertTrue(e.err().contains("Warning: DIR_B " + b + " is being written by a run in progress (process " + holder.pid()
                    + " holds its .tracebench.lock)"), e.err());
            assertTrue(e.err().contains("Warning: [not-run-trials] Some trials of the plan"), e.err());
            assertTrue(e.out().contains("Planned in B but not run there (interrupted, or still running), not compared: bpftrace mixed w1"
                    + " (1 valid)\n"), e.out());
            assertTrue(!e.out().contains("Only in A") && !e.out().contains("options of"), e.out());
            assertTrue(md(b, a).contains("is being written by a run in progress"), md(b, a));
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void allInvalidAndMicroResultsAreNamedAsSuch() throws Exception {
        Path a = Fixtures.copyTo(Files.createDirectories(tmp.resolve("a")));
        Path b = run("b", "2026-11-24T10:00:00Z", Map.of());
        try (var s = Files.list(b.resolve("trials"))) {
            for (Path t : s.toList()) {
                Path j = t.resolve("trial.json");
                if (Files.exists(j)) Files.writeString(j, Files.readString(j).replace("\"status\": \"ok\"", "\"status\": \"invalid\"")
                        .replace("\"invalidReason\": null", "\"invalidReason\": \"the tracer died.\""));
            }
        }
        Executed e = Executed.run(new CompareCommand(), a.toString(), b.toString(), "--formats", "svg");
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("DIR_B has no valid trial: 7 of its 8 trials are invalid (the first, 001-none-mixed-w1-r1:"
                + " the tracer died.). Fix what made the trials invalid"), e.err());
        Path m = Fixtures.copyTo(Files.createDirectories(tmp.resolve("m")));
        Files.writeString(m.resolve(org.tracebench.harness.micro.MicroSummary.JSON), "{}\n");
        Executed mi = Executed.run(new CompareCommand(), a.toString(), m.toString(), "--formats", "svg");
        assertEquals(2, mi.code(), mi.err());
        assertTrue(mi.err().contains("holds the results of tracebench micro, which compare does not read"), mi.err());
    }
}
