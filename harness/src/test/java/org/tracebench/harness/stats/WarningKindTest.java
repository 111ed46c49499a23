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
        assertTrue(fatrace.contains("deleted before it could name them") && !fatrace.contains("bufferSizeKb") && !fatrace.contains("perfRbPages"), fatrace);
        assertEquals(WarningKind.LOST_EVENTS.fix(), WarningKind.LOST_EVENTS.fixFor(null));
        assertEquals(WarningKind.LOST_EVENTS.fix(), WarningKind.LOST_EVENTS.fixFor("sometracer"));
        assertTrue(!WarningKind.HIGH_VARIATION.fixFor("bpftrace").contains("strace"));
        assertTrue(WarningKind.HIGH_VARIATION.fixFor("strace-seccomp").contains("pinning"));
        assertEquals(WarningKind.NO_BASELINE.fix(), WarningKind.NO_BASELINE.fixFor("ftrace"));
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
