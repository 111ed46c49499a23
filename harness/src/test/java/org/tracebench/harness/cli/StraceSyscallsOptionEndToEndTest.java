package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.FidelityAnalysis;
import org.tracebench.harness.fidelity.TrialRow;
import org.tracebench.tracers.testing.Requirements;

/**
 * A real strace-seccomp run with strace's {@code syscalls} option narrowed: the kinds it leaves untraced are "not
 * traced" (the configuration's choice), not blind and not 0.0% misses, and the narrowed set is never the cheapest
 * complete configuration.
 */
class StraceSyscallsOptionEndToEndTest {
    private static final String NARROW = "strace-seccomp[syscalls=openat,chmod,read]";

    @Test
    @SuppressWarnings("unchecked")
    void kindsTheSyscallsOptionLeavesOutAreNotTracedNotBlindAndNeverComplete(@TempDir Path tmp) throws Exception {
        Requirements.require(TestTracers.named("strace-seccomp").availability().available(),
                "strace-seccomp is unavailable here: " + TestTracers.named("strace-seccomp").availability().reason());
        try (InputStream in = getClass().getResourceAsStream("/suites/tiny-task.yaml")) {
            Files.copy(in, tmp.resolve("tiny-task.yaml"));
        }
        Path suite = Files.writeString(tmp.resolve("narrow.yaml"), "name: narrow\ntasks: [tiny-task.yaml]\n"
                + "tracers:\n  - name: strace-seccomp\n    matrix: {syscalls: [all, \"openat,chmod,read\"]}\n"
                + "workers: 1\nduration: 1s\nwarmup: 200ms\nrepetitions: 1\norder: paired\ncooldown: 0s\n"
                + "samplingInterval: 250ms\nseed: 42\n");
        Executed run = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--out", tmp.resolve("out").toString(), "--allow-concurrent-runs");
        assertEquals(0, run.code(), run.out() + run.err());
        Path results = RunEndToEndTest.onlyResultsDir(tmp.resolve("out"));

        Path trial = RunEndToEndTest.trialDirs(results).stream().filter(d -> {
            try {
                return NARROW.equals(RunEndToEndTest.json(d.resolve("trial.json")).get("tracer"));
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        Map<String, Object> j = RunEndToEndTest.json(trial.resolve("trial.json"));
        assertEquals("ok", j.get("status"), j.toString());
        Map<String, Map<String, Object>> comp = (Map<String, Map<String, Object>>) j.get("completeness");
        Map<String, Object> rename = comp.get("rename");
        assertEquals(false, rename.get("observable"), rename.toString());
        assertEquals("not traced: the syscalls option leaves out rename, renameat, renameat2", rename.get("notTracedByOption"));
        assertEquals(false, comp.get("mkdir").get("observable"));
        assertTrue(String.valueOf(comp.get("execute-subproc").get("notTracedByOption")).startsWith("not traced: "));
        Map<String, Object> write = comp.get("write"); // its openat is traced, its write is not
        assertEquals(true, write.get("observable"), write.toString());
        assertEquals("partly traced: the syscalls option leaves out write, pwrite64", write.get("notTracedByOption"));
        Map<String, Object> chmod = comp.get("chmod"); // the JDK's chmod is traced (fchmodat is not): no gap
        assertEquals(true, chmod.get("observable"), chmod.toString());
        assertFalse(chmod.containsKey("notTracedByOption"), chmod.toString());
        assertTrue(((List<String>) j.get("capabilityNotes")).stream().anyMatch(n -> n.startsWith(
                "Option syscalls traces openat, chmod, read, exit_group only")), j.get("capabilityNotes").toString());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(NARROW) && l.contains(" kinds not traced (by option)")),
                run.out());

        Executed report = Executed.run(new ReportCommand(), results.toString(), "--formats", "svg");
        assertEquals(0, report.code(), report.out() + report.err());
        String md = Files.readString(results.resolve("report.md"));
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| " + NARROW + " | tiny-task | 1 | rename |")
                && l.endsWith("| not traced | not traced |")), md);
        assertFalse(md.lines().anyMatch(l -> l.startsWith("| " + NARROW) && l.contains("| blind |")), md);

        FidelityAnalysis fa = FidelityAnalysis.of(TrialRow.readAll(results));
        FidelityAnalysis.Cheapest c = fa.cheapest().stream().filter(x -> x.backend().equals("strace-seccomp")).findFirst().orElseThrow();
        Map<String, Object> narrow = c.candidates().stream().filter(m -> NARROW.equals(m.get("tracer"))).findFirst().orElseThrow();
        assertEquals(false, narrow.get("complete"), narrow.toString());
        assertEquals(false, narrow.get("completeAsUpperBound"), narrow.toString());
        assertTrue(((List<String>) narrow.get("notTracedByOption")).containsAll(List.of("rename", "mkdir", "write")), narrow.toString());
        assertTrue(((Number) narrow.get("seenOverall")).doubleValue() < 0.9, "untraced kinds are misses here: " + narrow);
        if (c.chosen() != null) assertNotEquals(NARROW, c.chosen().label());
    }
}
