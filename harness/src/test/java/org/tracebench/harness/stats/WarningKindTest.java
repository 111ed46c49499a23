package org.tracebench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Tracers;

class WarningKindTest {
    @Test
    void theLostEventsFixNamesBufferOptionsTheBackendsReallyHave() {
        String fix = WarningKind.LOST_EVENTS.fix();
        assertTrue(fix.contains("ftrace's bufferSizeKb") && Tracers.byName("ftrace").options().containsKey("bufferSizeKb"), fix);
        assertTrue(fix.contains("bpftrace's perfRbPages") && Tracers.byName("bpftrace").options().containsKey("perfRbPages"), fix);
        assertTrue(Tracers.byName("fatrace").options().keySet().stream().noneMatch(k -> k.toLowerCase().contains("buf")),
                "fatrace has no buffer option, as the fix says: " + Tracers.byName("fatrace").options());
    }

    @Test
    void aBackendsFixNamesOnlyItsOwnOptionsAndTheyExist() {
        String ftrace = WarningKind.LOST_EVENTS.fixFor("ftrace");
        assertTrue(ftrace.contains("bufferSizeKb") && !ftrace.contains("perfRbPages") && !ftrace.contains("fatrace"), ftrace);
        for (String b : new String[] {"bpftrace", "bpftrace-lsm"}) {
            String fix = WarningKind.LOST_EVENTS.fixFor(b);
            assertTrue(fix.contains(b + "'s perf ring buffer") && !fix.contains("bufferSizeKb"), fix);
            assertTrue(Tracers.byName(b).options().containsKey("perfRbPages"), b);
            assertEquals(fix.contains("mode: counts"), Tracers.byName(b).options().containsKey("mode"), fix);
        }
        String fatrace = WarningKind.LOST_EVENTS.fixFor("fatrace");
        assertTrue(fatrace.contains("no buffer to enlarge") && !fatrace.contains("bufferSizeKb") && !fatrace.contains("perfRbPages"), fatrace);
        assertEquals(WarningKind.LOST_EVENTS.fix(), WarningKind.LOST_EVENTS.fixFor(null));
        assertEquals(WarningKind.LOST_EVENTS.fix(), WarningKind.LOST_EVENTS.fixFor("sometracer"));
        assertTrue(!WarningKind.HIGH_VARIATION.fixFor("bpftrace").contains("strace"));
        assertTrue(WarningKind.HIGH_VARIATION.fixFor("strace-seccomp").contains("pinning"));
        assertEquals(WarningKind.NO_BASELINE.fix(), WarningKind.NO_BASELINE.fixFor("ftrace"));
    }

    @Test
    void theLostEventsProblemSaysWhichWayTheSharesLeanForPathAndCountedShares() {
        String p = WarningKind.LOST_EVENTS.problem();
        assertTrue(p.contains("already count them as missed") && p.contains("marked ≤ stays an upper bound"), p);
        assertTrue(!p.contains("lower bound"), "a dropped event is already a miss in the seen share: " + p);
    }

    @Test
    void theLostEventsFixDoesNotAdviseWhatTheTrialsAlreadyUse() {
        String counts = new RunWarning(WarningKind.LOST_EVENTS, "bpftrace", "w", 1, "9 events lost")
                .withTracerOptions(java.util.Map.of("mode", "counts", "perfRbPages", "256")).fix();
        assertTrue(!counts.contains("mode: counts") && counts.contains("256 pages per CPU in these trials, so 1024"), counts);
        String paths = WarningKind.LOST_EVENTS.fixFor("bpftrace", java.util.Map.of("mode", "paths"));
        assertTrue(paths.contains("mode: counts") && paths.contains("default of 64 pages per CPU"), paths);
        String ftrace = WarningKind.LOST_EVENTS.fixFor("ftrace", java.util.Map.of("bufferSizeKb", "16384"));
        assertTrue(ftrace.contains("16384 KiB in these trials") && ftrace.contains("bufferSizeKb: 65536"), ftrace);
        assertTrue(WarningKind.LOST_EVENTS.fixFor("ftrace").contains("4096 KiB in these trials"));
        assertTrue(!WarningKind.LOST_EVENTS.fixFor("bpftrace-lsm").contains("mode"));
    }

    @Test
    void theBackendOfALabelIsItsNameBeforeTheVariant() {
        assertEquals("ftrace", org.tracebench.harness.suite.Suite.TracerSpec.backendOf("ftrace[bufferSizeKb=256]"));
        assertEquals("bpftrace", org.tracebench.harness.suite.Suite.TracerSpec.backendOf("bpftrace[counts, rb 64]"));
        assertEquals("strace-seccomp", org.tracebench.harness.suite.Suite.TracerSpec.backendOf("strace-seccomp"));
        assertEquals(null, org.tracebench.harness.suite.Suite.TracerSpec.backendOf(null));
    }

    @Test
    void everyKindHasAProblemAndAFixAndAKebabCode() {
        for (WarningKind k : WarningKind.values()) {
            assertTrue(!k.problem().isBlank() && !k.fix().isBlank(), k.name());
            assertTrue(k.code().matches("[a-z]+(-[a-z]+)*"), k.code());
        }
    }
}
