package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** The lost-events warning's fix reads the trials' tracerOptions, so it never advises what they already use. */
class LostEventsWarningTest {
    @TempDir Path tmp;

    @Test void aBpftraceRunInCountsModeIsNotToldToUseCountsMode() throws Exception {
        Path dir = Fixtures.copyTo(tmp, Fixtures.pairedResultsDir());
        for (String t : List.of("006-bpftrace-mini-w1-r1", "007-bpftrace-mini-w1-r1")) {
            Path f = dir.resolve("trials").resolve(t).resolve("trial.json");
            String json = Files.readString(f).replace("\"lostEvents\": 0,", "\"lostEvents\": 7,")
                    .replace("\"tracerOptions\": {},", "\"tracerOptions\": {\"mode\": \"counts\", \"perfRbPages\": \"128\"},");
            Files.writeString(f, json);
        }
        List<RunWarning> lost = Analysis.of(ResultsReader.read(dir)).warnings().stream()
                .filter(w -> w.kind() == WarningKind.LOST_EVENTS).toList();
        assertEquals(1, lost.size(), lost.toString());
        String m = lost.get(0).message();
        assertTrue(m.contains("(14 events lost, ") && m.contains("128 pages per CPU in these trials, so 512"), m);
        assertTrue(!m.contains("mode: counts"), "the trials already ran in counts mode: " + m);
    }
}
