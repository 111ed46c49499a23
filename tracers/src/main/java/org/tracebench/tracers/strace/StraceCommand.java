package org.tracebench.tracers.strace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.proc.Probes;

/** What both strace backends share: the traced syscall set, the command line, the probe and the capabilities. */
final class StraceCommand {
    private StraceCommand() {}

    /**
     * Every variant of the file and process system calls, because the caller decides which one is issued (glibc
     * uses {@code chmod}, {@code rename}, {@code mkdir}; coreutils the {@code *at} forms and {@code renameat2}; the
     * JDK {@code openat}, {@code statx}, {@code rename}, {@code clone3}). Each is prefixed with {@code ?} so a name
     * this architecture lacks is skipped instead of failing.
     */
    static final List<String> SYSCALLS = List.of(
            "open", "openat", "openat2", "creat", "read", "pread64", "write", "pwrite64", "close",
            "stat", "lstat", "fstat", "newfstatat", "statx", "getdents64", "fsync", "fdatasync",
            "truncate", "ftruncate", "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown", "fchownat",
            "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
            "link", "linkat", "symlink", "symlinkat", "execve", "execveat", "clone", "clone3", "fork", "vfork",
            "exit_group");

    /** Option key: strace's {@code -s} (string bytes printed); default 0, paths are printed in full anyway. */
    static final String OPT_STRSIZE = "strsize";

    static String traceExpression() {
        return traceExpression(SYSCALLS);
    }

    /** Option key (issue 7's option matrix): a comma-separated subset of {@link #SYSCALLS} to trace; default all. */
    static final String OPT_SYSCALLS = "syscalls";

    /** {@link org.tracebench.tracers.Tracer#options()} of both strace backends. */
    static final Map<String, String> OPTIONS = Map.of(
            OPT_SYSCALLS, "a comma-separated subset of the traced syscalls, openat among them (default: all of them); op kinds"
                    + " none of whose calls it names are reported as not traced, not as misses",
            OPT_STRSIZE, "strace's -s, string bytes printed (default 0; paths are printed in full anyway)");

    static String traceExpression(List<String> syscalls) {
        return "trace=" + syscalls.stream().map(s -> "?" + s).collect(Collectors.joining(","));
    }

    /** The traced set an options map asks for: {@link #SYSCALLS}, or the subset named by {@code syscalls}. */
    static List<String> syscalls(Map<String, String> options) {
        String v = options.get(OPT_SYSCALLS);
        if (v == null || v.isBlank() || v.trim().equals("all")) return SYSCALLS;
        List<String> out = new ArrayList<>();
        for (String s : v.split("[,\\s]+")) {
            if (s.isEmpty()) continue;
            if (!SYSCALLS.contains(s)) {
                throw new IllegalArgumentException("The strace option " + OPT_SYSCALLS + " names '" + s + "', which strace"
                        + " is not set up to trace here." + org.tracebench.tracers.Tracers.didYouMean(s, SYSCALLS)
                        .map(c -> " Did you mean '" + c + "'?").orElse("") + " Choose from " + String.join(", ", SYSCALLS)
                        + ", or write all.");
            }
            if (!out.contains(s)) out.add(s);
        }
        if (!out.contains("openat")) {
            throw new IllegalArgumentException("The strace option " + OPT_SYSCALLS + " must include openat: the harness proves strace"
                    + " is tracing by an openat of a sentinel file before the measured window, so without it every trial"
                    + " would wait for it and fail; add openat to '" + v.trim() + "', or write all.");
        }
        if (!out.contains("exit_group")) out.add("exit_group"); // process ends stay visible to the parser
        return out;
    }

    /** {@link org.tracebench.tracers.Tracer#optionProblems} of both strace backends: the sentences {@link #base} throws. */
    static Map<String, String> optionProblems(Map<String, String> options) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        String strsize = options.getOrDefault(OPT_STRSIZE, "0");
        if (!strsize.matches("\\d{1,6}")) {
            problems.put(OPT_STRSIZE, "The strace option " + OPT_STRSIZE + " must be a number of bytes, not '" + strsize + "'.");
        }
        try {
            syscalls(options);
        } catch (IllegalArgumentException e) {
            problems.put(OPT_SYSCALLS, e.getMessage());
        }
        return problems;
    }

    /**
     * {@code strace -f -q -y -ttt -s N -e trace=... -o OUT}: follow threads and children, no attach notices (exit
     * lines stay), fds decoded to paths, epoch timestamps in microseconds, no buffer contents.
     */
    static List<String> base(String strace, Path out, Map<String, String> options) {
        Map<String, String> problems = optionProblems(options);
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.values().iterator().next());
        String strsize = options.getOrDefault(OPT_STRSIZE, "0");
        List<String> cmd = new ArrayList<>(List.of(strace, "-f", "-q", "-y", "-ttt", "-s", strsize,
                "-e", traceExpression(syscalls(options)), "-o", out.toString()));
        return cmd;
    }

    /** {@code strace -V}'s first line is {@code strace -- version 6.1}. */
    static Optional<String> version(String strace) {
        return Probes.run(List.of(strace, "-V"), Duration.ofSeconds(5)).flatMap(out -> {
            String first = out.lines().findFirst().orElse("");
            int v = first.indexOf("version ");
            return v < 0 ? Optional.empty() : Optional.of(first.substring(v + 8).trim());
        });
    }

    /** strace's availability; {@code needsRoot}: the backend attaches (ptrace of a process it did not start). */
    static Availability probe(boolean needsRoot, boolean root) {
        Optional<Path> bin = Probes.onPath("strace");
        if (bin.isEmpty()) return Availability.unavailable("strace is not installed.", "apt-get install -y strace");
        Optional<String> version = version(bin.get().toString());
        if (version.isEmpty()) {
            return Availability.unavailable("strace at " + bin.get() + " does not run (strace -V failed).",
                    "apt-get install --reinstall -y strace");
        }
        if (needsRoot && !root) {
            return Availability.needsRoot("Attaching to another process with ptrace needs root here.",
                    "run tracebench as root (sudo)");
        }
        return Availability.ok(version.get());
    }

    static String binary() {
        return Probes.onPath("strace").map(Path::toString).orElse("strace");
    }

    /**
     * The file operation each of {@link #SYSCALLS} is reported as (as {@link StraceParser} maps them; unlinkat is
     * UNLINK, or RMDIR with AT_REMOVEDIR; clone with CLONE_THREAD is OTHER, so FORK's are the process-creating calls).
     */
    static final Map<FileOp, List<String>> CALLS_OF = callsOf();

    private static Map<FileOp, List<String>> callsOf() {
        Map<FileOp, List<String>> m = new java.util.EnumMap<>(FileOp.class);
        m.put(FileOp.OPEN, List.of("open", "openat", "openat2", "creat"));
        m.put(FileOp.READ, List.of("read", "pread64"));
        m.put(FileOp.WRITE, List.of("write", "pwrite64"));
        m.put(FileOp.CLOSE, List.of("close"));
        m.put(FileOp.STAT, List.of("stat", "lstat", "fstat", "newfstatat", "statx"));
        m.put(FileOp.READDIR, List.of("getdents64"));
        m.put(FileOp.FSYNC, List.of("fsync", "fdatasync"));
        m.put(FileOp.TRUNCATE, List.of("truncate", "ftruncate"));
        m.put(FileOp.CHMOD, List.of("chmod", "fchmod", "fchmodat"));
        m.put(FileOp.CHOWN, List.of("chown", "fchown", "lchown", "fchownat"));
        m.put(FileOp.MKDIR, List.of("mkdir", "mkdirat"));
        m.put(FileOp.RMDIR, List.of("rmdir", "unlinkat"));
        m.put(FileOp.UNLINK, List.of("unlink", "unlinkat"));
        m.put(FileOp.RENAME, List.of("rename", "renameat", "renameat2"));
        m.put(FileOp.LINK, List.of("link", "linkat"));
        m.put(FileOp.SYMLINK, List.of("symlink", "symlinkat"));
        m.put(FileOp.EXEC, List.of("execve", "execveat"));
        m.put(FileOp.FORK, List.of("clone", "clone3", "fork", "vfork"));
        m.put(FileOp.EXIT, List.of("exit_group"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final Set<FileOp> WITH_PATH = Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE, FileOp.CLOSE,
            FileOp.STAT, FileOp.READDIR, FileOp.FSYNC, FileOp.TRUNCATE, FileOp.CHMOD, FileOp.CHOWN, FileOp.MKDIR,
            FileOp.RMDIR, FileOp.UNLINK, FileOp.RENAME, FileOp.LINK, FileOp.SYMLINK, FileOp.EXEC);
    private static final Set<FileOp> COUNT_ONLY = Set.of(FileOp.FORK, FileOp.EXIT);

    /**
     * What strace sees traced with {@code options} (values {@link #optionProblems} accepts): a {@code syscalls}
     * subset takes away every file operation none of whose calls it names ({@link Capabilities#notTracedByOption});
     * an operation some of whose calls it names stays, as strace reports those.
     */
    static Capabilities capabilities(Map<String, String> options, List<String> extraNotes) {
        List<String> traced = optionProblems(options).containsKey(OPT_SYSCALLS)
                ? SYSCALLS : syscalls(options); // a refused value never runs: describe the backend
        Map<FileOp, List<String>> leftOut = new java.util.EnumMap<>(FileOp.class);
        CALLS_OF.forEach((op, calls) -> {
            if (calls.stream().noneMatch(traced::contains)) leftOut.put(op, calls);
        });
        Set<FileOp> withPath = new java.util.HashSet<>(WITH_PATH);
        Set<FileOp> countOnly = new java.util.HashSet<>(COUNT_ONLY);
        withPath.removeAll(leftOut.keySet());
        countOnly.removeAll(leftOut.keySet());
        List<String> notes = new ArrayList<>(extraNotes);
        if (!leftOut.isEmpty()) {
            notes.add("Option " + OPT_SYSCALLS + " traces " + String.join(", ", traced) + " only, so this configuration"
                    + " does not trace " + leftOut.keySet().stream().map(FileOp::name).collect(Collectors.joining(", "))
                    + " (by option, not by design): the op kinds made of them are not traced, not missed.");
        }
        return new Capabilities(withPath, countOnly, true, false, false, notes(notes), false,
                new Capabilities.LeftOut(OPT_SYSCALLS, leftOut));
    }

    private static List<String> notes(List<String> extraNotes) {
        List<String> notes = new ArrayList<>(List.of(
                "ptrace stops the target twice per traced system call: the most complete and the most costly backend.",
                "Relative paths are resolved through the -y fd annotation of the dirfd (AT_FDCWD shows the cwd); "
                        + "old non-*at calls use the last cwd seen for that thread.",
                "Thread creation (clone with CLONE_THREAD) is reported as OTHER, not FORK; exit_group is EXIT.",
                "Children created with CLONE_UNTRACED escape tracing.",
                "Metadata-only calls outside the traced set (access, readlink, utimensat) are not traced."));
        notes.addAll(extraNotes);
        return notes;
    }
}
