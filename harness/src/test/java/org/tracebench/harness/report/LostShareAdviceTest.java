package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** The lost-events fix follows the share lost: a bigger buffer for a few percent, less load for a sustained loss. */
class LostShareAdviceTest {
    @TempDir Path tmp;

    @Test
    void aSustainedLossIsNotSentToABiggerBuffer() {
        String small = WarningKind.LOST_EVENTS.fixFor("ftrace", Map.of("bufferSizeKb", "128"), 0.02);
        assertTrue(small.contains("bufferSizeKb: 512"), small);
        String sustained = WarningKind.LOST_EVENTS.fixFor("ftrace", Map.of("bufferSizeKb", "128"), 0.80);
        assertTrue(sustained.startsWith("lower the load (--workers) or trace less") && sustained.contains("80%")
                && !sustained.contains("bufferSizeKb: 512"), sustained);
        String bpf = WarningKind.LOST_EVENTS.fixFor("bpftrace", Map.of("perfRbPages", "1"), 0.9);
        assertTrue(bpf.contains("mode: counts") && !bpf.contains("so 4)"), bpf);
        assertEquals(WarningKind.LOST_EVENTS.fixFor("ftrace", Map.of()), WarningKind.LOST_EVENTS.fixFor("ftrace", Map.of(), Double.NaN),
                "unknown share: the buffer advice as before");
    }

    @Test
    void reportComputesTheShareFromTheTrialsEvents() throws IOException {
        Path dir = Fixtures.copyTo(tmp);
        // as the audit's r2/004 ftrace trial: 768955 syscalls lost against 193511 delivered, 80%
        for (String t : List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2", "007-strace-mixed-w1-r3")) {
            Path j = dir.resolve("trials").resolve(t).resolve("trial.json");
            String before = Files.readString(j);
            assertTrue(before.contains("\"lostEvents\": 0,") && !before.contains("\"events\""), t);
            Files.writeString(j, before.replaceFirst("\"lostEvents\": 0,", "\"lostEvents\": 768955, \"events\": 193511,"));
        }
        List<RunWarning> w = Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(x -> x.kind() == WarningKind.LOST_EVENTS).toList();
        assertEquals(1, w.size(), w.toString());
        String m = w.get(0).message();
        assertTrue(m.contains("events lost, 79.9% of the events)") && m.contains("lower the load"), m);
    }
}
