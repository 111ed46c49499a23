package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tracebench.tracers.testing.Requirements;

/** A run ended by a signal cleans up, prints the --resume command and exits 128 + the signal (root: cgroups). */
class RunSignalExitTest {
    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalledRunExitsWithTheShellsCodeForThatSignal(String signal, int expected, @TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Path suite = SuiteFixture.write(tmp, "sig", List.of("none"), "2s", 1);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("harness.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(org.tracebench.tracers.testing.Sigint.defaulted(List.of(java, "-cp",
                System.getProperty("java.class.path"), HarnessTestMain.class.getName(), suite.toString(), "--out",
                out.toString()))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 6000 && !measuring(out); i++) Thread.sleep(5); // in the window: the sampler's CSV
            assertTrue(measuring(out), "the trial never started measuring: " + Files.readString(log));
            new ProcessBuilder("kill", "-s", signal, Long.toString(harness.pid())).start().waitFor();
            assertTrue(harness.waitFor(60, TimeUnit.SECONDS), "the harness ends after SIG" + signal);
            String text = Files.readString(log);
            assertEquals(expected, harness.exitValue(), text);
            assertTrue(text.contains("Continue with: ./tracebench run --resume "), text);
        } finally {
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }
    }

    private static boolean measuring(Path out) throws Exception {
        if (!Files.isDirectory(out)) return false;
        try (Stream<Path> s = Files.walk(out)) {
            return s.anyMatch(p -> p.getFileName().toString().equals(".system.csv.tmp"));
        }
    }
}
