package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.loadgen.cli.LoadCommand;

/** A trial whose load failed most of its operations, or completed none, is invalid; a clean one is not. */
class FailedOpsTest {
    @TempDir Path dir;
    @TempDir Path root;

    /** Runs the load generator on {@code tasks} and returns its load.json as a map. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> load(String name, String tasks) throws Exception {
        Path f = Files.writeString(dir.resolve(name + ".yaml"), tasks);
        Path json = dir.resolve(name + ".json");
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = LoadCommand.commandLine(new LoadCommand());
        cl.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        cl.execute(f.toString(), "--work-root", root.toString(), "--duration", "200ms", "--warmup", "0s",
                "--workers", "2", "--json", json.toString());
        assertTrue(Files.exists(json), err.toString());
        return (Map<String, Object>) ResultsDir.readJson(json);
    }

    @Test
    void aLoadWhoseEveryOperationFailedMeasuredNothing() throws Exception {
        String why = FailedOps.problem(load("none", "tasks:\n  - {op: read, path: \"/nonexistent-tracebench-{iteration}\"}\n"));
        assertTrue(why != null && why.startsWith("The load completed no operation in its measured window (all "), why);
        assertTrue(why.contains("attempted operations failed; first errors: read: NoSuchFileException"), why);
        assertTrue(why.endsWith("), so the trial measured nothing."), why);
    }

    @Test
    void aLoadWhoseOperationsHalfFailedIsInvalidAndQuotesTheError() throws Exception {
        String why = FailedOps.problem(load("half", "setup:\n  - {path: s}\ntasks:\n  - {op: stat, path: s}\n"
                + "  - {op: read, path: \"/nonexistent-tracebench-{iteration}\"}\n"));
        assertTrue(why != null && why.matches("\\d+ of \\d+ attempted operations \\(5\\d\\.\\d%\\) failed, more than the 1%"
                + " a valid trial may fail, so its throughput measures failures, not the tracer; first errors: read:"
                + " NoSuchFileException.*"), why);
    }

    @Test
    void theQuotedErrorsAreTheWindowsNotTheWarmUps() {
        Map<String, Object> op = Map.of("count", 10, "errors", 5, "errorSamples", java.util.List.of(
                "(warm-up) NoSuchFileException: /w", "AccessDeniedException: /m"));
        assertEquals("5 of 15 attempted operations (33.3%) failed, more than the 1% a valid trial may fail, so its"
                + " throughput measures failures, not the tracer; first errors: read: AccessDeniedException: /m.",
                FailedOps.problem(Map.of("workers", 1, "ops", Map.of("read", op))));
    }

    @Test
    void aCleanLoadAndAFailureAtTheWindowsEndPerWorkerAreFine() throws Exception {
        assertNull(FailedOps.problem(load("clean", "setup:\n  - {path: s}\ntasks:\n  - {op: stat, path: s}\n")));
        Map<String, Object> op = Map.of("count", 10, "errors", 2, "errorSamples", java.util.List.of("killed"));
        assertNull(FailedOps.problem(Map.of("workers", 2, "ops", Map.of("execute-subproc", op))), "one per worker");
        assertEquals("3 of 13 attempted operations (23.1%) failed, more than the 1% a valid trial may fail, so its"
                + " throughput measures failures, not the tracer; first errors: execute-subproc: killed.",
                FailedOps.problem(Map.of("workers", 2, "ops", Map.of("execute-subproc",
                        Map.of("count", 10, "errors", 3, "errorSamples", java.util.List.of("killed"))))));
        assertNull(FailedOps.problem(Map.of()), "no result: judged elsewhere");
    }
}
