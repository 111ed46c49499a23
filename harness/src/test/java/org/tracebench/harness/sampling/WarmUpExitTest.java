package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness that exits while the sampler's warm-up holds its temporary files leaves nothing in java.io.tmpdir. */
class WarmUpExitTest {
    @TempDir Path tmp;

    /** Starts the warm-up, waits (up to 2 s) until its directory is there, then exits at once. */
    public static void main(String[] args) throws Exception {
        new Machine();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < 20_000 && entries(dir).isEmpty(); i++) Thread.sleep(0, 100_000);
        System.exit(0);
    }

    private static List<String> entries(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tracebench-sampler-warmup")).toList();
        }
    }

    @Test
    void exitingDuringTheWarmUpLeavesNoTemporaryFiles() throws Exception {
        for (int run = 0; run < 3; run++) {
            Path dir = Files.createDirectory(tmp.resolve("tmp" + run));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), WarmUpExitTest.class.getName())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("log" + run).toFile()).start();
            assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("log" + run)));
            try (Stream<Path> s = Files.walk(dir)) {
                assertEquals(List.of(dir), s.toList(), "left in java.io.tmpdir");
            }
        }
    }
}
