package org.tracebench.tracers.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * cgroup v2: where it is mounted (read from {@code /proc/self/mountinfo}, never assumed) and the cgroups
 * tracebench creates for its trials, named {@code tracebench-<ownerPid>-<suffix>} so that {@code doctor --cleanup}
 * can tell a stale one (owner gone) from a live one. The suffix is {@code t<N>} (a run's trial), {@code micro-<tracer>}
 * or {@code test[-<name>]}; a name of any other form is never treated as tracebench's.
 */
public final class Cgroups {
    public static final String PREFIX = "tracebench-";
    /** The names tracebench gives its cgroups; group 1 is the owner's pid. */
    private static final Pattern NAME = Pattern.compile(
            "tracebench-([1-9][0-9]{0,9})-(?:t[0-9]+|micro-[a-z0-9]+(?:-[a-z0-9]+)*|test(?:-[a-z0-9]+)*)");

    private Cgroups() {}

    /** The cgroup v2 mount point, e.g. {@code /sys/fs/cgroup} or {@code /sys/fs/cgroup/unified}; empty without v2. */
    public static Optional<Path> v2Root() {
        return MountInfo.mountPointOf("cgroup2");
    }

    /**
     * Creates {@code <v2 root>/tracebench-<this pid>-<suffix>}. Needs root (or a delegated subtree). Throws
     * IllegalArgumentException for a suffix of none of the forms above (doctor could not tell the cgroup is ours).
     */
    public static Cgroup create(String suffix) throws IOException {
        String name = PREFIX + ProcessHandle.current().pid() + "-" + suffix;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A tracebench cgroup's suffix is t<N>, micro-<tracer> or test[-<name>], not '" + suffix + "'.");
        }
        Path root = v2Root().orElseThrow(() -> new IOException("cgroup v2 is not mounted (no cgroup2 entry in /proc/self/mountinfo)."));
        Path dir = root.resolve(name);
        Files.createDirectory(dir);
        return new Cgroup(dir);
    }

    /** tracebench cgroups whose owning process no longer exists. */
    public static List<Path> stale() throws IOException {
        Optional<Path> root = v2Root();
        if (root.isEmpty()) return List.of();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root.get())) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .filter(p -> !ownerAlive(p.getFileName().toString()))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * Pids of other running tracebench processes that hold a trial cgroup now ({@code tracebench-<pid>-...} with a
     * live pid that is not this JVM's): another harness measuring on this machine.
     */
    public static java.util.SortedSet<Long> otherLiveOwners() throws IOException {
        java.util.SortedSet<Long> out = new java.util.TreeSet<>();
        Optional<Path> root = v2Root();
        if (root.isEmpty()) return out;
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(root.get())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isDirectory(p)) continue;
                java.util.OptionalLong pid = ownerPid(p.getFileName().toString());
                if (pid.isPresent() && pid.getAsLong() != self && alive(pid.getAsLong())) out.add(pid.getAsLong());
            }
        }
        return out;
    }

    /** True when the pid in a tracebench cgroup's name is a running process, or the name is not of tracebench's forms. */
    public static boolean ownerAlive(String name) {
        java.util.OptionalLong pid = ownerPid(name);
        return pid.isEmpty() || alive(pid.getAsLong()); // not ours by format: never touch it
    }

    /** The pid in a name of the forms tracebench gives its cgroups; empty for any other name. */
    static java.util.OptionalLong ownerPid(String name) {
        return pidOf(NAME.matcher(name));
    }

    /** Group 1 of a matching name as a pid; empty when it does not match. */
    static java.util.OptionalLong pidOf(java.util.regex.Matcher m) {
        return m.matches() ? java.util.OptionalLong.of(Long.parseLong(m.group(1))) : java.util.OptionalLong.empty();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * A cgroup's cumulative CPU time in ns: {@code usageNanos} user + system, {@code userNanos} user only (cpu.stat's
     * usage_usec and user_usec); -1 where unknown.
     */
    public record CpuTime(long usageNanos, long userNanos) {
        public static final CpuTime UNKNOWN = new CpuTime(-1, -1);
    }

    /** One cgroup directory. {@link #close} moves any process left to the parent and removes the directory. */
    public static final class Cgroup implements AutoCloseable {
        private final Path dir;

        Cgroup(Path dir) { this.dir = dir; }

        /** Opens an existing cgroup directory (for cleanup). */
        public static Cgroup of(Path dir) { return new Cgroup(dir); }

        public Path dir() { return dir; }

        /** Moves a whole process (all its threads) into this cgroup; its future children are born here. */
        public void addProcess(long pid) throws IOException {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.US_ASCII);
        }

        /** Pids currently in the cgroup. */
        public List<Long> pids() throws IOException {
            List<Long> pids = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!line.isBlank()) pids.add(Long.parseLong(line.trim()));
            }
            return pids;
        }

        /** CPU time used by the cgroup's processes so far, from one read of {@code cpu.stat}; -1 for what is absent. */
        public CpuTime cpuTime() {
            long usage = -1;
            long user = -1;
            try {
                for (String line : Files.readAllLines(dir.resolve("cpu.stat"))) {
                    if (line.startsWith("usage_usec ")) usage = Long.parseLong(line.substring(11).trim()) * 1000;
                    else if (line.startsWith("user_usec ")) user = Long.parseLong(line.substring(10).trim()) * 1000;
                }
            } catch (IOException | NumberFormatException e) {
                return CpuTime.UNKNOWN;
            }
            return new CpuTime(usage, user);
        }

        /** Idempotent: moves leftover processes to the parent cgroup, then removes the directory. */
        @Override
        public void close() throws IOException {
            if (!Files.isDirectory(dir)) return;
            Path parentProcs = dir.getParent().resolve("cgroup.procs");
            IOException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    for (long pid : pids()) {
                        try {
                            Files.writeString(parentProcs, Long.toString(pid), StandardCharsets.US_ASCII);
                        } catch (IOException gone) {
                            // the process exited meanwhile
                        }
                    }
                    Files.delete(dir);
                    return;
                } catch (java.nio.file.NoSuchFileException gone) {
                    return;
                } catch (IOException e) {
                    last = e;
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (last == null) throw new java.io.InterruptedIOException("Interrupted while removing cgroup " + dir + ".");
            throw new IOException("Could not remove cgroup " + dir + ": " + IoFailure.reason(last) + ".", last);
        }
    }
}
