package org.tracebench.tracers.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.testing.Fixtures;

class FtraceParserTest {

    static byte[] fixture(String name) {
        return Fixtures.bytes(name);
    }

    static List<TraceEvent> parse(byte[] data, FtraceParser p, int[] truncated) throws Exception {
        return Fixtures.parseLines(data, p::parse, truncated);
    }

    @Test
    void realSessionOutputParsesCompletelyIntoTheTargetsEvents() throws Exception {
        // Captured by FtraceIntegrationTest: target JVM 17126 ran the known ops; its child 17347 exec'd /bin/true.
        FtraceParser p = new FtraceParser();
        int[] truncated = new int[1];
        List<TraceEvent> events = parse(fixture("ftrace-session.txt"), p, truncated);
        assertEquals(0, p.unparsed());
        assertEquals(0, truncated[0]);
        Map<FileOp, Integer> counts = new EnumMap<>(FileOp.class);
        for (TraceEvent e : events) {
            assertTrue(e.pid() == 17126 || e.pid() == 17347, e.toString());
            counts.merge(e.op(), 1, Integer::sum);
        }
        for (FileOp op : List.of(FileOp.RENAME, FileOp.CHMOD, FileOp.LINK, FileOp.SYMLINK, FileOp.MKDIR)) {
            assertEquals(1, counts.get(op), op + " in " + counts);
        }
        assertTrue(counts.get(FileOp.OPEN) > 3);
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXEC && e.pid() == 17347 && e.path().equals("/bin/true")));
        assertTrue(events.stream().filter(e -> e.op() != FileOp.EXEC).allMatch(e -> e.path() == null), "no paths without eprobes");
        assertTrue(events.stream().allMatch(e -> e.timestampNanos() > 1_313_000_000_000L));
    }

    @Test
    void manualCaptureWithMultiWordThreadNamesParses() throws Exception {
        FtraceParser p = new FtraceParser();
        List<TraceEvent> events = parse(fixture("ftrace-known-ops.txt"), p, new int[1]);
        assertEquals(0, p.unparsed());
        assertTrue(events.stream().anyMatch(e -> e.pid() == 7504 && e.op() == FileOp.OPEN), "C1 CompilerThre-7518 (7504) is the JVM 7504");
        assertTrue(events.stream().anyMatch(e -> e.op() == FileOp.EXIT));
    }

    @Test
    void threadsWhoseTgidTheKernelDoesNotKnowYetAreMappedFromTheSeed() throws Exception {
        // real trace_pipe start: "<...>-13793 (-------)" until the kernel's tgid cache knows thread 13793 of 13792
        byte[] data = fixture("ftrace-unknown-tgid.txt");
        List<TraceEvent> unseeded = parse(data, new FtraceParser(), new int[1]);
        assertTrue(unseeded.stream().anyMatch(e -> e.pid() == 13793), "without a seed the thread id stands in");
        List<TraceEvent> seeded = parse(data, new FtraceParser(Map.of(13793, 13792)), new int[1]);
        assertTrue(seeded.stream().allMatch(e -> e.pid() == 13792), "every event belongs to the JVM 13792");
        FtraceParser learning = new FtraceParser();
        learning.parse("java-13793   (  13792) [000] .....  2458.1: sys_close -> 0x0");
        assertEquals(13792, learning.parse("<...>-13793   (-------) [000] .....  2458.2: sys_close -> 0x0").pid(),
                "a tid seen once with its tgid is remembered");
    }

    @Test
    void aStaleTgidFromARecycledPidDoesNotOverrideTheSeed() throws Exception {
        // real trace_pipe start: target thread 14876 of JVM 14874 first printed as "true-14876 (14876)", the comm and
        // tgid of an earlier /bin/true that had pid 14876; later lines show "java-14876 (14874)"
        byte[] data = fixture("ftrace-stale-tgid.txt");
        List<TraceEvent> unseeded = parse(data, new FtraceParser(), new int[1]);
        assertTrue(unseeded.stream().anyMatch(e -> e.pid() == 14876), "the stale tgid is what the kernel printed");
        List<TraceEvent> seeded = parse(data, new FtraceParser(Map.of(14876, 14874)), new int[1]);
        assertFalse(seeded.isEmpty());
        assertTrue(seeded.stream().filter(e -> e.timestampNanos() < 8_620_740_000_000L).allMatch(e -> e.pid() == 14874),
                "the seeded tgid wins over the stale one: " + seeded);
    }

    @Test
    void truncatedLastLineIsCountedNotParsed() throws Exception {
        byte[] full = fixture("ftrace-session.txt");
        FtraceParser whole = new FtraceParser();
        int n = parse(full, whole, new int[1]).size();
        String text = new String(full, StandardCharsets.UTF_8);
        int lastLineStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        byte[] cut = text.substring(0, lastLineStart + 40).getBytes(StandardCharsets.UTF_8);
        FtraceParser p = new FtraceParser();
        int[] truncated = new int[1];
        List<TraceEvent> events = parse(cut, p, truncated);
        assertEquals(1, truncated[0]);
        assertTrue(events.size() == n || events.size() == n - 1);
        assertEquals(0, p.unparsed());
        // the same cut line fed directly (a reader that does not hold back partial lines) is garbage, not an event
        FtraceParser direct = new FtraceParser();
        assertNull(direct.parse(text.substring(lastLineStart, lastLineStart + 40)));
        assertEquals(1, direct.unparsed());
    }

    @Test
    void garbageIsCountedAndLostMarkersSummed() {
        FtraceParser p = new FtraceParser();
        for (String g : List.of("hello", "\u0000\u0001\u0002", "   x [", "java-12 (  12) [000] ..... 1.5: sys_read -> 0xzz",
                "java-12 (  12) [000] ..... notatime: sys_read -> 0x1", "-- [0]", "java-1 (1) [000] ..... 1.0: mystery_event: x=1")) {
            assertNull(p.parse(g), g);
        }
        assertEquals(7, p.unparsed());
        assertNull(p.parse("CPU:1 [LOST 42 EVENTS]"));
        assertNull(p.parse(""));
        assertEquals(42, p.lostInStream());
        assertEquals(7, p.unparsed());
        assertEquals(List.of("hello", "\u0000\u0001\u0002", "   x [", "java-12 (  12) [000] ..... 1.5: sys_read -> 0xzz",
                "java-12 (  12) [000] ..... notatime: sys_read -> 0x1"), p.unparsedSamples(),
                "the first five, for trial.json's parsing.unparsedSamples, which the unparsed-output warning points to");
    }

    @Test
    void failuresSignedReturnsAndLinesWithoutTgid() {
        FtraceParser p = new FtraceParser();
        TraceEvent e = p.parse("            java-42    (     40) [001] .....   10.000001: sys_openat -> 0xfffffffffffffffe");
        assertEquals(new TraceEvent(10_000_001_000L, 40, FileOp.OPEN, "openat", null, null, false), e);
        TraceEvent noTgid = p.parse("bash-1234 [001] d..1. 12.5: sys_close -> 0x0");
        assertEquals(1234, noTgid.pid());
        assertEquals(12_500_000_000L, noTgid.timestampNanos());
        assertNull(p.parse("bash-1234 [001] ..... 12.6: sys_clone3 -> 0x0"), "the child's return of clone3 is not a fork");
        assertEquals(FileOp.FORK, p.parse("bash-1234 [001] ..... 12.6: sys_clone3 -> 0x4d3").op());
        assertNull(p.parse("bash-1234 [001] ..... 12.6: sys_execve -> 0x0"), "successful exec comes from sched_process_exec");
        assertFalse(p.parse("bash-1234 [001] ..... 12.6: sys_execve -> 0xfffffffffffffffe").success());
        assertEquals(0, p.unparsed());
    }

    @Test
    void anExecIsThePidItsEventNamesNotAStaleTgidOnTheLineHead() {
        // seen in a quick.yaml trial: a vfork child's exec printed with the tgid of an earlier process of that pid
        FtraceParser p = new FtraceParser();
        TraceEvent e = p.parse("            true-17347   (  16021) [001] .....  1313.407946: sched_process_exec: filename=/bin/true"
                + " pid=17347 old_pid=17347");
        assertEquals(new TraceEvent(1_313_407_946_000L, 17347, FileOp.EXEC, "execve", "/bin/true", null, true), e);
        assertEquals("/a b", p.parse("x-5 (5) [000] ..... 1.0: sched_process_exec: filename=/a b pid=5 old_pid=5").path());
        assertEquals(0, p.unparsed());
    }

    @Test
    void eprobePathsAttachToTheNextExitOfTheSameThread() {
        // eprobe output format per the kernel's Documentation/trace/eprobetrace.rst (this machine cannot create them)
        FtraceParser p = new FtraceParser();
        assertNull(p.parse("cat-9 (9) [000] ..... 1.0: tbpath_renameat2: (syscalls.sys_enter_renameat2) path=\"/a\" path2=\"/b\""));
        TraceEvent e = p.parse("cat-9 (9) [000] ..... 1.1: sys_renameat2 -> 0x0");
        assertEquals("/a", e.path());
        assertEquals("/b", e.path2());
        assertNull(p.parse("cat-9 (9) [000] ..... 1.2: sys_renameat2 -> 0x0").path(), "paths are used once");
    }

    @Test
    void eprobePathsKeepTheQuotesTheKernelPrintsUnescaped() {
        FtraceParser p = new FtraceParser();
        p.parse("cat-9 (9) [000] ..... 1.0: tbpath_renameat2: (syscalls.sys_enter_renameat2) path=\"/a \"x\"\" path2=\"/b\"c\"");
        TraceEvent e = p.parse("cat-9 (9) [000] ..... 1.1: sys_renameat2 -> 0x0");
        assertEquals("/a \"x\"", e.path());
        assertEquals("/b\"c", e.path2());
        p.parse("cat-9 (9) [000] ..... 1.2: tbpath_openat: (syscalls.sys_enter_openat) path=\"/r\u00e9s\"u\\l\tts/.sentinel\"");
        assertEquals("/r\u00e9s\"u\\l\tts/.sentinel", p.parse("cat-9 (9) [000] ..... 1.3: sys_openat -> 0x3").path());
        assertEquals(0, p.unparsed());
    }
}
