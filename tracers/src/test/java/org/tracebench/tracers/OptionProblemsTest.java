package org.tracebench.tracers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.bpftrace.BpftraceTracer;
import org.tracebench.tracers.fatrace.FatraceTracer;
import org.tracebench.tracers.ftrace.FtraceTracer;
import org.tracebench.tracers.strace.StraceTracer;

/** Each backend's option values are checked without starting anything, with the sentences its start fails with. */
class OptionProblemsTest {

    @Test
    void bpftraceNamesEachRefusedValue() {
        Tracer b = BpftraceTracer.tracepoints();
        assertEquals(Map.of(), b.optionProblems(Map.of("mode", "counts", "probes", "per-syscall", "perfRbPages", "8", "strLen", "64")));
        assertEquals(Map.of("mode", "The bpftrace option mode must be paths or counts, not 'bogus'.",
                "probes", "The bpftrace option probes must be raw or per-syscall, not 'both'.",
                "perfRbPages", "The bpftrace option perfRbPages must be a power of two, not 6.",
                "strLen", "The bpftrace option strLen must be a positive integer, not '-1'."),
                b.optionProblems(Map.of("mode", "bogus", "probes", "both", "perfRbPages", "6", "strLen", "-1")));
        assertEquals(Map.of("perfRbPages", "The bpftrace option perfRbPages must be a positive integer, not 'many'."),
                b.optionProblems(Map.of("perfRbPages", "many")));
    }

    @Test
    void ftraceRefusesABufferTheKernelCannotGiveBeforeTheRun() {
        String p = new FtraceTracer().optionProblems(Map.of("bufferSizeKb", "99999999")).get("bufferSizeKb");
        assertEquals(true, p != null && p.startsWith("The ftrace option bufferSizeKb asks for 99999999 KiB per CPU, "), p);
    }

    @Test
    void bpftraceNamesASentinelItsStrLenCannotReachButCountsModeNeedsNone() {
        Tracer b = BpftraceTracer.tracepoints();
        java.nio.file.Path s = java.nio.file.Path.of("/" + "d".repeat(60) + "/q-20261207-160000/trials/002-bpftrace-m-w1-r1/.sentinel");
        String p = b.sentinelProblem(Map.of("strLen", "64"), s).orElseThrow();
        assertTrue(p.startsWith("The bpftrace option strLen 64 keeps only the first 63 bytes") && p.contains("give strLen 89 or more"), p);
        assertEquals(java.util.Optional.empty(), b.sentinelProblem(Map.of("mode", "counts", "strLen", "64"), s),
                "counts mode compares the sentinel in the kernel: strLen does not matter");
        assertEquals(java.util.Optional.empty(), b.sentinelProblem(Map.of(), s), "the default 128 reaches it");
        java.nio.file.Path far = java.nio.file.Path.of("/" + "d".repeat(200) + "/q/trials/002-bpftrace-m-w1-r1/.sentinel");
        String cap = b.sentinelProblem(Map.of(), far).orElseThrow();
        assertTrue(cap.contains("no strLen paths mode accepts (at most 152) is enough here") && !cap.contains("give strLen"), cap);
    }

    @Test
    void bpftraceRefusesTheStrLenValuesItsRunWouldFailOn() {
        // were accepted, and then bpftrace refused 1000 ("exceeds the current maximum of 200 bytes"), overflowed the
        // BPF stack at 200, and 2 kept one byte of each path
        Tracer b = BpftraceTracer.tracepoints();
        assertEquals("The bpftrace option strLen must be at most 200 in counts mode, not 1000: bpftrace refuses a larger BPFTRACE_STRLEN.",
                b.optionProblems(Map.of("mode", "counts", "strLen", "1000")).get("strLen"));
        for (String layout : new String[] {"raw", "per-syscall"}) {
            assertEquals("The bpftrace option strLen must be at most " + org.tracebench.tracers.bpftrace.BpftraceTracer.MAX_STRLEN_PATHS + " in paths mode, not 200:"
                    + " with a larger one the program's strings exceed the 512-byte BPF stack and bpftrace refuses to load it.",
                    b.optionProblems(Map.of("probes", layout, "strLen", "200")).get("strLen"));
        }
        assertEquals(Map.of(), b.optionProblems(Map.of("strLen", Integer.toString(org.tracebench.tracers.bpftrace.BpftraceTracer.MAX_STRLEN_PATHS))));
        assertEquals("The bpftrace option strLen must be at least 16, not 2: its programs keep strLen - 1 bytes of each"
                        + " path, too few to tell the harness's sentinel file (an absolute path in the results directory) from other files.",
                b.optionProblems(Map.of("strLen", "2")).get("strLen"));
        assertEquals(false, b.options().containsKey("sentinelPath"), "the harness gives the sentinel; a suite naming it is refused");
    }

    @Test
    void ftraceFatraceAndStraceNameEachRefusedValue() {
        assertEquals(Map.of(), new FtraceTracer().optionProblems(Map.of("bufferSizeKb", "256", "reader", "java")));
        assertEquals(Map.of("bufferSizeKb", "The ftrace option bufferSizeKb must be a positive integer, not '0'.",
                "reader", "The ftrace option reader must be cat or java, not 'dd'."),
                new FtraceTracer().optionProblems(Map.of("bufferSizeKb", "0", "reader", "dd")));
        assertEquals(Map.of(), new FatraceTracer().optionProblems(Map.of(FatraceTracer.OPT_POLL_MILLIS, "20")));
        for (String bad : new String[] {"20ms", "0", "-5", "1.5"}) { // 0 and -5 once became 1 ms silently
            assertEquals(Map.of("pollMillis", "The fatrace option pollMillis must be a whole number of milliseconds above 0, not '"
                    + bad + "'."), new FatraceTracer().optionProblems(Map.of(FatraceTracer.OPT_POLL_MILLIS, bad)));
        }
        Tracer strace = new StraceTracer();
        assertEquals(Map.of(), strace.optionProblems(Map.of("strsize", "64", "syscalls", "openat,close")));
        Map<String, String> bad = strace.optionProblems(Map.of("strsize", "lots", "syscalls", "openat,bogus"));
        assertEquals("The strace option strsize must be a number of bytes, not 'lots'.", bad.get("strsize"));
        assertEquals(true, bad.get("syscalls").startsWith("The strace option syscalls names 'bogus', which strace is not set up to trace"), bad.get("syscalls"));
        String typo = strace.optionProblems(Map.of("syscalls", "openat,chmodd")).get("syscalls");
        assertTrue(typo.startsWith("The strace option syscalls names 'chmodd', which strace is not set up to trace here."
                + " Did you mean 'chmod'? Choose from open, openat"), typo);
    }

    @Test
    void aStrLenProblemWithAnUnknownModeDoesNotNameTheUnknownMode() {
        Map<String, String> p = BpftraceTracer.tracepoints().optionProblems(Map.of("mode", "bogus", "strLen", "300"));
        assertEquals("The bpftrace option mode must be paths or counts, not 'bogus'.", p.get("mode"));
        assertEquals("The bpftrace option strLen must be at most 200, not 300: bpftrace refuses a larger BPFTRACE_STRLEN.",
                p.get("strLen"));
    }
}
