package org.tracebench.tracers;

import java.util.Set;

/**
 * What a backend can observe, so that the harness marks unobservable kinds as "blind by design" rather than misses.
 *
 * @param withPath         ops the backend reports with the file's path
 * @param countOnly        ops it reports without a path (counts only)
 * @param followsChildren  sees processes started by the target
 * @param reportsLostEvents admits lost or dropped events
 * @param systemWide       sees every process and must be filtered to the target
 * @param notes            human-readable caveats (blind spots, why no paths)
 * @param execSeenAsOpen   without an EXEC of its own, the start of a program shows as an OPEN of its executable (with
 *                         its path) by the new process, as fanotify reports it: evidence of the exec that cannot be
 *                         told from a plain open of that file
 * @param notTracedByOption the file operations this configuration's options leave untraced although the backend
 *                         could trace them (strace's {@code syscalls}): not in {@code withPath} nor {@code countOnly},
 *                         but a choice of the configuration, not a blind spot of the backend's design
 */
public record Capabilities(Set<FileOp> withPath, Set<FileOp> countOnly, boolean followsChildren,
                           boolean reportsLostEvents, boolean systemWide, java.util.List<String> notes,
                           boolean execSeenAsOpen, LeftOut notTracedByOption) {
    public Capabilities {
        withPath = Set.copyOf(withPath);
        countOnly = Set.copyOf(countOnly);
        notes = java.util.List.copyOf(notes);
        if (execSeenAsOpen && (!withPath.contains(FileOp.OPEN) || withPath.contains(FileOp.EXEC))) {
            throw new IllegalArgumentException("execSeenAsOpen needs OPEN with its path and no EXEC of its own");
        }
        if (notTracedByOption == null) notTracedByOption = LeftOut.NONE;
        for (FileOp op : notTracedByOption.calls().keySet()) {
            if (withPath.contains(op) || countOnly.contains(op)) {
                throw new IllegalArgumentException("notTracedByOption names " + op + ", which the backend reports");
            }
        }
    }

    /** A backend whose options leave nothing untraced. */
    public Capabilities(Set<FileOp> withPath, Set<FileOp> countOnly, boolean followsChildren,
                        boolean reportsLostEvents, boolean systemWide, java.util.List<String> notes,
                        boolean execSeenAsOpen) {
        this(withPath, countOnly, followsChildren, reportsLostEvents, systemWide, notes, execSeenAsOpen, LeftOut.NONE);
    }

    /**
     * The file operations an option leaves untraced: {@code option} is its name, {@code calls} per operation the
     * system calls it leaves out (every one of that operation's).
     */
    public record LeftOut(String option, java.util.Map<FileOp, java.util.List<String>> calls) {
        public static final LeftOut NONE = new LeftOut("", java.util.Map.of());

        public LeftOut {
            java.util.Map<FileOp, java.util.List<String>> copy = new java.util.EnumMap<>(FileOp.class);
            calls.forEach((op, names) -> copy.put(op, java.util.List.copyOf(names)));
            calls = java.util.Collections.unmodifiableMap(copy);
        }

        /** True when {@code op} is left untraced by the option. */
        public boolean leavesOut(FileOp op) { return calls.containsKey(op); }

        /**
         * "the syscalls option leaves out chown, fchown, lchown, fchownat": the calls of {@code ops} it leaves out
         * (each once, in FileOp order); empty when it leaves out none of them.
         */
        public String reason(java.util.Collection<FileOp> ops) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            ops.stream().sorted().forEach(op -> names.addAll(calls.getOrDefault(op, java.util.List.of())));
            return names.isEmpty() ? "" : "the " + option + " option leaves out " + String.join(", ", names);
        }
    }

    /** A backend that reports exec, if at all, as EXEC. */
    public Capabilities(Set<FileOp> withPath, Set<FileOp> countOnly, boolean followsChildren,
                        boolean reportsLostEvents, boolean systemWide, java.util.List<String> notes) {
        this(withPath, countOnly, followsChildren, reportsLostEvents, systemWide, notes, false);
    }

    /**
     * True when the backend names the file of a call on a file descriptor (ftruncate, fstat, fchmod): it reports one
     * of the calls that only ever take one, READ, WRITE, CLOSE, FSYNC or READDIR, with a path (strace resolves
     * descriptors with -y, fanotify reports the file). A backend that names only the path arguments of calls does not.
     */
    public boolean namesDescriptors() {
        return withPath.stream().anyMatch(DESCRIPTOR_ONLY::contains);
    }

    /** File operations whose every system call takes a file descriptor, not a path. */
    public static final Set<FileOp> DESCRIPTOR_ONLY = Set.of(FileOp.READ, FileOp.WRITE, FileOp.CLOSE, FileOp.FSYNC,
            FileOp.READDIR);

    /** True when the backend reports this op at all (with or without path). */
    public boolean sees(FileOp op) { return withPath.contains(op) || countOnly.contains(op); }

    public static final Capabilities NONE = new Capabilities(Set.of(), Set.of(), false, false, false, java.util.List.of());
}
