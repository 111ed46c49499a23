package org.tracebench.tracers.fatrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.testing.Fixtures;

/** Parses real, system-wide fatrace 0.17 output captured while TargetProcess (pid 11924) ran (fixtures/capture.sh). */
class FatraceParserTest {
    private static final int TARGET = 11924;
    private static final String DIR = "/tmp/tbcap.lA3zBb/";

    private static List<TraceEvent> parse(FatraceParser p, String text) throws IOException {
        List<TraceEvent> out = new ArrayList<>();
        p.parse(new StringReader(text), out::add);
        return out;
    }

    private static boolean has(List<TraceEvent> ev, int pid, FileOp op, String path) {
        return ev.stream().anyMatch(e -> e.pid() == pid && e.op() == op && path.equals(e.path()));
    }

    @Test
    void fixtureYieldsOneEventPerLetterWithPidAndPath() throws IOException {
        FatraceParser p = new FatraceParser();
        List<TraceEvent> ev = parse(p, Fixtures.text("fatrace.txt"));
        assertEquals(2100, p.lines());
        assertEquals(0, p.unparsedLines());
        assertEquals(6, p.unresolvedPaths(), "the bare '(deleted)' lines");
        // "CWO /.../run/data.txt": the write of Files.writeString, merged by fanotify
        for (FileOp op : List.of(FileOp.OPEN, FileOp.WRITE, FileOp.CLOSE)) {
            assertTrue(has(ev, TARGET, op, DIR + "run/data.txt"), op.toString());
        }
        assertTrue(has(ev, TARGET, FileOp.READ, DIR + "run/data.txt"));
        assertTrue(has(ev, TARGET, FileOp.OPEN, DIR + "sentinel"));
        TraceEvent cwo = ev.stream().filter(e -> e.pid() == TARGET && e.op() == FileOp.OPEN
                && (DIR + "run/data.txt").equals(e.path())).findFirst().orElseThrow();
        assertEquals("CWO", cwo.syscall());
        assertEquals(1795431652_523099000L, cwo.timestampNanos());
        // rename, link, symlink and mkdir are only directory events without the entry's name
        assertTrue(has(ev, TARGET, FileOp.RENAME, DIR + "run"), "'<>' on the directory");
        assertEquals(4, ev.stream().filter(e -> e.pid() == TARGET && e.op() == FileOp.OTHER
                && e.syscall().equals("+") && (DIR + "run").equals(e.path())).count(), "'+' x4: run dir, link, symlink, mkdir");
        assertTrue(ev.stream().noneMatch(e -> e.op() == FileOp.CHMOD || e.op() == FileOp.LINK));
        assertTrue(ev.stream().anyMatch(e -> e.pid() != TARGET), "system-wide: other processes are in the raw output");
        assertTrue(ev.stream().allMatch(TraceEvent::success));
    }

    @Test
    void unresolvedPathsAreCountedForTheTargetOnlyWhenAskedTo() throws IOException {
        String text = "ld(5): O device 8:2 inode 658203\n" + "java(7): C (deleted)\n" + "java(7): O device 8:2 inode 1\n"
                + "java(7): O /tmp/a\n";
        FatraceParser all = new FatraceParser();
        parse(all, text);
        assertEquals(3, all.unresolvedPaths());
        FatraceParser target = new FatraceParser(pid -> pid == 7);
        parse(target, text);
        assertEquals(2, target.unresolvedPaths(), "another process's unnamed file is not the target's loss");
    }

    @Test
    void aNewlineInAPathGivesAWrongPathAndOneUnparsedLine() throws IOException {
        FatraceParser p = new FatraceParser();
        List<TraceEvent> ev = parse(p, "java(7): O /w/data/new\nline.txt\n");
        assertEquals("/w/data/new", ev.get(0).path(), "what the harness cannot repair, it must count");
        assertEquals(1, p.unparsedLines());
        assertEquals(List.of("line.txt"), p.unparsedSamples());
    }

    @Test
    void truncatedLastLineAndGarbageAreCountedNotThrown() throws IOException {
        String whole = Fixtures.text("fatrace.txt");
        int all = parse(new FatraceParser(), whole).size();
        // the last line is "... java(11819): C   /root/.m2/.../plexus-20.pom": cut inside its path
        String cut = whole.substring(0, whole.length() - 10);
        FatraceParser p = new FatraceParser();
        List<TraceEvent> ev = parse(p, cut);
        assertEquals(1, p.unparsedLines());
        assertEquals(all - 1, ev.size(), "a path cut short is never reported");

        String garbage = whole + "fatrace: open_by_handle_at: Cannot allocate memory\n\u0000\u00ff\n"
                + "1795431653.591770 java(11819): \n" + "1795431653.591770 java(abc): O /x\n"
                + "1795431653.591770 java(1): Q /x\n" + "1795431653.591770 java(1): O   relative\n" + "\n";
        FatraceParser g = new FatraceParser();
        assertEquals(all, parse(g, garbage).size());
        assertEquals(7, g.unparsedLines());
    }

    @Test
    void bytesAndCharactersGiveTheSameEvents() throws IOException {
        String text = Fixtures.text("fatrace.txt") + "x(1): O /tmp/é ñ\n";
        List<TraceEvent> viaBytes = new ArrayList<>();
        new FatraceParser().parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                viaBytes::add);
        assertEquals(parse(new FatraceParser(), text), viaBytes);
        assertEquals("/tmp/é ñ", viaBytes.get(viaBytes.size() - 1).path());
    }

    @Test
    void oddCommandNamesAndDeletedSuffix() throws IOException {
        FatraceParser p = new FatraceParser();
        List<TraceEvent> ev = parse(p, "C2 CompilerThre(77): W /tmp/x (deleted)\n"
                + "12:13:15.000001 a(b) (9): RO /tmp/y\n" + "ld(5): O device 8:2 inode 658203\n");
        assertEquals(0, p.unparsedLines());
        assertEquals("/tmp/x", ev.get(0).path());
        assertEquals(-1, ev.get(0).timestampNanos());
        assertEquals(9, ev.get(1).pid());
        assertEquals((12 * 3600 + 13 * 60 + 15) * 1_000_000_000L + 1000, ev.get(1).timestampNanos());
        assertEquals(FileOp.READ, ev.get(2).op());
        assertNull(ev.get(3).path());
        assertEquals(1, p.unresolvedPaths());
    }

    @Test
    void aBareDeletedMarksTheEventsOfAFileGoneBeforeFatraceNamedIt() throws IOException {
        // fatrace 0.17 under a create-delete beside a read (audit 7): the unlinked file's open, a file still named
        // though deleted, the read file, and a file named by device and inode
        FatraceParser p = new FatraceParser();
        List<TraceEvent> ev = parse(p, "1796672945.254395 java(2804): CWO (deleted)\n"
                + "1796672945.608342 java(2804): CW  /var/tmp/tracebench-a7stress/run-1869-t4/out/scratch-0 (deleted)\n"
                + "1796672947.249884 java(2804): RCO /var/tmp/tracebench-a7stress/run-1869-t4/d/read-0.bin\n"
                + "ld(5): O device 8:2 inode 658203\n");
        assertEquals(0, p.unparsedLines());
        assertEquals(List.of(FileOp.OPEN, FileOp.WRITE, FileOp.CLOSE), ev.subList(0, 3).stream().map(TraceEvent::op).toList());
        assertTrue(ev.subList(0, 3).stream().allMatch(e -> e.deletedFile() && e.path() == null), ev.toString());
        assertTrue(ev.subList(3, ev.size()).stream().noneMatch(TraceEvent::deletedFile),
                "a path (with or without ' (deleted)') or a device and inode is no bare (deleted): " + ev);
        assertNull(ev.get(ev.size() - 1).path());
        assertEquals(2, p.unresolvedPaths());
    }
}
