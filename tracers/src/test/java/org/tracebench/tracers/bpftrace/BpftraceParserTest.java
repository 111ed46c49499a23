package org.tracebench.tracers.bpftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.sys.SyscallNumbers;
import org.tracebench.tracers.sys.TracedSyscalls;
import org.tracebench.tracers.testing.Fixtures;

class BpftraceParserTest {

    static byte[] fixture(String name) {
        return Fixtures.bytes(name);
    }

    static List<TraceEvent> parse(byte[] data, BpftraceParser p, int[] truncated) throws Exception {
        return Fixtures.parseLines(data, p::parse, truncated);
    }

    @Test
    void realCgroupModeOutputHasEveryKnownOpWithItsPaths() throws Exception {
        BpftraceParser p = new BpftraceParser();
        int[] truncated = new int[1];
        List<TraceEvent> events = parse(fixture("bpftrace-cgroup.txt"), p, truncated);
        assertEquals(0, p.unparsed());
        assertEquals(0, truncated[0]);
        String dir = "/tmp/junit-10685849928484236445/ops/";
        assertTrue(events.contains(new TraceEvent(1263494870212L, 15871, FileOp.RENAME, "rename", dir + "data.txt", dir + "renamed.txt", true)));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.CHMOD && e.path().equals(dir + "renamed.txt")));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.LINK && e.path2().equals(dir + "hard.txt")));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.SYMLINK && e.path2().equals(dir + "soft.txt")));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.MKDIR && e.path().equals(dir + "subdir")));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && e.pid() == 15917 && "/bin/true".equals(e.path()) && e.success()));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.STAT && !e.success()), "statx -2 is a failure");
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.FORK && e.pid() == 15871 && e.syscall().equals("clone3")));
        assertTrue(events.stream().noneMatch(e -> e.op() == FileOp.FORK && e.pid() == 15917), "child side of clone3 skipped");
        assertEquals(0, p.emptyExecPaths());
    }

    @Test
    void realOutputWithSchedProcessExecLinesParses() throws Exception {
        // the current script: execve names at enter (E) plus sched_process_exec (X) as a fallback
        BpftraceParser p = new BpftraceParser();
        List<TraceEvent> events = parse(fixture("bpftrace-cgroup-schedexec.txt"), p, new int[1]);
        assertEquals(0, p.unparsed());
        assertEquals(0, p.emptyExecPaths());
        assertEquals(2, events.stream().filter(e -> e.op() == FileOp.EXEC).count(), "jspawnhelper and /bin/true, once each");
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && "/bin/true".equals(e.path())));
    }

    @Test
    void realPidMapOutputParses() throws Exception {
        BpftraceParser p = new BpftraceParser();
        List<TraceEvent> events = parse(fixture("bpftrace-pidmap.txt"), p, new int[1]);
        assertEquals(0, p.unparsed());
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.RENAME));
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && "/bin/true".equals(e.path())));
    }

    @Test
    void realCountsOutputFillsTheCountMap() throws Exception {
        BpftraceParser p = new BpftraceParser();
        List<TraceEvent> events = parse(fixture("bpftrace-counts.txt"), p, new int[1]);
        assertTrue(events.isEmpty());
        assertEquals(0, p.unparsed());
        assertEquals(1L, p.counts().get("rename"));
        assertEquals(1L, p.counts().get("chmod"));
        assertEquals(2L, p.counts().get("execve"));
        assertEquals(15L, p.counts().get("openat"));
    }

    @Test
    void realRawSyscallsOutputMapsNumbersToNames() throws Exception {
        // probes=raw on x86_64 in a cgroup: "#<nr>" in place of the name, E/X exec lines as before
        BpftraceParser p = new BpftraceParser(SyscallNumbers.X86_64);
        int[] truncated = new int[1];
        List<TraceEvent> events = parse(fixture("bpftrace-raw-cgroup.txt"), p, truncated);
        assertEquals(0, p.unparsed());
        assertEquals(0, truncated[0]);
        String dir = "/tmp/junit-13673807160197152405/ops/";
        assertTrue(events.contains(new TraceEvent(10764914016993L, 12715, FileOp.RENAME, "rename", dir + "data.txt", dir + "renamed.txt", true)));
        assertTrue(events.contains(new TraceEvent(10764915367138L, 12715, FileOp.CHMOD, "chmod", dir + "renamed.txt", null, true)));
        assertTrue(events.contains(new TraceEvent(10764915460377L, 12715, FileOp.LINK, "link", dir + "renamed.txt", dir + "hard.txt", true)));
        assertTrue(events.contains(new TraceEvent(10764915681547L, 12715, FileOp.SYMLINK, "symlink", dir + "renamed.txt", dir + "soft.txt", true)));
        assertTrue(events.contains(new TraceEvent(10764915870178L, 12715, FileOp.MKDIR, "mkdir", dir + "subdir", null, true)));
        assertTrue(events.contains(new TraceEvent(10764912319510L, 12715, FileOp.OPEN, "openat", dir + "data.txt", null, true)));
        assertTrue(events.contains(new TraceEvent(10764912718275L, 12715, FileOp.READ, "pread64", null, null, true)));
        assertTrue(events.contains(new TraceEvent(10764920083360L, 12759, FileOp.EXEC, "execve", "/bin/true", null, true)));
        assertTrue(events.contains(new TraceEvent(10764924574773L, 12715, FileOp.FORK, "clone3", null, null, true)));
        assertTrue(events.stream().noneMatch(e -> e.op() == FileOp.FORK && e.pid() == 12759), "child side of clone3 skipped");
        assertTrue(events.stream().anyMatch(e -> e.syscall().equals("newfstatat") && e.path() == null), "fstat by AT_EMPTY_PATH: no path");
        assertTrue(events.stream().noneMatch(e -> e.syscall().startsWith("#")));
        assertEquals(0, p.emptyExecPaths());
        List<TraceEvent> pidMap = parse(fixture("bpftrace-raw-pidmap.txt"), p, truncated);
        assertTrue(pidMap.stream().anyMatch(e -> e.op() == FileOp.RENAME && e.path2().endsWith("/ops/renamed.txt")));
        assertEquals(0, p.unparsed());
    }

    @Test
    void realRawCountsOutputMapsNumericKeysToNames() throws Exception {
        BpftraceParser p = new BpftraceParser(SyscallNumbers.X86_64);
        List<TraceEvent> events = parse(fixture("bpftrace-raw-counts.txt"), p, new int[1]);
        assertTrue(events.isEmpty());
        assertEquals(0, p.unparsed());
        assertEquals(1L, p.counts().get("rename"));
        assertEquals(1L, p.counts().get("chmod"));
        assertEquals(2L, p.counts().get("execve"));
        assertEquals(3L, p.counts().get("clone3"), "parent side only");
        assertEquals(13L, p.counts().get("openat"));
        assertTrue(p.counts().keySet().stream().allMatch(k -> TracedSyscalls.OPS.containsKey(k)), p.counts().toString());
    }

    @Test
    void unknownOrUnmappableNumbersAreUnparsed() {
        BpftraceParser p = new BpftraceParser(SyscallNumbers.X86_64);
        assertNull(p.parse("1\t2\t#9999\t0"));
        assertNull(p.parse("1\t2\t#\t0"));
        assertNull(p.parse("@c[9999]: 3"));
        assertEquals(3, p.unparsed());
        assertEquals(java.util.List.of("1\t2\t#9999\t0", "1\t2\t#\t0", "@c[9999]: 3"), p.samples(),
                "the unparsed-output warning tells the user to read them: they were always empty");
        BpftraceParser noTable = new BpftraceParser(null);
        assertNull(noTable.parse("1\t2\t#257\t3\t/etc/passwd"));
        assertEquals(1, noTable.unparsed());
        assertEquals("openat", noTable.parse("1\t2\topenat\t3\t/etc/passwd").syscall(), "names still parse without a table");
        assertEquals("openat", new BpftraceParser(SyscallNumbers.AARCH64).parse("1\t2\t#56\t3\t/etc/passwd").syscall());
    }

    @Test
    void realOutputWithTabsInPathsKeepsThemWhole() throws Exception {
        // sh in 'ta<TAB>b' opening 'tab<TAB>bed' and renaming it to 'x<TAB>y'; was split on every tab: '.../ta' as
        // the path, the rest of the first path as path2, nothing counted as unparsed
        BpftraceParser p = new BpftraceParser(SyscallNumbers.X86_64);
        List<TraceEvent> events = parse(fixture("bpftrace-raw-tabs.txt"), p, new int[1]);
        assertEquals(0, p.unparsed());
        String dir = "/tmp/junit-2293844018504669646/ta\tb/";
        assertTrue(events.contains(new TraceEvent(53146954824175L, 27713, FileOp.OPEN, "openat", dir + "tab\tbed", null, true)), events.toString());
        assertTrue(events.contains(new TraceEvent(53146957354473L, 27730, FileOp.RENAME, "renameat2", dir + "tab\tbed", dir + "x\ty", true)));
        assertTrue(events.stream().allMatch(e -> e.path() == null || e.path().startsWith("/")), events.toString());
    }

    @Test
    void aSecondPathWithoutItsEventLineIsCountedAsUnparsed() {
        BpftraceParser p = new BpftraceParser(SyscallNumbers.X86_64);
        assertNull(p.parse("P\t/a\tb"));
        assertNull(p.parse("b\tc"), "the rest of a path with a newline");
        assertEquals(2, p.unparsed(), "the P line and the broken line");
        TraceEvent e = p.parse("1\t2\t#82\t0\t/x");
        assertEquals("/x", e.path());
        assertNull(e.path2(), "the P line belongs to the line right after it only");
    }

    @Test
    void truncatedLastLineAndGarbageAreCountedNeverThrown() throws Exception {
        String text = new String(fixture("bpftrace-cgroup.txt"), StandardCharsets.UTF_8);
        int cut = text.indexOf("\trename\t") + 20;
        String data = text.substring(0, cut) + "\n\u0000garbage\tline\n12\t34\n@c[x: 5\n-1\t2\trename\t0\t/a\n1\t2\tnosuch\t0\n"
                + "1\t2\tread\t12345678901234567890\n" + text.substring(cut + 1, cut + 30);
        BpftraceParser p = new BpftraceParser();
        int[] truncated = new int[1];
        List<TraceEvent> events = parse(data.getBytes(StandardCharsets.UTF_8), p, truncated);
        assertEquals(1, truncated[0]);
        assertEquals(6, p.unparsed(), "the 6 bad lines are counted (the cut rename line is a complete line with a short path)");
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.RENAME));
    }

    @Test
    void execEnterAndExitArePairedByPid() {
        BpftraceParser p = new BpftraceParser();
        assertNull(p.parse("1\t50\texecve\tE\t"));
        TraceEvent e = p.parse("2\t50\texecve\t0");
        assertNull(e.path(), "fork+exec children's empty file name");
        assertEquals(1, p.emptyExecPaths());
        assertNull(p.parse("1\t60\texecve\tE\t"));
        assertNull(p.parse("1\t60\texecve\tX\t/usr/bin/env"));
        assertEquals("/usr/bin/env", p.parse("2\t60\texecve\t0").path(), "sched_process_exec fills in the empty name");
        assertNull(p.parse("1\t61\texecve\tE\t/bin/sh"));
        assertNull(p.parse("1\t61\texecve\tX\t/usr/bin/dash"));
        assertEquals("/bin/sh", p.parse("2\t61\texecve\t0").path(), "the name as passed wins when it was readable");
        assertEquals(1, p.emptyExecPaths());
        assertNull(p.parse("3\t51\texecve\tE\t/bin/sh"));
        TraceEvent failed = p.parse("4\t51\texecve\t-2");
        assertEquals("/bin/sh", failed.path());
        assertTrue(!failed.success());
        assertEquals(FileOp.OPEN, p.parse("5\t52\tfile_open\t0\t/etc/passwd").op(), "the LSM variant's lines");
    }

    @Test
    void lostLinesOnStdoutAreSummed() throws Exception {
        // bpftrace 0.17 with BPFTRACE_PERF_RB_PAGES=1 under a python open() loop: Lost lines between events, on stdout
        BpftraceParser p = new BpftraceParser();
        List<TraceEvent> events = parse(fixture("bpftrace-lost.txt"), p, new int[1]);
        assertEquals(1113, p.lost());
        assertEquals(1993, events.size());
        assertEquals(0, p.unparsed());
    }

    @Test
    void sessionScanOfTheOutputFindsTheSameLoss(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path f = tmp.resolve("out.txt");
        java.nio.file.Files.write(f, fixture("bpftrace-lost.txt"));
        assertEquals(1113, BpftraceSession.lostInOutput(f));
        java.nio.file.Files.writeString(f, "Lost 5 events\n" + "1\t2\tread\t3\n".repeat(30000) + "Lost 7 events\nLost 1");
        assertEquals(13, BpftraceSession.lostInOutput(f), "first line, across 64 KiB blocks, and a cut last line");
    }

    @Test
    void lostEventsLine() {
        assertEquals(123, BpftraceParser.lostEvents("Lost 123 events"));
        assertEquals(-1, BpftraceParser.lostEvents("Attaching 3 probes..."));
    }
}
