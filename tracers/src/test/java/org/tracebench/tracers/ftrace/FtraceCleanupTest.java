package org.tracebench.tracers.ftrace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracebench.tracers.testing.Requirements;

/** A JVM that exits (or is sent SIGTERM / SIGINT) with a session open leaves no instance and no reader behind. */
class FtraceCleanupTest {
    @org.junit.jupiter.api.io.TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"exit", "TERM", "INT"})
    void shutdownHookRemovesTheInstance(String how) throws Exception {
        Requirements.requireAvailable(new FtraceTracer());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(org.tracebench.tracers.testing.Sigint.defaulted(List.of(java, "-cp",
                System.getProperty("java.class.path"), AbandoningProcess.class.getName(), how.equals("exit") ? "exit" : "wait",
                dir.resolve("work").toString()))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
            assertTrue(line != null && line.contains("tracebench-"), "child printed " + line);
            Path instance = Path.of(line.split(" ")[0]);
            long reader = Long.parseLong(line.split(" ")[1]);
            if (!how.equals("exit")) {
                assertTrue(Files.isDirectory(instance));
                new ProcessBuilder("kill", "-" + how, Long.toString(p.pid())).start().waitFor();
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertFalse(Files.exists(instance), "instance left behind after " + how);
            assertFalse(ProcessHandle.of(reader).map(ProcessHandle::isAlive).orElse(false), "trace_pipe reader left running");
        } finally {
            p.destroyForcibly();
        }
    }
}
