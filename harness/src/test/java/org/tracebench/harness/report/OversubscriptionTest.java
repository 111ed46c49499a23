package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** More workers than the CPUs the load may use is warned about; as many, or an unknown count, is not. */
class OversubscriptionTest {
    @TempDir Path tmp;

    @Test
    void moreWorkersThanCpusIsWarnedAboutWithTheFix() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        assertTrue(warnings(dir).isEmpty(), "the fixture predates workerCpus and has no cpuPlacement.workerCpus: unknown");
        setWorkerCpus(dir, 1, 1);
        assertTrue(warnings(dir).isEmpty(), "1 worker on 1 CPU: its tracer still gets a fair share");
        setWorkerCpus(dir, 8, 2); // the audit's s2: 8 workers on this 2-core machine
        List<RunWarning> w = warnings(dir);
        assertEquals(1, w.size(), w.toString());
        String m = w.get(0).labelled();
        assertTrue(m.startsWith("[oversubscribed] Valid trials ran more load-generator workers than the CPUs"), m);
        assertTrue(m.contains("(8 workers on 2 CPUs in 6 of 6 valid trials, e.g. 001-none-mixed-w1-r1)"), m);
        assertTrue(m.contains("pinning: separate-cpus"), m);
    }

    private static List<RunWarning> warnings(Path dir) throws IOException {
        return Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.OVERSUBSCRIBED).toList();
    }

    private static void setWorkerCpus(Path dir, int workers, int cpus) throws IOException {
        try (Stream<Path> trials = Files.list(dir.resolve("trials"))) {
            for (Path t : (Iterable<Path>) trials::iterator) {
                Path j = t.resolve("trial.json");
                if (!Files.exists(j)) continue;
                String s = Files.readString(j).replaceFirst("\"workers\": [0-9]+,(\\s*\"workerCpus\": [0-9]+,)?",
                        "\"workers\": " + workers + ", \"workerCpus\": " + cpus + ",");
                Files.writeString(j, s);
            }
        }
    }
}
