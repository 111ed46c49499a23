package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Tracer;

/**
 * A tracer that could not recognise its trials' sentinel files (bpftrace with a strLen too short for the results
 * path) is refused before anything runs: before, the baseline ran and then every one of its trials was invalid.
 */
class SentinelCheckTest {
    @TempDir Path tmp;

    /** Recognises sentinels of at most 90 bytes, as a short strLen would. */
    private static final Tracer SHORT_SIGHTED = new Tracer() {
        @Override public String name() { return "shortsighted"; }
        @Override public String description() { return "cuts paths at 90 bytes"; }
        @Override public Availability availability() { return Availability.ok("1"); }
        @Override public Capabilities capabilities() { return TestTracers.named("none").capabilities(); }
        @Override public Optional<String> sentinelProblem(Map<String, String> options, Path sentinel) {
            return sentinel.toString().length() > 90 ? Optional.of("Its path is too long.") : Optional.empty();
        }
    };

    private Executed run(String... args) {
        return Executed.run(new RunCommand(() -> {
            List<Tracer> r = new ArrayList<>(TestTracers.registry());
            r.add(SHORT_SIGHTED);
            return r;
        }), args);
    }

    @Test
    void aTracerThatCouldNotRecogniseItsSentinelIsRefusedBeforeTheRun() throws Exception {
        Path suite = SuiteFixture.write(tmp, "s", List.of("shortsighted"), "1s", 1);
        Path out = tmp.resolve("a-results-directory-long-enough-for-any-sentinel-to-pass-sixty-bytes");
        Executed r = run(suite.toString(), "--dry-run", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("shortsighted: Its path is too long. Nothing was run."), r.err());
        assertFalse(Files.exists(out), "nothing written");
        Executed shortOut = run(suite.toString(), "--dry-run", "--out", "/r");
        assertEquals(0, shortOut.code(), "/r/s-<timestamp>/trials/002-shortsighted-tiny-task-w1-r1/.sentinel is short enough: "
                + shortOut.err());
    }
}
