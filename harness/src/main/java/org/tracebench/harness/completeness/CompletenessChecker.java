package org.tracebench.harness.completeness;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.tracebench.harness.completeness.GroundTruth.KindTruth;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.run.WorkRootLock;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/**
 * Compares a tracer's event stream with the ground truth without holding the events: feed every event to
 * {@link #accept} (in one thread), then call {@link #result}. Memory is bounded by the ground truth's paths plus at
 * most {@link #MAX_ACCESSED} distinct accessed paths.
 *
 * <p>Counting: an event counts for an op kind when its path (or second path) is one the kind touched (as written,
 * with {@code .} and {@code ..} folded, or its real path from the ground truth) and its FileOp is one the kind must
 * produce; an event whose call failed counts for no kind. For file operations a backend reports only as counts (no
 * path), or without a path for some calls, each kind counts those events as its own up to its calls of it
 * ({@link Expectations#calls}: a rename renames back, so it is two) that the backend did not report with a path
 * ({@link OperationsSeen#fill}), leaving out the load's exec'd children's events (their pids are in the ground
 * truth) except their execs; an exec kind counts only events by those children ({@link #byChild}), not a
 * grandchild's exec of the same binary; an event of a file deleted before the tracer named it ({@link TraceEvent#deletedFile}) only for a kind that
 * {@link Expectations#unlinksWhatItOpens unlinks what it opens}. Such a count is an upper bound per kind, not a match:
 * kinds may count the same events (the all-kinds share is capped by {@link #unmatchedEventsCounted}), and the load
 * generator JVM's other calls of that FileOp (its own threads' reads and opens) count too, so a backend losing some
 * events can still reach 100%. {@code attribution} ("count", "path+count") says where a kind's count is one;
 * {@code seenByPath} what it is without them.
 */
public final class CompletenessChecker implements Consumer<TraceEvent> {
    /** Cap on the accessed-file list (create-delete with {iteration} paths can produce millions). */
    public static final int MAX_ACCESSED = 200_000;

    private final Capabilities caps;
    private final Set<String> excluded;
    private final String ownDir; // the harness's directory, or null
    private final String ownPrefix; // ownDir with a trailing '/', or null
    private final List<OpKind> kinds = new ArrayList<>();
    private final List<KindTruth> truths = new ArrayList<>();
    private final PathIndex index = new PathIndex();
    private final long[][] groupSeen;
    private final long[][] pathCalls; // [k][FileOp]: events with a path on k's paths, whatever k's groups
    private final BitSet[][] pathsSeen; // per kind, per group: the ground-truth paths that group saw
    private final boolean[] shared;
    private final long[][] sharedPaths; // [k][j]: how many of k's paths kind j touches too (j != k)
    private final Set<Integer> childPids = new java.util.HashSet<>();
    private final long loadPid; // the ground truth's, or -1
    private final UnmatchedEvents unmatched;
    private final Map<FileOp, Long> perOp = new EnumMap<>(FileOp.class);
    private final Map<String, Long> syscalls = new TreeMap<>();
    private final AccessedPaths accessed = new AccessedPaths(MAX_ACCESSED);
    private final OperationsSeen operations;
    private boolean cleanupBegun; // the load generator unlinked its work-root lock: what follows is its cleanup
    private long events;

    /** @param excludedPaths paths that are the harness's own (sentinels): left out of counts and the file list */
    public CompletenessChecker(GroundTruth truth, Capabilities capabilities, Set<String> excludedPaths) {
        this(truth, capabilities, excludedPaths, null);
    }

    /**
     * @param excludedPaths paths that are the harness's own (sentinels): left out of counts and the file list
     * @param ownDir        a directory whose every path is the harness's own too (the trial's directory, where the
     *                      load generator writes its result and the sentinel lives), or null
     */
    public CompletenessChecker(GroundTruth truth, Capabilities capabilities, Set<String> excludedPaths, java.nio.file.Path ownDir) {
        this.caps = capabilities;
        this.unmatched = new UnmatchedEvents(capabilities);
        this.excluded = Set.copyOf(excludedPaths);
        this.ownDir = ownDir == null ? null : ownDir.toString().replaceAll("/+$", "");
        this.ownPrefix = ownDir == null ? null : this.ownDir + "/";
        this.loadPid = truth.pid();
        truth.childPids().forEach(p -> childPids.add(p.intValue()));
        truth.ops().forEach((k, t) -> {
            if (t.count() > 0) {
                kinds.add(k);
                truths.add(t);
            }
        });
        groupSeen = new long[kinds.size()][];
        pathCalls = new long[kinds.size()][FileOp.values().length];
        pathsSeen = new BitSet[kinds.size()][];
        shared = new boolean[kinds.size()];
        sharedPaths = new long[kinds.size()][kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            OpKind kind = kinds.get(k);
            groupSeen[k] = new long[groups(kind).size()];
            pathsSeen[k] = new BitSet[groups(kind).size()];
            for (int g = 0; g < pathsSeen[k].length; g++) pathsSeen[k][g] = new BitSet();
            index.add(kind, k, truths.get(k));
        }
        SharedPaths.mark(kinds, index, this::groups, shared, sharedPaths);
        operations = new OperationsSeen(caps, kinds, truths, pathCalls, sharedPaths, unmatched);
    }

    private boolean own(String path) {
        return excluded.contains(path)
                || ownDir != null && (path.startsWith(ownPrefix) || path.equals(ownDir))
                || path.endsWith(LOCK_SUFFIX);
    }

    /** The load generator's own work-root lock ({@link WorkRootLock#NAME}), wherever a work root lies. */
    private static final String LOCK_SUFFIX = "/" + WorkRootLock.NAME;

    /** {@link Expectations#groups}, but an OPEN of the executable for exec kinds of a backend that sees exec that way. */
    private List<Set<FileOp>> groups(OpKind kind) {
        return execAsOpen(kind) ? EXEC_AS_OPEN : Expectations.groups(kind);
    }

    private boolean execAsOpen(OpKind kind) {
        return OperationsSeen.execAsOpen(caps, kind);
    }

    private static final List<Set<FileOp>> EXEC_AS_OPEN = List.of(Set.of(FileOp.OPEN));

    /**
     * What stood for an operation the backend has no event of its own for, or null: an exec as the OPEN of the
     * executable ({@link org.tracebench.tracers.Capabilities#execSeenAsOpen}); a readdir, which {@link Expectations}
     * also accepts as an OPEN of the directory, when the backend cannot see getdents64 (fatrace).
     */
    private String seenAs(OpKind kind) {
        if (execAsOpen(kind)) return "OPEN of the executable";
        if (kind == OpKind.READDIR && !caps.sees(FileOp.READDIR) && caps.sees(FileOp.OPEN)) return "OPEN of the directory";
        return null;
    }

    @Override
    public void accept(TraceEvent e) {
        if (e.path() != null && own(e.path())) {
            if (e.op() == FileOp.UNLINK && e.success() && e.path().endsWith(LOCK_SUFFIX)) cleanupBegun = true;
            return;
        }
        events++;
        perOp.merge(e.op(), 1L, Long::sum);
        if (e.syscall() != null) syscalls.merge(e.syscall(), 1L, Long::sum);
        if (!e.success()) { // the ground truth holds successful operations only (mkdir's EEXIST, remove's EISDIR unlink)
            track(e);
            return;
        }
        // an exec'd child's own reads, opens... are no operation's: it execs for the load, the rest is the program's
        boolean count = e.op() == FileOp.EXEC ? byChild(e) : !childPids.contains(e.pid());
        if (count) unmatched.countable(e);
        if (e.path() == null && e.path2() == null) return;
        boolean counted = match(e, e.path(), null);
        if (e.path2() != null) match(e, e.path2(), counted ? e.path() : null);
        track(e);
    }

    /**
     * Whether {@code e} is by one of the load's children (ground truth's {@code childPids}), which alone exec for its
     * exec kinds (posix_spawn's jspawnhelper and then the target, in the same pid): an exec of the same binary by a
     * grandchild (a script the target runs) is not one of the load's. True where the pid or the children are unknown.
     */
    private boolean byChild(TraceEvent e) {
        return childPids.isEmpty() || e.pid() <= 0 || childPids.contains(e.pid());
    }

    /**
     * Counts {@code e} for each kind owning {@code path}; for kinds already counted through {@code alreadyVia} (the
     * event's first path) only the path is marked as seen, so one rename is one operation but both names are recalled.
     */
    private boolean match(TraceEvent e, String path, String alreadyVia) {
        List<int[]> owners = index.owners(path);
        if (owners == null) return false;
        boolean any = false;
        long countedKinds = 0; // OpKind has fewer than 64 values
        for (int[] o : owners) {
            int k = o[0];
            if (kinds.get(k).family() == OpKind.Family.EXEC && !byChild(e)) continue; // a grandchild's exec of the binary
            boolean countIt = (alreadyVia == null || !index.owns(alreadyVia, k)) && (countedKinds & (1L << k)) == 0;
            countedKinds |= 1L << k;
            if (countIt) pathCalls[k][e.op().ordinal()]++;
            List<Set<FileOp>> groups = groups(kinds.get(k));
            for (int g = 0; g < groups.size(); g++) {
                if (groups.get(g).contains(e.op())) {
                    if (countIt) groupSeen[k][g]++;
                    pathsSeen[k][g].set(o[1]);
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * Records the event's paths for the file list. Only a successful event changes whether a path counts as deleted:
     * an unlink, rmdir or rename away of a backend that names that operation's own path
     * ({@link #REMOVALS} in its {@code withPath}; fatrace's moves name the directory) deletes it, any other
     * operation on it (a rename onto it, a create) brings it back. Nothing after the load generator removed its
     * work-root lock: that is the first step of its cleanup, which runs after DONE while the tracer may still see it.
     */
    private void track(TraceEvent e) {
        if (cleanupBegun) return;
        boolean removal = REMOVALS.contains(e.op()) && caps.withPath().contains(e.op());
        mark(e.path(), !e.success() ? null : removal, false);
        if (e.path2() != null) mark(e.path2(), e.success() ? Boolean.FALSE : null, e.success() && e.op() == FileOp.SYMLINK);
    }

    /** Operations that remove a path (a rename, its old name). */
    static final Set<FileOp> REMOVALS = Set.of(FileOp.UNLINK, FileOp.RMDIR, FileOp.RENAME);

    private void mark(String path, Boolean deleted, boolean symlink) {
        if (path != null && !own(path)) accessed.mark(selfProc(path), deleted, symlink);
    }

    /**
     * {@code /proc/<pid>...} as {@code /proc/self...} where the pid is the load generator's or one of its children's
     * (each JDK child scans its /proc/self/fd before it execs, which strace's -y names by the child's pid: one line
     * per child, 943 of 1003 in an exec trial).
     */
    private String selfProc(String path) {
        if (!path.startsWith("/proc/")) return path;
        int end = path.indexOf('/', 6);
        if (end < 0) end = path.length();
        if (end == 6 || end - 6 > 10) return path;
        long pid = 0;
        for (int i = 6; i < end; i++) {
            char ch = path.charAt(i);
            if (ch < '0' || ch > '9') return path;
            pid = pid * 10 + (ch - '0');
        }
        boolean load = pid == loadPid || pid <= Integer.MAX_VALUE && childPids.contains((int) pid);
        return load ? "/proc/self" + path.substring(end) : path;
    }

    /** Per op kind results, for trial.json's {@code completeness}. */
    public Map<String, Object> completeness() {
        unmatched.reset();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < kinds.size(); k++) out.put(kinds.get(k).yamlName(), kindResult(k));
        return out;
    }

    /**
     * The distinct events matching no path that some kind's {@code seen} counted (trial.json's
     * {@code completenessUnmatchedEvents}). Each kind may count all of them, so the kinds' counts can add up to more
     * than were seen; one event is at most one operation's, so over any kinds the operations seen are at most their
     * {@code seenByPath} plus this.
     */
    public long unmatchedEventsCounted() {
        completeness();
        return unmatched.drawnEvents();
    }

    private Map<String, Object> kindResult(int k) {
        OpKind kind = kinds.get(k);
        KindTruth truth = truths.get(k);
        List<Set<FileOp>> groups = groups(kind);
        long seen = Long.MAX_VALUE;
        long seenByPath = Long.MAX_VALUE;
        boolean observable = false;
        boolean byPath = false;
        boolean byCount = false;
        BitSet recalled = null; // paths every group with a path saw
        List<String> blind = new ArrayList<>();
        Set<FileOp> leftOut = java.util.EnumSet.noneOf(FileOp.class); // of blind groups, by the configuration's options
        for (int g = 0; g < groups.size(); g++) {
            Set<FileOp> group = groups.get(g);
            boolean withPath = group.stream().anyMatch(f -> operations.named(kind, f));
            boolean countOnly = !withPath && group.stream().anyMatch(caps::sees);
            if (!withPath && !countOnly) {
                group.forEach(f -> blind.add(f.name()));
                group.stream().filter(caps.notTracedByOption()::leavesOut).forEach(leftOut::add);
                continue;
            }
            observable = true;
            long groupCount = 0;
            if (withPath) {
                byPath = true;
                groupCount = operations.operationsSeen(k, group, groupSeen[k][g]);
                if (recalled == null) recalled = (BitSet) pathsSeen[k][g].clone();
                else recalled.and(pathsSeen[k][g]);
            } else {
                byCount = true;
            }
            seenByPath = Math.min(seenByPath, groupCount);
            // the events matching no path (ftruncate, fchmod, fatrace's deleted files; every event of a count-only
            // group) fill what the events with a path left of the kind's calls (an upper bound)
            long filled = groupCount < truth.count() ? operations.fill(k, group, truth.count() - groupCount) : 0;
            if (filled > 0) {
                byCount = true;
                groupCount += filled;
            }
            seen = Math.min(seen, groupCount);
        }
        if (!observable) seen = seenByPath = 0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("performed", truth.count());
        m.put("seen", seen);
        m.put("seenByPath", seenByPath);
        m.put("ratio", observable ? Math.min(1.0, round(seen / (double) truth.count())) : 0.0);
        Double recall = null;
        if (byPath && !truth.paths().isEmpty()) recall = round(recalled.cardinality() / (double) truth.paths().size());
        m.put("pathRecall", observable ? recall : (Object) 0.0);
        m.put("observable", observable);
        m.put("blindTo", blind);
        if (!leftOut.isEmpty()) { // the configuration's choice, not the backend's design: a miss for "complete"
            m.put("notTracedByOption", (observable ? "partly traced: " : "not traced: ")
                    + caps.notTracedByOption().reason(leftOut));
        }
        m.put("attribution", !observable ? "none" : byCount ? (byPath ? "path+count" : "count") : "path");
        String as = seenAs(kind);
        if (as != null) m.put("seenAs", as);
        m.put("sharedPaths", shared[k]);
        m.put("pathsTruncated", truth.pathsTruncated());
        return m;
    }

    /** Distinct syscall (or raw record) names with their event counts. */
    public Map<String, Object> syscalls() {
        return new LinkedHashMap<>(syscalls);
    }

    /** Event counts per normalized operation. */
    public Map<String, Object> eventsPerOp() {
        Map<String, Object> m = new LinkedHashMap<>();
        perOp.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    public long events() { return events; }

    public boolean accessedTruncated() { return accessed.truncated(); }

    /** {@link #accessedFiles(int)} for a backend that prints paths whole. */
    public List<String> accessedFiles() { return accessedFiles(0); }

    /**
     * The accessed-file list, sorted, one {@link AccessedFiles#escape escaped} path per line followed by its markers:
     * " (deleted)" when its last successful event removed it or renamed it away (never from the file system after
     * the trial: the load generator removes its work root, and /proc entries go with their processes; a backend that
     * does not name removals marks none, {@link AccessedFiles#header}); {@code /proc/<pid>} of the load generator and
     * of its children as {@code /proc/self} ({@link #selfProc}), " (symlink)" when it was created as, or is
     * now, a symbolic link, " (maybe truncated)" when it is {@code pathLimitBytes} UTF-8 bytes or longer (0: none).
     */
    public List<String> accessedFiles(int pathLimitBytes) {
        return accessed.lines(pathLimitBytes);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
