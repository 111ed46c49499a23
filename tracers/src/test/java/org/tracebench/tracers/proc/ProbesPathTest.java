package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.bpftrace.BpftraceTracer;
import org.tracebench.tracers.fatrace.FatraceTracer;
import org.tracebench.tracers.testing.Requirements;

/** Tracers and their version probes are found in the system directories when PATH lacks them (sudo, cron, systemd). */
class ProbesPathTest {
    /** Prints each backend's availability verdict, one line each: {@code name|available|version-or-reason}. */
    public static void main(String[] args) {
        for (org.tracebench.tracers.Tracer t : List.of(BpftraceTracer.tracepoints(), new FatraceTracer())) {
            Availability a = t.availability();
            System.out.println(t.name() + "|" + a.available() + "|" + (a.available() ? a.version().orElse("") : a.reason()));
        }
    }

    @Test
    void bpftraceAndFatraceAreFoundAndVersionedWithoutTheSystemDirsOnPath() throws Exception {
        Requirements.requireRoot();
        Requirements.require(Probes.onPath("bpftrace").isPresent() && Probes.onPath("fatrace").isPresent()
                && Probes.onPath("dpkg-query").isPresent(), "This test needs bpftrace, fatrace and dpkg-query installed.");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProbesPathTest.class.getName());
        pb.environment().put("PATH", "/nonexistent");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("bpftrace|true|v0."), "bpftrace found and versioned: " + lines);
        String fatraceVersion = Probes.dpkgVersion("fatrace").orElseThrow();
        assertEquals("fatrace|true|" + fatraceVersion + " (Debian package version)", lines.get(1), "fatrace's version from dpkg-query");
    }
}
