package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.SyscallNumbers;
import org.tracebench.tracers.testing.Requirements;
import org.tracebench.tracers.testing.TargetHandle;

/** Real bpftrace against a real target JVM. Set -Dtracebench.captureFixtures=DIR to keep the raw output. */
class BpftraceIntegrationTest {
    private static final BpftraceTracer TRACER = BpftraceTracer.tracepoints();

    @TempDir Path tmp;

    @Test
    void aShortGraceStillLetsBpftraceDetachEveryProbeAndExitCleanly() throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            Path sentinel = tmp.resolve("sentinel-grace");
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(60));
            TraceOutcome out = s.stop(Duration.ofMillis(200));
            assertEquals(0, out.exitCode(), "bpftrace was killed before it had detached its probes: " + out.stderrTail());
        }
    }

    @Test
    void detachGraceGrowsWithTheNumberOfProbes() {
        String two = "BEGIN { }\ntracepoint:syscalls:sys_enter_openat { }\ntracepoint:syscalls:sys_exit_openat { }\nEND { }\n";
        assertEquals(Duration.ofMillis(2_300), BpftraceSession.detachGrace(two));
        assertEquals(Duration.ofMillis(2_000), BpftraceSession.detachGrace("BEGIN { exit(); }\n"));
    }

    @Test
    void cgroupModeSeesKnownOpsWithPathsAndNothingElse() throws Exception {
        Requirements.requireAvailable(TRACER);
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        try (TargetHandle target = TargetHandle.start(); Cgroups.Cgroup cg = Cgroups.create("test-bpftrace")) {
            cg.addProcess(target.pid());
            runAndCheck(target, new Target(target.pid(), Optional.of(cg.dir())), "bpftrace-raw-cgroup.txt", Map.of());
        }
    }

    @Test
    void perSyscallLayoutInACgroupSeesKnownOpsWithPathsAndNothingElse() throws Exception {
        Requirements.requireAvailable(TRACER);
        Requirements.require(Cgroups.v2Root().isPresent(), "cgroup v2 is not mounted on this machine.");
        try (TargetHandle target = TargetHandle.start(); Cgroups.Cgroup cg = Cgroups.create("test-bpftrace")) {
            cg.addProcess(target.pid());
            String script = runAndCheck(target, new Target(target.pid(), Optional.of(cg.dir())), "bpftrace-cgroup.txt",
                    Map.of("probes", "per-syscall"));
            assertTrue(script.contains("tracepoint:syscalls:sys_exit_renameat2") && !script.contains("raw_syscalls"), script);
        }
    }

    @Test
    void defaultLayoutIsRawWhereTheArchitectureHasANumberTable() throws Exception {
        Requirements.requireAvailable(TRACER);
        Requirements.require(SyscallNumbers.current().isPresent(), "no syscall number table for os.arch " + System.getProperty("os.arch"));
        assertEquals("raw", BpftraceTracer.defaultLayout());
        assertTrue(TRACER.capabilities().notes().stream().anyMatch(n -> n.startsWith("Probe layout: raw")), TRACER.capabilities().notes().toString());
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            String script = Files.readString(tmp.resolve("work/tracebench.bt"));
            assertEquals(2, script.lines().filter(l -> l.startsWith("tracepoint:raw_syscalls:")).count(), script);
            assertFalse(script.contains("tracepoint:syscalls:"), script);
        }
        TracerException bad = assertThrows(TracerException.class,
                () -> TRACER.attach(new Target(1, Optional.empty()), tmp, Map.of("probes", "raw_syscalls")));
        assertTrue(bad.getMessage().contains("probes must be raw or per-syscall"), bad.getMessage());
    }

    @Test
    void pidMapModeSeesKnownOpsWithPathsAndNothingElse() throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start()) {
            runAndCheck(target, new Target(target.pid(), Optional.empty()), "bpftrace-raw-pidmap.txt", Map.of());
        }
    }

    /** Runs the known ops under bpftrace with {@code options}, checks what it saw, returns the program it ran. */
    private String runAndCheck(TargetHandle target, Target t, String fixtureName, Map<String, String> options) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ops"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        long tracerPid;
        List<TraceEvent> events = new ArrayList<>();
        long child;
        try (TraceSession s = TRACER.attach(t, tmp.resolve("work"), options);
             TargetHandle bystander = TargetHandle.start()) {
            tracerPid = s.pids().get(0);
            Path sentinel = tmp.resolve("sentinel-" + target.pid());
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(60));
            child = target.runKnownOps(dir);
            bystander.runKnownOps(other);
            Thread.sleep(300);
            TraceOutcome out = s.stop(Duration.ofSeconds(10));
            assertFalse(out.diedEarly(), "bpftrace ended before stop: " + out.stderrTail());
            assertEquals(0, out.exitCode(), "bpftrace exit code; stderr: " + out.stderrTail());
            assertEquals(0, out.lostEvents());
            s.events(events::add);
            capture(out.outputFiles().get(0), fixtureName);
        }
        Set<String> seen = new HashSet<>();
        for (TraceEvent e : events) {
            assertTrue(e.pid() == target.pid() || e.pid() == child, "event of another process: " + e);
            if (e.path() != null && e.path().startsWith(other.toString())) throw new AssertionError("bystander's op seen: " + e);
            if (e.path() != null) seen.add(e.op() + " " + e.path().replace(dir.toString(), "D") + (e.path2() == null ? "" : " " + e.path2().replace(dir.toString(), "D")));
        }
        for (String want : List.of("OPEN D/data.txt", "RENAME D/data.txt D/renamed.txt", "CHMOD D/renamed.txt",
                "LINK D/renamed.txt D/hard.txt", "SYMLINK D/renamed.txt D/soft.txt", "MKDIR D/subdir")) {
            assertTrue(seen.contains(want), want + " missing from " + seen);
        }
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && e.pid() == child && "/bin/true".equals(e.path())),
                "exec of the child /bin/true (pid " + child + ") missing");
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.WRITE && e.pid() == target.pid()));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.FORK && e.pid() == target.pid()));
        assertFalse(ProcessHandle.of(tracerPid).map(ProcessHandle::isAlive).orElse(false), "bpftrace still running after stop");
        return Files.readString(tmp.resolve("work/tracebench.bt"));
    }

    @Test
    void countsModeReportsPerSyscallCounts() throws Exception {
        // the default (raw) layout, the readiness probe matching the sentinel path in BPF
        countsModeReportsPerSyscallCounts(Map.of("mode", "counts"), tmp.resolve("sentinel-counts"), "bpftrace-raw-counts.txt");
    }

    @Test
    void perSyscallCountsModeReportsPerSyscallCounts() throws Exception {
        countsModeReportsPerSyscallCounts(Map.of("mode", "counts", "probes", "per-syscall"), tmp.resolve("sentinel-counts"),
                "bpftrace-counts.txt");
    }

    @Test
    void countsModeSeesASentinelLongerThanStrLenAndPrintsNothingElse() throws Exception {
        // was: a sentinel past str()'s 127 bytes was never recognised (60 s, trial invalid), and every open of the
        // window until the 16384th was printed as a readiness line
        Path deep = Files.createDirectories(tmp.resolve("results-for-a-camera-ready-paper-with-a-long-name/suite-20261207-144552"
                + "/trials/002-bpftrace-plain-w1-r1"));
        Path sentinel = deep.resolve(".sentinel");
        assertTrue(sentinel.toString().length() > 130, sentinel.toString());
        for (String layout : List.of("raw", "per-syscall")) {
            String out = countsModeReportsPerSyscallCounts(Map.of("mode", "counts", "probes", layout), sentinel, null);
            List<String> ready = out.lines().filter(l -> l.startsWith("SENTINEL\t")).toList();
            assertFalse(ready.isEmpty(), out);
            for (String l : ready) {
                assertTrue(BpftraceSession.isSentinel(l.substring(l.indexOf('\t', 9) + 1), sentinel.toString(), 127), l);
            }
        }
    }

    @Test
    void pathsModeSeesASentinelLongerThanStrLen() throws Exception {
        Requirements.requireAvailable(TRACER);
        Path sentinel = Files.createDirectories(tmp.resolve("x".repeat(80)).resolve("y".repeat(40))).resolve(".sentinel");
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty(), Optional.of(sentinel)), tmp.resolve("work"), Map.of())) {
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(20));
            assertEquals(0, s.stop(Duration.ofSeconds(10)).exitCode());
        }
        TracerException tooShort = assertThrows(TracerException.class, () -> TRACER.attach(
                new Target(1, Optional.empty(), Optional.of(sentinel)), tmp.resolve("w2"), Map.of("strLen", "64")));
        assertTrue(tooShort.getMessage().startsWith("The bpftrace option strLen 64 keeps only the first 63 bytes of each path,"
                + " too few to tell the sentinel " + sentinel), tooShort.getMessage());
    }

    /** Runs the known ops in counts mode with the sentinel given at attach; returns bpftrace's output. */
    private String countsModeReportsPerSyscallCounts(Map<String, String> options, Path sentinel, String fixtureName) throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty(), Optional.of(sentinel)),
                     Files.createTempDirectory(tmp, "work"), options)) {
            s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(60));
            Path ops = Files.createTempDirectory(tmp, "ops");
            target.runKnownOps(ops);
            TraceOutcome out = s.stop(Duration.ofSeconds(10));
            assertEquals(0, out.exitCode(), String.join("\n", out.stderrTail()));
            assertEquals(0, out.lostEvents());
            List<TraceEvent> events = new ArrayList<>();
            s.events(events::add);
            if (fixtureName != null) capture(out.outputFiles().get(0), fixtureName);
            for (FileOp op : List.of(FileOp.RENAME, FileOp.CHMOD, FileOp.LINK, FileOp.SYMLINK, FileOp.MKDIR, FileOp.EXEC)) {
                assertTrue(events.stream().anyMatch(e -> e.op() == op), op + " not counted");
            }
            assertTrue(events.stream().allMatch(e -> e.path() == null));
            String text = Files.readString(out.outputFiles().get(0));
            assertFalse(text.contains(ops + "/"), "the known ops' opens were printed: " + text);
            return text;
        }
    }

    @Test
    void killedTracerIsReportedWithItsStderrAndCleanedUp() throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start()) {
            TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of());
            long pid;
            try (s) {
                Path sentinel = tmp.resolve("sentinel-kill");
                s.awaitReady(new Sentinel(sentinel, () -> target.sentinel(sentinel)), Duration.ofSeconds(60));
                pid = s.pids().get(0);
                new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                ProcessHandle.of(pid).ifPresent(ph -> ph.onExit().join());
                assertFalse(s.alive());
                TraceOutcome out = s.stop(Duration.ofSeconds(5));
                assertTrue(out.diedEarly(), "a SIGKILLed tracer must be reported as died early");
                assertNotEquals(0, out.exitCode());
                assertFalse(out.stderrTail().isEmpty(), "the stderr tail is reported (bpftrace's RLIMIT warning at least)");
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void awaitReadyFailsClearlyWhenTheSentinelNeverComes() throws Exception {
        Requirements.requireAvailable(TRACER);
        try (TargetHandle target = TargetHandle.start();
             TraceSession s = TRACER.attach(new Target(target.pid(), Optional.empty()), tmp.resolve("work"), Map.of())) {
            TracerException e = assertThrows(TracerException.class,
                    () -> s.awaitReady(new Sentinel(tmp.resolve("never-created"), () -> { }), Duration.ofSeconds(3)));
            assertTrue(e.getMessage().contains("did not report the sentinel"), e.getMessage());
        }
    }

    @Test
    void smallRingBufferLosesEventsAndSaysSo() throws Exception {
        Requirements.requireAvailable(TRACER);
        Path sentinel = tmp.resolve("flood-sentinel");
        // a shell opening files in a loop without forking: an openat flood from one pid
        Process flood = new ProcessBuilder("sh", "-c", "while :; do : < /etc/hostname; : > " + sentinel + "; done").start();
        try (TraceSession s = TRACER.attach(new Target(flood.pid(), Optional.empty()), tmp.resolve("work"), Map.of("perfRbPages", "1"))) {
            s.awaitReady(new Sentinel(sentinel, () -> { }), Duration.ofSeconds(60));
            Thread.sleep(2000);
            TraceOutcome out = s.stop(Duration.ofSeconds(10));
            BpftraceParser p = new BpftraceParser();
            org.tracebench.tracers.proc.CompleteLines.forEach(out.outputFiles().get(0), p::parse);
            assertTrue(out.lostEvents() > 0, "one ring-buffer page per CPU under a flood must lose events");
            assertEquals(p.lost(), out.lostEvents());
        } finally {
            flood.destroyForcibly().waitFor();
        }
        TracerException bad = assertThrows(TracerException.class,
                () -> TRACER.attach(new Target(1, Optional.empty()), tmp, Map.of("perfRbPages", "3")));
        assertTrue(bad.getMessage().contains("perfRbPages"), bad.getMessage());
    }

    @Test
    void pathsWithTabsKeepTheirTabs() throws Exception {
        // was: split on every tab, so 'tab<TAB>bed' was reported as 'tab' and a rename's second path was cut
        Requirements.requireAvailable(TRACER);
        Path dir = Files.createDirectories(tmp.resolve("ta\tb"));
        Path sentinel = dir.resolve("sentinel");
        Path stop = tmp.resolve("stop");
        Files.writeString(dir.resolve("tab\tbed"), "x\n");
        Process sh = new ProcessBuilder("sh", "-c", "cd '" + dir + "' && while [ ! -e '" + stop + "' ]; do : > \"$PWD/sentinel\";"
                + " sleep 0.05; done; : < \"$PWD/tab\tbed\"; mv \"$PWD/tab\tbed\" \"$PWD/x\ty\"").start();
        List<TraceEvent> events = new ArrayList<>();
        BpftraceParser parser = new BpftraceParser();
        try (TraceSession s = TRACER.attach(new Target(sh.pid(), Optional.empty(), Optional.of(sentinel)), tmp.resolve("work"), Map.of())) {
            s.awaitReady(new Sentinel(sentinel, () -> { }), Duration.ofSeconds(60));
            Files.createFile(stop);
            assertEquals(0, sh.waitFor());
            TraceOutcome out = s.stop(Duration.ofSeconds(10));
            org.tracebench.tracers.proc.CompleteLines.forEach(out.outputFiles().get(0), l -> {
                TraceEvent e = parser.parse(l);
                if (e != null) events.add(e);
            });
            capture(out.outputFiles().get(0), "bpftrace-raw-tabs.txt");
        } finally {
            sh.destroyForcibly().waitFor();
        }
        assertEquals(0, parser.unparsed());
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.OPEN && (dir + "/tab\tbed").equals(e.path())), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.RENAME && (dir + "/tab\tbed").equals(e.path())
                && (dir + "/x\ty").equals(e.path2())), events.toString());
    }

    @Test
    void countsModeNeedsTheSentinelAtAttach() {
        Requirements.requireAvailable(TRACER);
        TracerException e = assertThrows(TracerException.class,
                () -> TRACER.attach(new Target(1, Optional.empty()), tmp.resolve("w"), Map.of("mode", "counts")));
        assertTrue(e.getMessage().startsWith("bpftrace's counts mode needs the sentinel path when it attaches"), e.getMessage());
    }

    @Test
    void lsmVariantSaysWhyItCannotRun() {
        BpftraceTracer lsm = BpftraceTracer.lsm();
        if (!lsm.availability().available()) {
            assertTrue(lsm.availability().reason().contains("kfunc:security_file_open"), lsm.availability().reason());
            Requirements.requireRoot();
            // what was observed, never a guessed kernel option
            String why = lsm.availability().reason() + " Fix: " + lsm.availability().fixHint();
            assertFalse(why.contains("CONFIG_KPROBES"), why);
            org.tracebench.tracers.sys.Tracefs.find().flatMap(org.tracebench.tracers.sys.Tracefs::filterFunctionsProblem)
                    .ifPresent(p -> assertTrue(why.contains("reading it fails (" + p + ")"), why));
        }
        assertEquals("bpftrace-lsm", lsm.name());
        assertTrue(lsm.capabilities().sees(FileOp.OPEN));
        assertFalse(lsm.capabilities().sees(FileOp.CHMOD));
    }

    @Test
    void lsmReasonsNameTheObservedCausesAndTheFixEachNeeds() {
        var both = BpftraceTracer.lsmUnavailable("v0.17.0", "stdin:1:1-25: ERROR: kfunc/kretfunc not available for your kernel version.",
                "FATAL: Invalid probe type made it to attachpoint parser", Optional.of("operation not permitted"));
        assertEquals("bpftrace v0.17.0 cannot attach kfunc:security_file_open (stdin:1:1-25: ERROR: kfunc/kretfunc not"
                + " available for your kernel version.) nor lsm:file_open (FATAL: Invalid probe type made it to attachpoint"
                + " parser): bpftrace needs available_filter_functions to attach kfunc probes, and reading it fails"
                + " (operation not permitted); bpftrace v0.17.0's parser does not accept lsm: probes.", both.reason());
        assertEquals("a kernel that lets root read /sys/kernel/tracing/available_filter_functions (for kfunc probes), or a"
                + " bpftrace whose parser accepts lsm: probes", both.fixHint());
        var none = BpftraceTracer.lsmUnavailable("v0.20.0", "exit code 1", "exit code 1", Optional.empty());
        assertEquals("bpftrace v0.20.0 cannot attach kfunc:security_file_open (exit code 1) nor lsm:file_open (exit code 1).",
                none.reason());
        assertFalse(none.fixHint().contains("CONFIG_KPROBES"), none.fixHint());
    }

    static void capture(Path output, String name) throws java.io.IOException {
        String dir = System.getProperty("tracebench.captureFixtures");
        if (dir != null) Files.copy(output, Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
