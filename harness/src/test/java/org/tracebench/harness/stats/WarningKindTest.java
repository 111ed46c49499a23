package org.tracebench.harness.stats;

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
    void everyKindHasAProblemAndAFixAndAKebabCode() {
        for (WarningKind k : WarningKind.values()) {
            assertTrue(!k.problem().isBlank() && !k.fix().isBlank(), k.name());
            assertTrue(k.code().matches("[a-z]+(-[a-z]+)*"), k.code());
        }
    }
}
