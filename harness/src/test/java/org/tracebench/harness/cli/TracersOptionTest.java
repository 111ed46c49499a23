package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Tracer;

/** run's --tracers replaces the suite's tracers; a plan with no tracer besides none is refused. */
class TracersOptionTest {
    @TempDir
    Path tmp;

    /** A registered backend that cannot run here. */
    private static final Tracer GHOST = new Tracer() {
        @Override public String name() { return "ghost"; }
        @Override public String description() { return "never available"; }
        @Override public Availability availability() { return Availability.unavailable("it is a test double", "none"); }
        @Override public Capabilities capabilities() { return TestTracers.named("none").capabilities(); }
    };

    private Executed run(String... args) {
        return Executed.run(new RunCommand(() -> {
            List<Tracer> r = new ArrayList<>(TestTracers.registry());
            r.add(GHOST);
            return r;
        }), args);
    }

    @Test
    void aPlanWithNothingAskedForLeftIsRefusedWithTheReasonButTheBaselineAloneOnPurposeRuns() throws Exception {
        Path suite = SuiteFixture.write(tmp, "cmp", List.of("strace"), "2s", 1);
        Executed empty = run(suite.toString(), "--dry-run", "--tracers", "");
        assertEquals(2, empty.code(), empty.out());
        assertEquals("No tracer left to compare against none: --tracers names no tracer. Name a tracer that runs here"
                + " (tracebench tracers lists them), or 'none' to measure the baseline alone; nothing was run.\n", empty.err());
        Executed none = run(suite.toString(), "--dry-run", "--tracers", "none");
        assertEquals(0, none.code(), "the baseline alone, on purpose (the machine's own noise): " + none.err());
        assertTrue(none.out().contains("per tracer: none 1\n"), none.out());
        Executed ghost = run(suite.toString(), "--dry-run", "--tracers", "ghost");
        assertEquals(2, ghost.code(), ghost.out());
        assertTrue(ghost.err().contains("No tracer left to compare against none: every other tracer is unavailable here"
                + " (ghost: it is a test double"), ghost.err());
        assertEquals("", ghost.out());
    }

    @Test
    void tracersReplacesTheSuitesListRefusesRepeatsAndAcceptsAll() throws Exception {
        Path suite = SuiteFixture.write(tmp, "rep", List.of("fatrace"), "2s", 1);
        Executed replaced = run(suite.toString(), "--dry-run", "--tracers", "strace");
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(replaced.out().contains("per tracer: none 1, strace 1\n"), replaced.out());
        Executed twice = run(suite.toString(), "--dry-run", "--tracers", "strace,strace");
        assertEquals(2, twice.code(), twice.out());
        assertEquals("The option --tracers names 'strace' twice; name each tracer once.\n", twice.err());
        Executed all = run(suite.toString(), "--dry-run", "--tracers", "all");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.err().contains("Skipping tracer ghost: it is a test double"), all.err());
        for (Tracer t : TestTracers.availableReal()) assertTrue(all.out().contains("-" + t.name() + "-tiny-task-"), t.name() + ": " + all.out());
        Executed mixed = run(suite.toString(), "--dry-run", "--tracers", "all,strace");
        assertEquals(2, mixed.code(), mixed.out());
        assertTrue(mixed.err().contains("'all' together with other names"), mixed.err());
        Executed typo = run(suite.toString(), "--dry-run", "--tracers", "alll");
        assertEquals(2, typo.code(), typo.out());
        assertTrue(typo.err().contains("Did you mean 'all'?"), typo.err());
        assertFalse(typo.err().contains("Exception"), typo.err());
    }

    @Test
    void aDryRunWithoutRootPlansATracerLackingOnlyRootButStillSkipsOneUnavailableForAnotherReason() throws Exception {
        org.tracebench.tracers.testing.Requirements.require(org.tracebench.tracers.proc.Probes.onPath("strace").isPresent(),
                "strace is not installed.");
        Path suite = SuiteFixture.write(tmp, "nr", List.of("strace"), "2s", 1);
        RunCommand notRoot = new RunCommand(() -> {
            List<Tracer> r = new ArrayList<>(RunPlanning.registeredTracers(false)); // probed as without root
            r.add(GHOST);
            return r;
        });
        notRoot.isRoot = () -> false;
        Executed r = Executed.run(notRoot, suite.toString(), "--dry-run", "--tracers", "strace,ghost");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Skipping tracer ghost: it is a test double"), r.err());
        assertFalse(r.err().contains("Skipping tracer strace"), r.err());
        assertTrue(r.out().contains("per tracer: none 1, strace 1\n  needs root: strace ("), r.out());
    }
}
