package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tracebench.tracers.sys.SyscallNumbers;

/** Which probe layout is the default and how the capability note names it. */
class BpftraceLayoutTest {

    @Test
    void lsmListsOnlyTheOptionsItsOneProbeUses() {
        java.util.Map<String, String> lsm = BpftraceTracer.lsm().options();
        assertEquals(java.util.Set.of("perfRbPages", "strLen"), lsm.keySet(), lsm.toString());
        assertTrue(BpftraceTracer.tracepoints().options().keySet().containsAll(java.util.List.of("mode", "probes")));
    }

    @Test
    void countsModeReportsEveryKindWithoutPaths() {
        // were the paths mode's whatever the options, so a counts run reported pathRecall 0.0 instead of none
        BpftraceTracer b = BpftraceTracer.tracepoints();
        org.tracebench.tracers.Capabilities paths = b.capabilities(java.util.Map.of("mode", "paths"));
        org.tracebench.tracers.Capabilities counts = b.capabilities(java.util.Map.of("mode", "counts", "strLen", "64"));
        assertEquals(b.capabilities(), paths);
        assertEquals(b.capabilities(), b.capabilities(java.util.Map.of()));
        assertTrue(counts.withPath().isEmpty(), counts.toString());
        for (org.tracebench.tracers.FileOp op : org.tracebench.tracers.FileOp.values()) {
            assertEquals(paths.sees(op), counts.sees(op), op + " is seen in both modes");
        }
        assertTrue(counts.notes().get(0).startsWith("Mode counts:"), counts.notes().toString());
        assertEquals(BpftraceTracer.lsm().capabilities(), BpftraceTracer.lsm().capabilities(java.util.Map.of("mode", "counts")));
    }

    @Test
    void defaultFollowsTheArchitectureAndTheSystemPropertyOverridesIt() {
        String before = System.getProperty(BpftraceTracer.LAYOUT_PROPERTY);
        try {
            System.clearProperty(BpftraceTracer.LAYOUT_PROPERTY);
            String expected = SyscallNumbers.current().isPresent() ? "raw" : "per-syscall";
            assertEquals(expected, BpftraceTracer.defaultLayout());
            assertTrue(BpftraceTracer.layoutNote().startsWith("Probe layout: " + expected), BpftraceTracer.layoutNote());
            System.setProperty(BpftraceTracer.LAYOUT_PROPERTY, " per-syscall ");
            assertEquals("per-syscall", BpftraceTracer.defaultLayout());
            assertTrue(BpftraceTracer.layoutNote().startsWith("Probe layout: per-syscall (set by -Dtracebench.bpftrace.probes)"),
                    BpftraceTracer.layoutNote());
            assertTrue(BpftraceTracer.tracepointCapabilities().notes().contains(BpftraceTracer.layoutNote()));
        } finally {
            if (before == null) System.clearProperty(BpftraceTracer.LAYOUT_PROPERTY);
            else System.setProperty(BpftraceTracer.LAYOUT_PROPERTY, before);
        }
    }

    @Test
    void unknownArchitectureFallsBackToPerSyscallAndSaysWhy() {
        String arch = System.getProperty("os.arch");
        String before = System.getProperty(BpftraceTracer.LAYOUT_PROPERTY);
        try {
            System.clearProperty(BpftraceTracer.LAYOUT_PROPERTY);
            System.setProperty("os.arch", "riscv64");
            assertEquals("per-syscall", BpftraceTracer.defaultLayout());
            assertTrue(BpftraceTracer.layoutNote().startsWith("Probe layout: per-syscall: probes=raw needs a syscall number"
                    + " table, and there is none for os.arch 'riscv64'"), BpftraceTracer.layoutNote());
        } finally {
            System.setProperty("os.arch", arch);
            if (before != null) System.setProperty(BpftraceTracer.LAYOUT_PROPERTY, before);
        }
    }

    @Test
    void anUnknownSystemPropertyValueMakesTheBackendUnavailableAndSaysWhy() {
        String before = System.getProperty(BpftraceTracer.LAYOUT_PROPERTY);
        try {
            System.setProperty(BpftraceTracer.LAYOUT_PROPERTY, "bogus");
            BpftraceTracer b = BpftraceTracer.tracepoints();
            assertFalse(b.availability().available());
            assertEquals("The system property tracebench.bpftrace.probes must be raw or per-syscall, not 'bogus'.",
                    b.availability().reason());
            assertFalse(b.description().contains("bogus"), b.description());
        } finally {
            if (before == null) System.clearProperty(BpftraceTracer.LAYOUT_PROPERTY);
            else System.setProperty(BpftraceTracer.LAYOUT_PROPERTY, before);
        }
    }
}
