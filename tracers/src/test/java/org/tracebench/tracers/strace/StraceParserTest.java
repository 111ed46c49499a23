package org.tracebench.tracers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.testing.Fixtures;

/** Parses real strace 6.1 output captured from TargetProcess and a shell workload (fixtures/capture.sh). */
class StraceParserTest {
    private static final String RUN = "/tmp/tbcap.lA3zBb/run/";
    private static final String SH = "/tmp/tbcap.lA3zBb/sh/";

    private static List<TraceEvent> parse(StraceParser p, String text) throws IOException {
        List<TraceEvent> out = new ArrayList<>();
        p.parse(new StringReader(text), out::add);
        return out;
    }

    private static TraceEvent only(List<TraceEvent> events, Predicate<TraceEvent> p) {
        List<TraceEvent> hits = events.stream().filter(p).toList();
        assertEquals(1, hits.size(), "expected exactly one matching event, got " + hits);
        return hits.get(0);
    }

    private static boolean has(List<TraceEvent> events, FileOp op, String path) {
        return events.stream().anyMatch(e -> e.op() == op && path.equals(e.path()));
    }

    @Test
    void attachFixtureYieldsTheTargetsKnownOps() throws IOException {
        StraceParser p = new StraceParser("/tmp/tbcap.lA3zBb");
        List<TraceEvent> ev = parse(p, Fixtures.text("strace-attach.txt"));
        assertEquals(0, p.unparsedLines(), "every line of real output is understood");
        assertEquals(318, p.lines());
        assertTrue(p.skippedLines() > 0, "+++ exited lines are recognised");
        for (FileOp op : List.of(FileOp.OPEN, FileOp.WRITE, FileOp.CLOSE, FileOp.READ)) {
            assertTrue(has(ev, op, RUN + "data.txt"), op + " of data.txt");
        }
        TraceEvent rename = only(ev, e -> e.op() == FileOp.RENAME);
        assertEquals(RUN + "data.txt", rename.path());
        assertEquals(RUN + "renamed.txt", rename.path2());
        assertEquals(11926, rename.pid());
        assertEquals(1795431652_525995000L, rename.timestampNanos());
        assertTrue(has(ev, FileOp.CHMOD, RUN + "renamed.txt"));
        TraceEvent link = only(ev, e -> e.op() == FileOp.LINK);
        assertEquals(RUN + "hard.txt", link.path2());
        TraceEvent sym = only(ev, e -> e.op() == FileOp.SYMLINK);
        assertEquals(RUN + "renamed.txt", sym.path());
        assertEquals(RUN + "soft.txt", sym.path2());
        assertTrue(has(ev, FileOp.MKDIR, RUN + "subdir"));
        TraceEvent exec = only(ev, e -> e.op() == FileOp.EXEC && "/bin/true".equals(e.path()));
        assertEquals(11998, exec.pid(), "the exec'd child is followed");
        assertEquals(1795431652_537718000L, exec.timestampNanos(), "a resumed call keeps its start time");
        TraceEvent fork = only(ev, e -> e.op() == FileOp.FORK);
        assertEquals("clone3", fork.syscall());
        assertTrue(ev.stream().anyMatch(e -> e.op() == FileOp.OTHER && e.syscall().equals("clone3")),
                "thread creation (CLONE_THREAD) is not a fork");
        assertTrue(has(ev, FileOp.OPEN, "/tmp/tbcap.lA3zBb/sentinel"));
        TraceEvent missing = only(ev, e -> e.op() == FileOp.STAT && (RUN + "renamed.txt").equals(e.path()));
        assertFalse(missing.success(), "statx = -1 ENOENT is a failure");
        assertEquals(2, ev.stream().filter(e -> e.op() == FileOp.EXIT).count(), "exit_group of child and target");
    }

    @Test
    void unfinishedAndResumedCallsArePairedPerThread() throws IOException {
        StraceParser p = new StraceParser(null);
        List<TraceEvent> ev = parse(p, Fixtures.text("strace-attach.txt"));
        String limit = "/sys/fs/cgroup/memory/process_api/a162cfd7b67330f5226a67784f1d423a/memory.limit_in_bytes";
        List<TraceEvent> opens = ev.stream().filter(e -> e.op() == FileOp.OPEN && limit.equals(e.path())).toList();
        assertTrue(opens.stream().anyMatch(e -> e.pid() == 11938 && e.timestampNanos() == 1795431652_524231000L));
        assertTrue(opens.stream().anyMatch(e -> e.pid() == 11943 && e.timestampNanos() == 1795431652_524399000L));
        assertTrue(ev.stream().noneMatch(e -> e.syscall().contains("resumed") || e.syscall().contains("...")));
    }

    @Test
    void seccompFixtureResolvesRelativePathsViaDirfdAndCwd() throws IOException {
        StraceParser p = new StraceParser(null);
        List<TraceEvent> ev = parse(p, Fixtures.text("strace-seccomp.txt"));
        assertEquals(0, p.unparsedLines());
        assertTrue(has(ev, FileOp.OPEN, SH + "e.txt"), "openat(AT_FDCWD</dir>, \"e.txt\")");
        TraceEvent rename = only(ev, e -> e.op() == FileOp.RENAME);
        assertEquals("renameat2", rename.syscall());
        assertEquals(SH + "e.txt", rename.path());
        assertEquals(SH + "f.txt", rename.path2());
        assertTrue(has(ev, FileOp.CHMOD, SH + "f.txt"), "fchmodat");
        assertEquals(SH + "g.txt", only(ev, e -> e.op() == FileOp.LINK).path2());
        TraceEvent sym = only(ev, e -> e.op() == FileOp.SYMLINK);
        assertEquals(SH + "f.txt", sym.path(), "a relative symlink target points next to the link");
        assertEquals(SH + "h.txt", sym.path2());
        assertTrue(has(ev, FileOp.MKDIR, SH + "sub2"), "mkdir(\"sub2\") uses the cwd seen for that process");
        assertTrue(has(ev, FileOp.RMDIR, SH + "sub2"));
        assertTrue(has(ev, FileOp.UNLINK, SH + "g.txt"));
        assertTrue(has(ev, FileOp.FSYNC, SH + "f.txt"));
        assertTrue(has(ev, FileOp.TRUNCATE, SH + "f.txt"));
        assertTrue(has(ev, FileOp.READDIR, "/tmp/tbcap.lA3zBb/sh"));
        assertTrue(ev.stream().filter(e -> e.op() == FileOp.FORK).allMatch(e -> e.syscall().equals("vfork")));
        assertTrue(ev.stream().filter(e -> e.op() == FileOp.FORK).count() >= 10);
    }

    @Test
    void escapedNamesAreDecoded() throws IOException {
        StraceParser p = new StraceParser(null);
        List<TraceEvent> ev = parse(p, Fixtures.text("strace-odd-names.txt"));
        assertEquals(0, p.unparsedLines());
        assertTrue(has(ev, FileOp.OPEN, "/tmp/tb1/w/a) = b<c>,\"d"), "quotes, brackets and ' = ' inside a name");
        assertTrue(has(ev, FileOp.OPEN, "/tmp/tb1/w/é ñ\nnl"), "octal UTF-8 and \\n");
        assertTrue(has(ev, FileOp.STAT, "/tmp/tb1/w/é ñ\nnl"), "fd annotation with escapes");
    }

    @Test
    void truncatedLastLineAndGarbageAreCountedNotThrown() throws IOException {
        String whole = Fixtures.text("strace-attach.txt");
        StraceParser ref = new StraceParser(null);
        int all = parse(ref, whole).size();

        // end the text inside the target's final exit_group line, as a killed strace leaves it; only
        // "+++ exited" notices (no events) followed it
        String cut = whole.substring(0, whole.lastIndexOf("exit_group(0)") + 12);
        StraceParser p = new StraceParser(null);
        List<TraceEvent> ev = parse(p, cut);
        assertEquals(1, p.unparsedLines());
        assertEquals(all - 1, ev.size());

        String garbage = whole + "strace: Process 4242 attached\n\u0000\u0001\u00ff binary junk\n12 \n"
                + "1234 1795431652.1 openat(AT_FDCWD</x>, \"/never/finished\n" + "1234 notatime read(\n"
                + "<... read resumed>\n" + "+++ nonsense +++\n" + "\n" + "1234 1795431652.000001 x(\"\\\"\n";
        StraceParser g = new StraceParser(null);
        List<TraceEvent> gev = parse(g, garbage);
        assertEquals(all, gev.size());
        assertEquals(9, g.unparsedLines(), "each of the nine garbage lines");
    }

    @Test
    void callInterruptedByDetachIsReportedWithUnknownResult() throws IOException {
        // real line: strace got SIGINT while the target's main thread was blocked reading its control pipe
        StraceParser p = new StraceParser(null);
        List<TraceEvent> ev = parse(p, "14820 1795432682.583908 read(0<pipe:[1027920]>,  <detached ...>\n"
                + "14820 1795432682.583908 read(3</tmp/a>,  <detached ...>\n");
        assertEquals(0, p.unparsedLines());
        assertEquals(2, ev.size());
        assertEquals(FileOp.READ, ev.get(0).op());
        assertEquals(null, ev.get(0).path(), "a pipe is not a file");
        assertEquals("/tmp/a", ev.get(1).path());
    }

    @Test
    void bytesAndCharactersGiveTheSameEvents() throws IOException {
        for (String f : List.of("strace-attach.txt", "strace-seccomp.txt", "strace-odd-names.txt")) {
            String text = Fixtures.text(f);
            List<TraceEvent> viaBytes = new ArrayList<>();
            new StraceParser(null).parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    viaBytes::add);
            assertEquals(parse(new StraceParser(null), text), viaBytes, f);
        }
    }

    @Test
    void timestampsOfBothFormats() {
        assertEquals(1795431652_000001000L, StraceParser.parseTimestamp("1795431652.000001", 0, 17));
        assertEquals((12 * 3600 + 13 * 60 + 15) * 1_000_000_000L + 123_456_000L,
                StraceParser.parseTimestamp("12:13:15.123456", 0, 15));
        assertEquals(-1, StraceParser.parseTimestamp("12x", 0, 3));
    }
}
