package org.tracebench.tracers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.strace.StraceTracer;
import org.tracebench.tracers.testing.Requirements;

class TracersTest {

    @Test
    void registryListsEveryBackendOnceWithAnHonestVerdict() {
        List<Tracer> all = Tracers.all();
        List<String> names = Tracers.names(all);
        assertTrue(names.containsAll(List.of("none", "strace", "strace-seccomp", "fatrace")), names.toString());
        assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
        for (Tracer t : all) {
            Availability a = t.availability();
            if (a.available()) {
                assertEquals("", a.reason());
            } else {
                assertTrue(a.reason().endsWith("."), t.name() + ": the reason is a sentence: " + a.reason());
                assertTrue(!a.fixHint().isBlank(), t.name() + " says how to fix it");
            }
            assertTrue(!t.description().isBlank());
        }
    }

    @Test
    void byNameIsCaseInsensitiveAndSuggestsTheClosestName() {
        List<Tracer> all = Tracers.all();
        assertEquals("strace", Tracers.byName(all, "STRACE").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tracers.byName(all, "strce"));
        assertTrue(e.getMessage().contains("Did you mean 'strace'?"), e.getMessage());
        assertTrue(e.getMessage().contains("Known tracers: none, strace"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tracers.byName(all, "fa"));
        assertTrue(e.getMessage().contains("Did you mean 'fatrace'?"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tracers.byName(all, "dtrace-on-solaris"));
        assertTrue(!e.getMessage().contains("Did you mean"), e.getMessage());
    }

    @Test
    void distanceIsLevenshtein() {
        assertEquals(1, Tracers.distance("strace", "strce"));
        assertEquals(3, Tracers.distance("kitten", "sitting"));
        assertEquals(0, Tracers.distance("", ""));
    }

    @Test
    void withoutRootEveryTracerButNoneSaysItNeedsRoot() {
        for (Tracer t : Tracers.all(false)) {
            Availability a = t.availability();
            if (t.name().equals("none")) {
                assertTrue(a.available());
            } else if (a.available()) {
                org.junit.jupiter.api.Assertions.fail(t.name() + " claims to be available without root, though every run needs root: " + a);
            } else if (a.needsRoot()) {
                assertTrue(a.reason().contains("root"), t.name() + ": " + a.reason());
            }
        }
    }

    @Test
    void fatracesVersionIsLabelledAsThePackagesSinceFatracePrintsNone() {
        org.tracebench.tracers.fatrace.FatraceTracer fatrace = new org.tracebench.tracers.fatrace.FatraceTracer();
        Requirements.requireAvailable(fatrace);
        String v = fatrace.availability().version().orElseThrow();
        Requirements.require(org.tracebench.tracers.proc.Probes.dpkgVersion("fatrace").isPresent(), "dpkg does not know fatrace here.");
        assertEquals(org.tracebench.tracers.proc.Probes.dpkgVersion("fatrace").get() + " (Debian package version)", v);
    }

    @Test
    void straceReportsItsVersion() {
        StraceTracer strace = new StraceTracer();
        Requirements.requireAvailable(strace);
        assertTrue(strace.availability().version().orElse("").matches("\\d+\\.\\d+.*"), strace.availability().toString());
    }
}
