package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.TrialRow;

/** Kinds that each counted the same events without a path: over all kinds, each event is one operation at most. */
class UnmatchedEventsOverallTest {
    @TempDir Path tmp;

    private static final String KINDS = "\"completeness\": {"
            + "\"read\": {\"performed\": 10, \"seen\": 10, \"seenByPath\": 6, \"observable\": true, \"attribution\": \"path+count\"},"
            + "\"open\": {\"performed\": 10, \"seen\": 9, \"seenByPath\": 5, \"observable\": true, \"attribution\": \"path+count\"}}";

    @Test
    void theAllKindsShareIsTheMatchedOnesPlusTheUnmatchedEventsNotTheSumOfTheKindsBounds() throws IOException {
        Path r = results(", \"completenessUnmatchedEvents\": 4");
        Trial t = ResultsReader.read(r).trials().get(0);
        assertEquals(0.75, t.seenObservableRatio(), 1e-9, "(6 + 5 + 4) / 20, not 19 / 20");
        assertEquals(0.75, t.seenOverallRatio(), 1e-9);
        assertEquals(0.75, TrialRow.readAll(r).get(0).seenRatio(null), 1e-9);
        assertEquals(1.0, TrialRow.readAll(r).get(0).seenRatio(java.util.Set.of("read")), 1e-9, "one kind: its own bound");
    }

    @Test
    void resultsWrittenBeforeTheCountSumTheKinds() throws IOException {
        Path r = results("");
        assertEquals(0.95, ResultsReader.read(r).trials().get(0).seenObservableRatio(), 1e-9);
        assertEquals(0.95, TrialRow.readAll(r).get(0).seenRatio(null), 1e-9);
    }

    private Path results(String extra) throws IOException {
        Path t = Files.createDirectories(tmp.resolve("r" + extra.length() + "/trials/001-fatrace-mixed-w1-r1"));
        Files.writeString(t.resolve("trial.json"), "{\"status\": \"ok\", \"tracer\": \"fatrace\", \"workload\": \"mixed\","
                + " \"workers\": 1, \"repetition\": 1, \"throughputOpsPerSecond\": 100, " + KINDS + extra + "}");
        return t.getParent().getParent();
    }
}
