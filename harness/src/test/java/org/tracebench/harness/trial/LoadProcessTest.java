package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control protocol's failure reports, against real processes that exit early. */
class LoadProcessTest {
    @TempDir Path tmp;

    @Test
    void anEarlyExitSaysWhyFromTheLoadGeneratorsStderr() throws Exception {
        Path stderr = tmp.resolve("load-stderr.txt");
        try (LoadProcess p = LoadProcess.start(List.of("sh", "-c",
                "echo >&2; echo 'task.yaml:3:11: The `write` path is outside the work root. Nothing was run.' >&2; exit 2"), stderr)) {
            IOException e = assertThrows(IOException.class, () -> p.awaitReady(Duration.ofSeconds(20)));
            assertEquals("The load generator exited before READY (exit code 2): task.yaml:3:11: The `write` path is outside "
                    + "the work root. Nothing was run.", e.getMessage());
        }
    }

    @Test
    void anEarlyExitWithoutStderrStillGivesItsExitCode() throws Exception {
        try (LoadProcess p = LoadProcess.start(List.of("sh", "-c", "exit 3"), tmp.resolve("empty.txt"))) {
            IOException e = assertThrows(IOException.class, () -> p.awaitReady(Duration.ofSeconds(20)));
            assertEquals("The load generator exited before READY (exit code 3).", e.getMessage());
        }
    }

    @Test
    void aKilledLoadGeneratorIsSaidToBeKilledAndItsInformationalStderrIsNotItsReason() throws Exception {
        Path stderr = tmp.resolve("load-stderr.txt");
        try (LoadProcess p = LoadProcess.start(List.of("sh", "-c",
                "echo 'JIT warm-up: 48,890 op calls and 12 whole iterations in 414 ms' >&2; kill -KILL $$"), stderr)) {
            IOException e = assertThrows(IOException.class, () -> p.awaitReady(Duration.ofSeconds(20)));
            assertEquals("The load generator was killed by SIGKILL before READY (exit code 137).", e.getMessage());
        }
    }

    @Test
    void anEarlyExitQuotesTheFirstLinePastTheInformationalOnes() throws Exception {
        Path stderr = tmp.resolve("load-stderr.txt");
        try (LoadProcess p = LoadProcess.start(List.of("sh", "-c", "echo 'Note: stat ops go through File.exists().' >&2; "
                + "echo 'JIT warm-up: 12 op calls' >&2; echo 'The work root is busy.' >&2; exit 1"), stderr)) {
            IOException e = assertThrows(IOException.class, () -> p.awaitReady(Duration.ofSeconds(20)));
            assertEquals("The load generator exited before READY (exit code 1): The work root is busy.", e.getMessage());
        }
    }
}
