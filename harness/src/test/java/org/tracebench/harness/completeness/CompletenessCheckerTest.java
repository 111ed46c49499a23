package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/** The comparison logic on events as backends emit them (parsed records), against a load result's ground truth. */
class CompletenessCheckerTest {
    private static final String W = "/work/root/";

    private static GroundTruth truth() {
        return GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(11),
                "ops", Map.of(
                        "read", Map.of("count", 4, "paths", List.of(W + "a", W + "b"), "pathsTruncated", false),
                        "chmod", Map.of("count", 2, "paths", List.of(W + "m")),
                        "rename", Map.of("count", 2, "paths", List.of(W + "r", W + "r-renamed")),
                        "soft-link", Map.of("count", 1, "paths", List.of(W + "s")),
                        "unknown-op", Map.of("count", 9)))));
    }

    private static TraceEvent ev(FileOp op, String path) {
        return new TraceEvent(-1, 10, op, op.name().toLowerCase(), path, null, true);
    }

    @Test
    void pathBackendCountsRatioRecallAndBlindKinds() {
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.RENAME, FileOp.SYMLINK), Set.of(),
                true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(truth(), caps, Set.of(W + "sentinel"));
        for (int i = 0; i < 3; i++) {
            c.accept(ev(FileOp.OPEN, W + "a"));
            c.accept(ev(FileOp.READ, W + "a"));
        }
        c.accept(ev(FileOp.OPEN, W + "sentinel"));
        c.accept(new TraceEvent(-1, 10, FileOp.RENAME, "rename", W + "r", W + "r-renamed", true));
        c.accept(new TraceEvent(-1, 10, FileOp.RENAME, "rename", W + "r-renamed", W + "r", true)); // and back
        c.accept(new TraceEvent(-1, 10, FileOp.SYMLINK, "symlink", W + "s", W + "s-soft-link", true));
        c.accept(ev(FileOp.OPEN, "/etc/passwd"));
        Map<String, Object> r = c.completeness();
        @SuppressWarnings("unchecked") Map<String, Object> read = (Map<String, Object>) r.get("read");
        assertEquals(4L, read.get("performed"));
        assertEquals(3L, read.get("seen"));
        assertEquals(0.75, read.get("ratio"));
        assertEquals(0.5, read.get("pathRecall"), "only a of a,b seen");
        assertEquals(true, read.get("observable"));
        @SuppressWarnings("unchecked") Map<String, Object> chmod = (Map<String, Object>) r.get("chmod");
        assertEquals(false, chmod.get("observable"), "CHMOD is not in the capabilities: blind by design");
        assertEquals(List.of("CHMOD"), chmod.get("blindTo"));
        @SuppressWarnings("unchecked") Map<String, Object> rename = (Map<String, Object>) r.get("rename");
        assertEquals(1L, rename.get("seen"), "an event with old and new path counts once, and a rename is two: there and back");
        assertEquals(1.0, rename.get("pathRecall"));
        assertEquals(List.of("chmod", "read", "rename", "soft-link"), r.keySet().stream().sorted().toList());
        List<String> files = c.accessedFiles();
        assertTrue(files.contains(W + "r-renamed (deleted)"), files.toString());
        assertTrue(files.contains(W + "s-soft-link (symlink)"), "created, not removed (its absence now says nothing): " + files);
        assertTrue(files.contains("/etc/passwd"), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.contains("sentinel")), files.toString());
        assertEquals(10, c.events());
        assertEquals(3L, c.syscalls().get("read"));
    }

    @Test
    void aReaddirSeenOnlyAsTheDirectorysOpenSaysSoAndOneSeenAsGetdentsDoesNot() {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("readdir", Map.of("count", 2, "paths", List.of("/var/tmp/d"))))));
        List<TraceEvent> opens = List.of(new TraceEvent(-1, 10, FileOp.OPEN, "O", "/var/tmp/d", null, true),
                new TraceEvent(-1, 10, FileOp.OPEN, "O", "/var/tmp/d", null, true));
        CompletenessChecker fanotify = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.OPEN, FileOp.READ,
                FileOp.WRITE, FileOp.CLOSE), Set.of(), true, false, true, List.of(), true), Set.of());
        opens.forEach(fanotify);
        @SuppressWarnings("unchecked") Map<String, Object> asOpen = (Map<String, Object>) fanotify.completeness().get("readdir");
        assertEquals(2L, asOpen.get("seen"), asOpen.toString());
        assertEquals("OPEN of the directory", asOpen.get("seenAs"));

        CompletenessChecker syscalls = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.OPEN, FileOp.READDIR),
                Set.of(), true, false, false, List.of()), Set.of());
        opens.forEach(syscalls);
        @SuppressWarnings("unchecked") Map<String, Object> direct = (Map<String, Object>) syscalls.completeness().get("readdir");
        assertNull(direct.get("seenAs"), direct.toString());
    }

    /**
     * The target is a script that runs /bin/true itself: a tracer that lost two of the load's three execs but saw the
     * grandchildren's execs of the same binary reads a third, not 100%.
     */
    @Test
    void onlyTheLoadsChildrenExecForItsExecKinds() {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(11, 12, 13),
                "ops", Map.of("execute-subproc", Map.of("count", 3, "paths", List.of("/bin/true"))))));
        CompletenessChecker c = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.OPEN, FileOp.EXEC), Set.of(),
                true, false, false, List.of()), Set.of());
        c.accept(new TraceEvent(-1, 11, FileOp.EXEC, "execve", "/bin/true", null, true));
        c.accept(new TraceEvent(-1, 21, FileOp.EXEC, "execve", "/bin/true", null, true)); // 11's child
        c.accept(new TraceEvent(-1, 22, FileOp.EXEC, "execve", "/bin/true", null, true));
        @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) c.completeness().get("execute-subproc");
        assertEquals(1L, r.get("seen"), r.toString());
    }

    @Test
    void anOpenOfTheExecutableStandsForTheExecOnlyWhereTheBackendSeesExecThatWay() throws Exception {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(11, 12, 13),
                "ops", Map.of("execute-subproc", Map.of("count", 3, "paths", List.of("/bin/true"))))));
        String real = java.nio.file.Path.of("/bin/true").toRealPath().toString(); // fanotify names the resolved file
        Set<FileOp> fanotify = Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE, FileOp.CLOSE);
        List<TraceEvent> events = new java.util.ArrayList<>();
        for (int pid = 11; pid <= 13; pid++) {
            events.add(new TraceEvent(-1, pid, FileOp.OPEN, "O", real, null, true));
            events.add(new TraceEvent(-1, pid, FileOp.READ, "R", real, null, true));
        }

        CompletenessChecker asOpen = new CompletenessChecker(t, new Capabilities(fanotify, Set.of(), true, false, true, List.of(), true), Set.of());
        events.forEach(asOpen);
        @SuppressWarnings("unchecked") Map<String, Object> seen = (Map<String, Object>) asOpen.completeness().get("execute-subproc");
        assertEquals(3L, seen.get("seen"), seen.toString());
        assertEquals(1.0, seen.get("ratio"));
        assertEquals(1.0, seen.get("pathRecall"));
        assertEquals(true, seen.get("observable"));
        assertEquals("OPEN of the executable", seen.get("seenAs"));

        CompletenessChecker blind = new CompletenessChecker(t, new Capabilities(fanotify, Set.of(), true, false, true, List.of()), Set.of());
        events.forEach(blind);
        @SuppressWarnings("unchecked") Map<String, Object> notSeen = (Map<String, Object>) blind.completeness().get("execute-subproc");
        assertEquals(false, notSeen.get("observable"), notSeen.toString());
        assertEquals(List.of("EXEC"), notSeen.get("blindTo"));
        assertNull(notSeen.get("seenAs"));

        CompletenessChecker execBackend = new CompletenessChecker(t, new Capabilities(Set.of(FileOp.OPEN, FileOp.EXEC), Set.of(),
                true, false, false, List.of()), Set.of());
        events.forEach(execBackend);
        @SuppressWarnings("unchecked") Map<String, Object> opensOnly = (Map<String, Object>) execBackend.completeness().get("execute-subproc");
        assertEquals(0L, opensOnly.get("seen"), "a backend with EXEC events of its own must report the EXEC: " + opensOnly);
    }

    @Test
    void execSeenAsOpenIsRefusedWhereItCannotApply() {
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(Set.of(FileOp.OPEN, FileOp.EXEC), Set.of(),
                true, false, false, List.of(), true), "a backend with EXEC events of its own");
        assertThrows(IllegalArgumentException.class, () -> new Capabilities(Set.of(), Set.of(FileOp.OPEN),
                true, false, false, List.of(), true), "opens without paths cannot name the executable");
    }

    @Test
    void theTrialsOwnDirectoryIsLeftOutOfCountsAndTheFileList() {
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE), Set.of(), true, true, false, List.of());
        java.nio.file.Path trial = java.nio.file.Path.of("/results/quick-1/trials/001-strace-mixed-w1-r1");
        CompletenessChecker c = new CompletenessChecker(truth(), caps, Set.of(), trial);
        c.accept(ev(FileOp.OPEN, trial + "/.load.json123.tmp"));
        c.accept(ev(FileOp.WRITE, trial + "/load.json"));
        c.accept(ev(FileOp.OPEN, trial.toString()));
        c.accept(ev(FileOp.OPEN, trial + "-other/load.json")); // a sibling, not the trial's own
        c.accept(ev(FileOp.OPEN, W + "a"));
        assertEquals(List.of(trial + "-other/load.json", W + "a"), c.accessedFiles());
        assertEquals(2, c.events(), "the harness's own events are not the load's");
    }

    @Test
    void countOnlyBackendSharesEventsByWhatEachKindPerformed() {
        Capabilities caps = new Capabilities(Set.of(), Set.of(FileOp.OPEN, FileOp.READ, FileOp.CHMOD), true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(truth(), caps, Set.of());
        for (int i = 0; i < 2; i++) c.accept(ev(FileOp.OPEN, null));
        for (int i = 0; i < 4; i++) c.accept(ev(FileOp.READ, null));
        for (int i = 0; i < 5; i++) c.accept(ev(FileOp.CHMOD, null));
        @SuppressWarnings("unchecked") Map<String, Object> read = (Map<String, Object>) c.completeness().get("read");
        assertEquals(2L, read.get("seen"), "min over OPEN (2 of 4) and READ (4 of 4)");
        assertEquals("count", read.get("attribution"));
        assertNull(read.get("pathRecall"), "no paths: recall unknown, not zero");
        @SuppressWarnings("unchecked") Map<String, Object> chmod = (Map<String, Object>) c.completeness().get("chmod");
        assertEquals(1.0, chmod.get("ratio"), "more events than operations is capped at 1");
    }

    @Test
    void countOnlyDemandIsEveryCallTheOperationsIssue() {
        // ftrace without eprobes: a rename renames and renames back, and hard-link, soft-link and create-delete all
        // unlink; half of those calls lost must not read as every operation seen
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("rename", Map.of("count", 100), "create-delete", Map.of("count", 100),
                        "hard-link", Map.of("count", 100), "soft-link", Map.of("count", 100)))));
        Capabilities caps = new Capabilities(Set.of(), Set.of(FileOp.OPEN, FileOp.RENAME, FileOp.UNLINK, FileOp.LINK,
                FileOp.SYMLINK), true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(t, caps, Set.of());
        for (int i = 0; i < 100; i++) c.accept(ev(FileOp.RENAME, null)); // 100 of 200 calls
        for (int i = 0; i < 150; i++) c.accept(ev(FileOp.UNLINK, null)); // 150 of 300
        for (int i = 0; i < 100; i++) {
            c.accept(ev(FileOp.OPEN, null));
            c.accept(ev(FileOp.LINK, null));
            c.accept(ev(FileOp.SYMLINK, null));
        }
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(0.5, r.get("rename").get("ratio"));
        assertEquals(50L, r.get("rename").get("seen"));
        assertEquals(1.0, r.get("create-delete").get("ratio"), "150 UNLINKs could all be its 100 (an upper bound)");
        assertEquals(1.0, r.get("hard-link").get("ratio"), "LINK alone is required of hard-link");
        assertEquals("count", r.get("rename").get("attribution"));
    }

    @Test
    void eventsWithAPathCountAsTheShareOfTheCallsTheOperationsOnThosePathsIssue() {
        // strace names every path: a rename is two RENAMEs (there and back), so dropping every back-rename is half
        // the renames; fsync opens and writes write's file (mixed.yaml), so its calls are demanded of that file too
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("rename", Map.of("count", 10, "paths", List.of(W + "r")),
                        "write", Map.of("count", 20, "paths", List.of(W + "w")),
                        "fsync", Map.of("count", 20, "paths", List.of(W + "w"))))));
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN, FileOp.WRITE, FileOp.FSYNC, FileOp.RENAME), Set.of(),
                true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(t, caps, Set.of());
        for (int i = 0; i < 10; i++) c.accept(new TraceEvent(-1, 10, FileOp.RENAME, "rename", W + "r", W + "r-renamed", true));
        for (int i = 0; i < 20; i++) { // every fsync op's calls, and only half of the write ops'
            c.accept(ev(FileOp.OPEN, W + "w"));
            c.accept(ev(FileOp.WRITE, W + "w"));
            c.accept(ev(FileOp.FSYNC, W + "w"));
            if (i % 2 == 0) {
                c.accept(ev(FileOp.OPEN, W + "w"));
                c.accept(ev(FileOp.WRITE, W + "w"));
            }
        }
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(0.5, r.get("rename").get("ratio"), "10 of the 20 RENAMEs 10 renames issue");
        assertEquals(false, r.get("rename").get("sharedPaths"));
        assertEquals(0.75, r.get("write").get("ratio"), "30 of the 40 opens (and writes) write and fsync issue on w");
        assertEquals(true, r.get("write").get("sharedPaths"), "fsync's open and write land on write's file");
        assertEquals(false, r.get("fsync").get("sharedPaths"), "write issues no fsync");
        assertEquals(1.0, r.get("fsync").get("ratio"));
    }

    @Test
    void aCallThatFailsByDesignIsNeitherSupplyNorDemand() {
        // mkdir's restore is glibc remove(): an unlink failing EISDIR, then rmdir; ftrace sees every call, and its
        // failed unlinks count for no kind, so they must not be demanded of create-delete's share either
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("mkdir", Map.of("count", 100), "create-delete", Map.of("count", 100)))));
        Capabilities caps = new Capabilities(Set.of(), Set.of(FileOp.OPEN, FileOp.MKDIR, FileOp.UNLINK, FileOp.RMDIR),
                true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(t, caps, Set.of());
        for (int i = 0; i < 100; i++) {
            c.accept(ev(FileOp.MKDIR, null));
            c.accept(new TraceEvent(-1, 10, FileOp.UNLINK, "unlink", null, null, false));
            c.accept(ev(FileOp.RMDIR, null));
            c.accept(ev(FileOp.OPEN, null));
            c.accept(ev(FileOp.UNLINK, null));
        }
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(1.0, r.get("create-delete").get("ratio"), "every successful unlink was seen");
        assertEquals(1.0, r.get("mkdir").get("ratio"));
    }

    @Test
    void childrenOfExecOpsAreLeftOutOfCountsButTheirExecsStay() {
        // bpftrace's reads have no path: /bin/true's loader reading libc is not the read op's read
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(11, 12),
                "ops", Map.of("read", Map.of("count", 4, "paths", List.of(W + "a")),
                        "execute-subproc", Map.of("count", 2)))));
        Capabilities caps = new Capabilities(Set.of(FileOp.OPEN), Set.of(FileOp.READ, FileOp.EXEC), true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(t, caps, Set.of());
        for (int i = 0; i < 4; i++) c.accept(ev(FileOp.OPEN, W + "a"));
        for (int i = 0; i < 3; i++) c.accept(ev(FileOp.READ, null)); // the worker's: 3 of 4 reads + 2 pipe reads
        for (int pid = 11; pid <= 12; pid++) {
            c.accept(new TraceEvent(-1, pid, FileOp.EXEC, "execve", null, null, true));
            for (int i = 0; i < 5; i++) c.accept(new TraceEvent(-1, pid, FileOp.READ, "read", null, null, true));
        }
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> r = (Map<String, Map<String, Object>>) (Map<?, ?>) c.completeness();
        assertEquals(3L, r.get("read").get("seen"), "the worker's 3 reads could all be read's, the children's 10 not");
        assertEquals("path+count", r.get("read").get("attribution"));
        assertEquals(2L, r.get("execute-subproc").get("seen"), "the children's execs count");
        assertEquals(19, c.events(), "the children's events are still the trial's events");
    }

    @Test
    void pathlessEventsOfAPathBackendStillCount() {
        // bpftrace names chmod's path but not fchmod's: the fd variant's events count by share
        Capabilities caps = new Capabilities(Set.of(FileOp.CHMOD), Set.of(), true, true, false, List.of());
        CompletenessChecker c = new CompletenessChecker(truth(), caps, Set.of());
        c.accept(ev(FileOp.CHMOD, W + "m"));
        c.accept(ev(FileOp.CHMOD, null));
        @SuppressWarnings("unchecked") Map<String, Object> chmod = (Map<String, Object>) c.completeness().get("chmod");
        assertEquals(2L, chmod.get("seen"));
        assertEquals("path+count", chmod.get("attribution"));
        assertEquals(1.0, chmod.get("pathRecall"));
    }

    @Test
    void everyOpKindHasAnExpectation() {
        for (OpKind k : OpKind.values()) assertTrue(!Expectations.groups(k).isEmpty(), k.yamlName());
    }
}
