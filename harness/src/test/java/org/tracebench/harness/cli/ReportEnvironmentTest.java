package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.report.Fixtures;

/** {@code tracebench report} in a poor environment: an unusable temporary directory, a tiny heap (separate JVMs). */
class ReportEnvironmentTest {
    @TempDir Path tmp;

    private int report(Path log, String jvmOption, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOption, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "report", dir.toString(),
                "--formats", "png"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return p.waitFor();
    }

    @Test
    void pngChartsNeedNoTemporaryDirectory() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Path log = tmp.resolve("log.txt");
        Path gone = tmp.resolve("no-such-tmpdir"); // ImageIO's disk cache would create its file here and fail
        assertEquals(0, report(log, "-Djava.io.tmpdir=" + gone, dir), Files.readString(log));
        assertTrue(Files.size(dir.resolve("charts/throughput.png")) > 1000);
    }

    @Test
    void runningOutOfHeapIsASentenceNamingTheHeapOption() throws Exception {
        Path dir = Fixtures.copyTo(tmp);
        Path log = tmp.resolve("log.txt");
        assertEquals(1, report(log, "-Xmx8m", dir), Files.readString(log)); // a 300 dpi PNG's pixels alone exceed 8 MiB
        String text = Files.readString(log);
        assertTrue(text.contains("The report for " + dir + " ran out of memory (the Java heap may grow to "), text);
        assertTrue(text.contains("give it a larger heap with TRACEBENCH_JAVA_OPTS=-Xmx1g"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }
}
