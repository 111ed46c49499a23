package org.tracebench.harness.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.FidelityAnalysis;
import org.tracebench.harness.fidelity.TrialRow;
import org.tracebench.harness.report.Fixtures;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.suite.TrialSpec;

/**
 * A real paired run whose trial 006 (bpftrace, block 2, position 2) ran again in a resumed session, as run --resume did
 * before it ran pairs whole: its pair with 005 spans the resume, is left out and named, and the next resume runs both.
 */
class PairSessionsTest {
    @TempDir Path tmp;

    private Path resumedAcrossPair006() throws Exception {
        return Fixtures.pairedResumedAcrossPair(tmp);
    }

    @Test
    void aPairAcrossSessionsIsLeftOutAndNamed() throws Exception {
        Path dir = resumedAcrossPair006();
        PairSessions s = PairSessions.read(dir);
        assertEquals(List.of(new PairSessions.Split(2, "006-bpftrace-mini-w1-r1", "005-none-mini-w1-r1", 2, 1)), s.split());
        assertEquals(PairSessions.NONE, PairSessions.read(Fixtures.pairedResultsDir()), "one session: no split");

        PairedAnalysis.Config c = FidelityAnalysis.of(dir).paired().configs().get(0);
        assertEquals(1, c.throughput().n(), "only the pair 007/008 counts");
        List<TrialRow> rows = TrialRow.readAll(dir);
        double t7 = rows.get(6).throughput(), t8 = rows.get(7).throughput();
        assertEquals(t7 / t8, c.throughput().ratio(), 1e-12);
        assertEquals(2, FidelityAnalysis.of(Fixtures.pairedResultsDir()).paired().configs().get(0).throughput().n());
    }

    @Test
    void theNextResumeRunsBothTrialsOfThatPairAgain() throws Exception {
        Path dir = resumedAcrossPair006();
        List<TrialSpec> plan = new ArrayList<>();
        for (Object o : (List<?>) ((Map<?, ?>) ResultsDir.readJson(dir.resolve("manifest.json"))).get("plan")) {
            @SuppressWarnings("unchecked") Map<String, Object> e = (Map<String, Object>) o;
            plan.add(TrialSpec.fromMap(e));
        }
        assertEquals(List.of("005-none-mini-w1-r1", "006-bpftrace-mini-w1-r1"),
                ResultsDir.open(dir).toRun(plan).stream().map(TrialSpec::dirName).toList());
        assertEquals(List.of(), ResultsDir.open(Fixtures.copyTo(tmp.resolve("one"), Fixtures.pairedResultsDir())).toRun(plan));
    }
}
