package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/** Which events count: paths as written, folded or real; failed calls; recall over every group with a path. */
class CompletenessPathsTest {
    private static final Capabilities STRACE_LIKE = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.STAT,
            FileOp.MKDIR, FileOp.UNLINK, FileOp.RMDIR), Set.of(), true, false, false, List.of());

    private static TraceEvent ev(FileOp op, String path, boolean success) {
        return new TraceEvent(-1, 10, op, op.name().toLowerCase(), path, null, success);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kind(CompletenessChecker c, String kind) {
        return (Map<String, Object>) c.completeness().get(kind);
    }

    /** The ground truth the load generator writes for a run in {@code root}, resolved while its files exist. */
    private static GroundTruth truth(Map<OpKind, org.tracebench.loadgen.result.GroundTruth.PathSet> ops) {
        Map<String, Object> json = new org.tracebench.loadgen.result.GroundTruth(10, List.of(), ops).withRealPaths().toJson();
        return GroundTruth.fromLoadResult(Map.of("groundTruth", json));
    }

    @Test
    void aSymlinkedRootAndDotsMatchWhatStraceAndFanotifyReport(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real/wr/data"));
        Files.writeString(real.resolve("a.bin"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real.getParent().getParent());
        String wr = link + "/wr";
        GroundTruth t = truth(Map.of(
                OpKind.READ, new org.tracebench.loadgen.result.GroundTruth.PathSet(3, List.of(wr + "/data/../data/a.bin"), false),
                OpKind.STAT, new org.tracebench.loadgen.result.GroundTruth.PathSet(2, List.of(wr + "/./data/a.bin"), false),
                OpKind.CREATE_DELETE, new org.tracebench.loadgen.result.GroundTruth.PathSet(1, List.of(wr + "/gone/cd-0"), false)));
        String lexical = wr + "/data/a.bin"; // strace folds a path argument's dots, not its symbolic links
        String canonical = real + "/a.bin"; // strace's -y on an fd, fanotify
        CompletenessChecker c = new CompletenessChecker(t, STRACE_LIKE, Set.of());
        for (int i = 0; i < 3; i++) {
            c.accept(ev(FileOp.OPEN, lexical, true));
            c.accept(ev(FileOp.READ, canonical, true));
        }
        c.accept(ev(FileOp.STAT, lexical, true));
        c.accept(ev(FileOp.STAT, canonical, true));
        c.accept(ev(FileOp.OPEN, real.getParent() + "/gone/cd-0", true)); // the directory is gone by now
        c.accept(ev(FileOp.UNLINK, wr + "/gone/cd-0", true));
        for (String k : List.of("read", "stat", "create-delete")) {
            assertEquals(kind(c, k).get("performed"), kind(c, k).get("seen"), k + ": " + kind(c, k));
            assertEquals(1.0, kind(c, k).get("pathRecall"), k + ": " + kind(c, k));
        }
    }

    /**
     * An open op on a file named directly and a read op on the same file through a symlinked directory: strace prints
     * openat's path as written and the read's descriptor by its real path (as captured from {@code strace -y}), so
     * the read op's opens name a form only the read op had. Both read 100%; the open op read 50% when a form was
     * owned only by the kind that had it, since the read op's opens counted as its demand but not as its events.
     */
    @Test
    void kindsWhosePathsMeetOnlyThroughARealPathEachCountTheOthersEvents(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("wr/real"));
        Files.writeString(real.resolve("f"), "x");
        Path link = Files.createSymbolicLink(real.resolveSibling("link"), real);
        String viaLink = link + "/f", direct = real + "/f";
        GroundTruth t = truth(Map.of(
                OpKind.OPEN, new org.tracebench.loadgen.result.GroundTruth.PathSet(3, List.of(direct), false),
                OpKind.READ, new org.tracebench.loadgen.result.GroundTruth.PathSet(3, List.of(viaLink), false)));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            out.append("104 1795431654.000100 openat(AT_FDCWD</w>, \"").append(direct).append("\", O_RDONLY) = 5<")
                    .append(direct).append(">\n");
            out.append("104 1795431654.000200 close(5<").append(direct).append(">) = 0\n");
            out.append("104 1795431654.000300 openat(AT_FDCWD</w>, \"").append(viaLink).append("\", O_RDONLY) = 5<")
                    .append(direct).append(">\n");
            out.append("104 1795431654.000400 read(5<").append(direct).append(">, \"x\", 8192) = 1\n");
            out.append("104 1795431654.000500 close(5<").append(direct).append(">) = 0\n");
        }
        CompletenessChecker c = new CompletenessChecker(t, STRACE_LIKE, Set.of());
        List<TraceEvent> events = new java.util.ArrayList<>();
        new org.tracebench.tracers.strace.StraceParser("/w").parse(new java.io.ByteArrayInputStream(
                out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), events::add);
        assertEquals(3, events.stream().filter(e -> e.op() == FileOp.OPEN && viaLink.equals(e.path())).count(),
                "strace names the read op's opens as written: " + events);
        events.forEach(c);
        for (String k : List.of("open", "read")) {
            assertEquals(1.0, kind(c, k).get("ratio"), k + ": " + kind(c, k));
            assertEquals(1.0, kind(c, k).get("pathRecall"), k + ": " + kind(c, k));
        }
        assertEquals(true, kind(c, "open").get("sharedPaths"), "the read op opens the open op's file too");
    }

    @Test
    void failedCallsDoNotCountButUnknownResultsDo() {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("mkdir", Map.of("count", 2, "paths", List.of("/w/d")),
                        "remove", Map.of("count", 1, "paths", List.of("/w/e")),
                        "chmod", Map.of("count", 3, "paths", List.of("/w/c"))))));
        CompletenessChecker c = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.MKDIR, FileOp.UNLINK,
                FileOp.RMDIR), Set.of(FileOp.CHMOD), true, false, false, List.of()), Set.of());
        c.accept(ev(FileOp.MKDIR, "/w/d", true));
        c.accept(ev(FileOp.MKDIR, "/w/d", false)); // EEXIST: the other worker had made it
        c.accept(ev(FileOp.MKDIR, "/w/d", true)); // a backend that cannot tell says success (fatrace)
        // glibc remove(3) of a directory: unlink fails with EISDIR, then rmdir
        c.accept(ev(FileOp.UNLINK, "/w/e", false));
        c.accept(ev(FileOp.RMDIR, "/w/e", true));
        c.accept(ev(FileOp.CHMOD, null, true));
        c.accept(ev(FileOp.CHMOD, null, false));
        c.accept(ev(FileOp.CHMOD, null, false));
        assertEquals(2L, kind(c, "mkdir").get("seen"));
        assertEquals(1L, kind(c, "remove").get("seen"), "the failed unlink is not a second remove");
        assertEquals(1L, kind(c, "chmod").get("seen"), "count-only events: failed ones are not shared out");
        assertEquals(8L, c.events(), "every event is still an event the tracer reported");
    }

    @Test
    void aPathIsRecalledOnlyWhenEveryGroupWithAPathSawIt() {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 2, "paths", List.of("/w/a", "/w/b"))))));
        CompletenessChecker c = new CompletenessChecker(t, STRACE_LIKE, Set.of());
        c.accept(ev(FileOp.OPEN, "/w/a", true));
        c.accept(ev(FileOp.OPEN, "/w/b", true));
        c.accept(ev(FileOp.READ, "/w/a", true));
        assertEquals(0.5, kind(c, "read").get("pathRecall"), "b was opened but never read: " + kind(c, "read"));
        // a group the backend sees only as counts has no paths to recall: OPEN alone decides
        CompletenessChecker counts = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.OPEN), Set.of(FileOp.READ),
                true, false, false, List.of()), Set.of());
        counts.accept(ev(FileOp.OPEN, "/w/a", true));
        counts.accept(ev(FileOp.OPEN, "/w/b", true));
        counts.accept(ev(FileOp.READ, null, true));
        assertEquals(1.0, kind(counts, "read").get("pathRecall"));
    }
}
