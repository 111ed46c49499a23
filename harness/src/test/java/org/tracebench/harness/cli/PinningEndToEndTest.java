package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.trial.CpuAffinity;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.testing.Requirements;

/** A suite with 'pinning: separate-cpus' as root under strace: every trial says (from /proc) where each side ran. */
class PinningEndToEndTest {
    @Test
    void separateCpusPutsTheTracerOnTheFirstCpuAndTheLoadOnTheOthers(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Tracer strace = TestTracers.named("strace");
        Requirements.requireAvailable(strace);
        List<Integer> allowed = CpuAffinity.allowedCpus();
        Requirements.require(allowed.size() >= 2, "separate CPUs need two; this process may use " + allowed);
        Path suite = SuiteFixture.write(tmp, "pinned", List.of("strace"), "1s", 1);
        Files.writeString(suite, Files.readString(suite) + "pinning: separate-cpus\n");
        Path out = tmp.resolve("out");
        Executed r = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + "\n" + r.err());
        Path results = RunEndToEndTest.onlyResultsDir(out);
        @SuppressWarnings("unchecked") Map<String, Object> asRun =
                (Map<String, Object>) RunEndToEndTest.json(results.resolve("manifest.json")).get("suiteAsRun");
        assertEquals("separate-cpus", asRun.get("pinning"));
        String others = CpuAffinity.format(allowed.subList(1, allowed.size()));
        for (Path t : RunEndToEndTest.trialDirs(results)) {
            Map<String, Object> trial = RunEndToEndTest.json(t.resolve("trial.json"));
            assertEquals("ok", trial.get("status"), t + ": " + trial.get("invalidReason"));
            @SuppressWarnings("unchecked") Map<String, Object> pin = (Map<String, Object>) trial.get("pinning");
            assertEquals("separate-cpus", pin.get("mode"), t.toString());
            assertEquals(others, pin.get("loadCpus"), t.toString());
            boolean none = t.getFileName().toString().contains("-none-");
            assertEquals(none ? "" : String.valueOf(allowed.get(0)), pin.get("tracerCpus"), t.toString());
            if (!none) { // and the placement samples agree: strace never found on the worker's CPU
                @SuppressWarnings("unchecked") Map<String, Object> pl = (Map<String, Object>) trial.get("cpuPlacement");
                assertTrue(pl != null && ((Number) pl.get("samples")).intValue() > 0, t + ": " + pl);
                assertEquals(0.0, ((Number) pl.get("share")).doubleValue(), t + ": " + pl);
            }
        }
        assertTrue(r.out().contains("Ran 2 trial(s)"), r.out());
    }
}
