package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RatioEstimate;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** A paired run resumed between the two trials of a pair: the headline leaves that pair out and a warning names it. */
class PairsAcrossSessionsTest {
    @TempDir Path tmp;

    @Test
    void theHeadlineLeavesThePairOutAndTheWarningAndSummaryJsonNameIt() throws Exception {
        Path dir = Fixtures.pairedResumedAcrossPair(tmp);
        Analysis a = Analysis.of(ResultsReader.read(dir));
        RatioEstimate r = a.find("bpftrace", "mini", 1).throughputVsNone();
        Results res = a.results();
        double t7 = res.trials().get(6).throughputOpsPerSecond(), t8 = res.trials().get(7).throughputOpsPerSecond();
        assertEquals(t7 / t8, r.ratio(), 1e-12, "only the pair 007/008 ran in one session");
        List<RunWarning> ws = a.warnings().stream().filter(w -> w.kind() == WarningKind.PAIRS_ACROSS_SESSIONS).toList();
        assertEquals(1, ws.size(), a.warnings().toString());
        assertTrue(ws.get(0).message().contains("(1 pair left out: block 2: 006-bpftrace-mini-w1-r1 (session 2) with"
                + " 005-none-mini-w1-r1 (session 1))"), ws.get(0).message());
        assertTrue(ws.get(0).message().contains("tracebench run --resume " + dir), ws.get(0).message());

        Path f = tmp.resolve("summary.json");
        Files.write(f, Summaries.json(a));
        Map<?, ?> paired = (Map<?, ?>) JsonMaps.readObject(f).get("paired");
        assertEquals(List.of(Map.of("block", 2, "tracer", "006-bpftrace-mini-w1-r1", "baseline", "005-none-mini-w1-r1",
                "tracerSession", 2, "baselineSession", 1)), paired.get("pairsAcrossSessions"));
        List<?> pairs = (List<?>) ((Map<?, ?>) ((List<?>) paired.get("configurations")).get(0)).get("pairTrials");
        assertEquals(List.of(Map.of("block", 2, "tracer", "007-bpftrace-mini-w1-r1", "baseline", "008-none-mini-w1-r1")), pairs);
        assertTrue(Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir())).warnings().stream()
                .noneMatch(w -> w.kind() == WarningKind.PAIRS_ACROSS_SESSIONS), "one session: no warning");
    }
}
