package org.tracebench.tracers.fatrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.Probes;
import org.tracebench.tracers.proc.TracerProcess;

/**
 * fatrace (fanotify), system-wide: {@code fatrace -tt -o FILE}, stderr to a file. fatrace's {@code --command}
 * filter matches the process name (a JVM is {@code java}), so the session keeps the target's pids itself: the
 * target, its descendants and cgroup members seen while polling, and the child pids the target reports.
 */
public final class FatraceTracer implements Tracer.Attaching {
    /**
     * Option key: how often the target's cgroup (or process tree) is polled, in ms (default 100). The target reports
     * its own children's pids at the end, so polling only has to catch grandchildren; each poll wakes a harness
     * thread, which at 20 ms cost about 0.5% of a core.
     */
    public static final String OPT_POLL_MILLIS = "pollMillis";

    private final Availability availability;

    public FatraceTracer() {
        this(Probes.isRoot());
    }

    /** Probed as if tracebench ran as root or not. */
    public FatraceTracer(boolean root) {
        availability = probe(root);
    }

    private static Availability probe(boolean root) {
        Optional<Path> bin = Probes.onPath("fatrace");
        if (bin.isEmpty()) return Availability.unavailable("fatrace is not installed.", "apt-get install -y fatrace");
        Optional<String> help = Probes.run(List.of(bin.get().toString(), "--help"), java.time.Duration.ofSeconds(5));
        if (help.isEmpty() || !help.get().contains("--timestamp")) {
            return Availability.unavailable("fatrace at " + bin.get() + " does not run or lacks --timestamp.",
                    "apt-get install -y fatrace");
        }
        if (!root) {
            return Availability.needsRoot("fatrace needs root (fanotify_init requires CAP_SYS_ADMIN).", "run tracebench as root (sudo)");
        }
        return Availability.ok(version().orElse("unknown"));
    }

    /**
     * fatrace prints no version of its own (no --version, -V or version line in --help up to 0.17), so the package's,
     * labelled as such: "0.17.0-1 (Debian package version)".
     */
    static Optional<String> version() {
        return Probes.dpkgVersion("fatrace").map(v -> v + " (Debian package version)");
    }

    @Override
    public String name() { return "fatrace"; }

    @Override
    public String description() {
        return "fanotify, system-wide: fatrace -tt, filtered to the target's pids afterwards";
    }

    @Override
    public Availability availability() { return availability; }

    @Override
    public Map<String, String> options() {
        return Map.of(OPT_POLL_MILLIS, "how often the target's cgroup is polled for new pids, in ms (default 100)");
    }

    @Override
    public Map<String, String> optionProblems(Map<String, String> options) {
        try {
            if (Long.parseLong(options.getOrDefault(OPT_POLL_MILLIS, "100")) > 0) return Map.of();
        } catch (NumberFormatException e) {
            // refused below
        }
        return Map.of(OPT_POLL_MILLIS, "The fatrace option " + OPT_POLL_MILLIS + " must be a whole number of"
                + " milliseconds above 0, not '" + options.get(OPT_POLL_MILLIS) + "'.");
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE, FileOp.CLOSE), Set.of(FileOp.RENAME),
                true, false, true, List.of(
                "fanotify reports open, read, write and close (letters O R W C) with the file's path.",
                "Rename is only a '<'/'>' event on the directory, without the file's name; link, symlink, mkdir and "
                        + "create are '+' and deletions 'D' on the directory (OTHER events carrying the directory's path).",
                "chmod, chown, stat, fsync and truncate are invisible; readdir shows only as the directory's open (O), "
                        + "not its getdents64, and the harness counts that open as the readdir.",
                "exec is no event of its own: the new program's executable shows as an open (O) by the new process, "
                        + "which the harness counts as the exec (it cannot be told from a plain open of that file).",
                "fanotify merges repeated events of one file (CWO), so there are fewer events than operations.",
                "Paths are resolved when fatrace reads the event, not when it happened: a file renamed or linked in "
                        + "between is reported under its later name, and a file with several hard links under any of "
                        + "them (libc.so.6 came out as its hard link in perf's build-id cache, /root/.debug/...).",
                "Events carry the process id, not the thread id; children are attributed when seen in the target's "
                        + "process tree or cgroup while polling, or when the target reports their pids.",
                "Lost events are unknown: fatrace 0.17 does not count fanotify queue overflows (the queue holds "
                        + "max_queued_events, 16384 by default); it exits on the first one ('Received unexpected event "
                        + "info type', exit code 1), which makes the trial invalid with that reason, so fewer workers or a "
                        + "lighter workload; files deleted before it resolved them ('open_by_handle_at' "
                        + "errors) are still events, with the path '(deleted)'.",
                "System-wide: it costs CPU for every process on the machine, not only the target."), true);
    }

    /** /proc/sys/fs/fanotify/max_queued_events: how many events a fanotify queue holds before it overflows; -1 unknown. */
    static long maxQueuedEvents() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/fs/fanotify/max_queued_events")).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) throws TracerException {
        if (!availability.available()) throw new TracerException("fatrace is unavailable: " + availability.reason(), List.of());
        for (String problem : optionProblems(options).values()) throw new TracerException(problem, List.of());
        long poll = Long.parseLong(options.getOrDefault(OPT_POLL_MILLIS, "100"));
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve("fatrace.txt");
            Path err = workDir.resolve("fatrace-stderr.txt");
            Files.deleteIfExists(out); // fatrace -o refuses an existing file
            String bin = Probes.onPath("fatrace").map(Path::toString).orElse("fatrace");
            PidTracker pids = new PidTracker(target.pid(), target.cgroupDir(), poll);
            TracerProcess p;
            try {
                p = TracerProcess.start(List.of(bin, "-tt", "-o", out.toString()), Map.of(), null, err, false);
            } catch (IOException e) {
                pids.stop();
                throw e;
            }
            return new FatraceSession(p, out, pids);
        } catch (IOException e) {
            throw new TracerException("Could not start fatrace: " + e.getMessage(), e);
        }
    }
}
