package org.tracebench.harness.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracebench.harness.completeness.GroundTruth.KindTruth;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;

/** {@link CompletenessChecker}'s arithmetic from a kind's events to its operations seen, by path and by count. */
final class OperationsSeen {
    private final Capabilities caps;
    private final List<OpKind> kinds;
    private final List<KindTruth> truths;
    private final long[][] pathCalls; // the checker's, as it counts: [k][FileOp] events with a path on k's paths
    private final long[][] sharedPaths; // the checker's: [k][j] how many of k's paths kind j touches too (j != k)
    private final UnmatchedEvents unmatched;

    OperationsSeen(Capabilities caps, List<OpKind> kinds, List<KindTruth> truths, long[][] pathCalls,
                   long[][] sharedPaths, UnmatchedEvents unmatched) {
        this.caps = caps;
        this.kinds = kinds;
        this.truths = truths;
        this.pathCalls = pathCalls;
        this.sharedPaths = sharedPaths;
        this.unmatched = unmatched;
    }

    /** Whether {@code caps}'s backend sees {@code kind}'s exec as the OPEN of the executable. */
    static boolean execAsOpen(Capabilities caps, OpKind kind) {
        return caps.execSeenAsOpen() && kind.family() == OpKind.Family.EXEC;
    }

    /**
     * Whether the backend names a path for {@code kind}'s calls of {@code f}: not where its operations issue them
     * only on a file descriptor the backend does not name (bpftrace's and ftrace's TRUNCATE of truncate's
     * ftruncate), so that such a kind counts as count-only, with no path recall, rather than a recall of 0.
     */
    boolean named(OpKind kind, FileOp f) {
        return caps.withPath().contains(f) && (caps.namesDescriptors() || !Expectations.onDescriptor(kind).contains(f));
    }

    /**
     * Kind {@code k}'s operations seen in {@code group}, from the {@code events} with a path on its paths: its
     * performed count times the share of the events those paths should have had that the backend reported. What they
     * should have had is every call of the group's FileOps (that the backend names a path for) that k's operations
     * issue ({@link #calls}: a rename renames back, so two RENAMEs are one operation; strace's readdir is its open
     * and its getdents64 calls), plus those of other kinds' operations on the same paths (fsync opens and writes
     * write's file), whose operations are taken as spread evenly over their paths. Without it, events over operations
     * hid losses: a tracer dropping every second rename read 100%, and fsync's calls made up write's.
     */
    long operationsSeen(int k, Set<FileOp> group, long events) {
        long performed = truths.get(k).count();
        double expected = performed * Math.max(1.0, eventsPerOperation(k, group));
        for (int j = 0; j < kinds.size(); j++) {
            if (j == k || sharedPaths[k][j] == 0) continue;
            KindTruth other = truths.get(j);
            double opsOnThesePaths = other.count() * Math.min(1.0, sharedPaths[k][j] / (double) Math.max(1, other.paths().size()));
            expected += opsOnThesePaths * eventsPerOperation(j, group);
        }
        return share(performed, events, expected);
    }

    /** The operations of {@code performed} that {@code have} of the {@code demand} calls stand for, at most all; 0 without demand. */
    private static long share(long performed, double have, double demand) {
        return demand <= 0 ? 0 : Math.round(performed * Math.min(1.0, have / demand));
    }

    /**
     * How many events with a path one kind {@code k} operation yields in {@code group}: its calls of the group's
     * FileOps that this backend names a path for, or the one open of the executable for an exec seen as that open.
     */
    private double eventsPerOperation(int k, Set<FileOp> group) {
        if (execAsOpen(caps, kinds.get(k))) return group.contains(FileOp.OPEN) ? 1 : 0;
        double n = 0;
        for (FileOp f : group) if (named(kinds.get(k), f)) n += calls(k, f);
        return n;
    }

    /**
     * Kind {@code k}'s calls of {@code f} per operation: {@link Expectations#calls}, but readdir's getdents64 from its
     * ground truth (a large directory takes more than two; the mean over its operations) where the result has them.
     */
    private double calls(int k, FileOp f) {
        KindTruth t = truths.get(k);
        if (f == FileOp.READDIR && t.getdents64Calls() >= 0) return t.getdents64Calls() / (double) t.count();
        return Expectations.calls(kinds.get(k)).getOrDefault(f, 0);
    }

    /**
     * The most of kind {@code k}'s {@code uncovered} operations (those the events with a path did not make up in
     * {@code group}) that the events matching no path can stand for: its calls of the group's FileOps that the backend
     * sees ({@link #calls}) but did not report with a path on k's paths ({@link #pathShare}) are filled by as many
     * of those FileOps' {@link UnmatchedEvents} as there are, as if all were k's. An upper bound for k alone: another
     * kind may count the same events, and other calls of those FileOps by the load generator count too. Events of a
     * deleted file count only where k {@link Expectations#unlinksWhatItOpens unlinks what it opens}. (Until
     * 2026-12-07 they were shared out over every kind's calls: no upper bound for any one kind, docs/suites.md.)
     */
    long fill(int k, Set<FileOp> group, long uncovered) {
        boolean unlinks = Expectations.unlinksWhatItOpens(kinds.get(k));
        double demand = 0;
        long have = 0;
        List<FileOp> from = new ArrayList<>();
        for (FileOp f : group) {
            double left = caps.sees(f) ? truths.get(k).count() * callsOf(k, f) * (1 - pathShare(k, f)) : 0;
            long of = unmatched.of(f, unlinks);
            if (left <= 0 || of == 0) continue;
            demand += left;
            have += of;
            from.add(f);
        }
        long filled = demand <= 0 ? 0 : Math.round(uncovered * Math.min(1.0, have / demand));
        if (filled > 0) from.forEach(f -> unmatched.drawn(f, unlinks));
        return filled;
    }

    /**
     * The share of kind {@code j}'s calls of {@code f} the backend reported with a path on j's paths, at most 1 (0 where
     * it names none for j's calls): as in {@link #operationsSeen}, other kinds' calls on the same paths count as demand.
     */
    private double pathShare(int j, FileOp f) {
        if (!named(kinds.get(j), f) || callsOf(j, f) == 0) return 0;
        double expected = truths.get(j).count() * callsOf(j, f);
        for (int i = 0; i < kinds.size(); i++) {
            if (i == j || sharedPaths[j][i] == 0 || !named(kinds.get(i), f)) continue;
            KindTruth other = truths.get(i);
            expected += other.count() * Math.min(1.0, sharedPaths[j][i] / (double) Math.max(1, other.paths().size())) * callsOf(i, f);
        }
        return Math.min(1.0, pathCalls[j][f.ordinal()] / expected);
    }

    /** {@link #calls}, but the one open of the executable of an exec kind seen as that open. */
    private double callsOf(int j, FileOp f) {
        return execAsOpen(caps, kinds.get(j)) && f == FileOp.OPEN ? 1 : calls(j, f);
    }
}
