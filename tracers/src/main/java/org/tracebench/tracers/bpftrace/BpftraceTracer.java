package org.tracebench.tracers.bpftrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.Probes;
import org.tracebench.tracers.sys.SyscallNumbers;
import org.tracebench.tracers.sys.Tracefs;

/**
 * bpftrace with a generated program. Two variants: {@link #tracepoints()} ({@code bpftrace}: syscall tracepoints,
 * every variant of each op) and {@link #lsm()} ({@code bpftrace-lsm}: the Podman OCI hook's approach, one probe on
 * {@code kfunc:security_file_open} printing {@code path(file->f_path)}; sees opens only, never metadata-only access).
 * Options: {@code mode} ({@code paths}, default, or {@code counts}, far cheaper), {@code perfRbPages} (power of two,
 * sets BPFTRACE_PERF_RB_PAGES), {@code strLen} (BPFTRACE_STRLEN, default 128: two
 * longer strings in one printf exceed the 512-byte BPF stack on this bpftrace), {@code probes} ({@code raw}, default where this
 * architecture has a {@link SyscallNumbers} table: two {@code raw_syscalls} probes filtered by syscall number,
 * {@link BpftraceRawScript}; {@code per-syscall}: one {@code sys_enter_X}/{@code sys_exit_X} pair per traced
 * syscall, {@link BpftraceScript}, the default elsewhere). The layout sets how long attach and stop take (bpftrace
 * 0.17 detaches probes one by one, about 70 ms each) and the per-event cost. The system property
 * {@code tracebench.bpftrace.probes} changes the default for every command.
 */
public final class BpftraceTracer implements Tracer.Attaching {
    static final String INSTALL = "apt-get install -y bpftrace";
    private final boolean lsm;
    private final Availability availability;
    private final Capabilities capabilities;

    private BpftraceTracer(boolean lsm, boolean root) {
        this.lsm = lsm;
        this.availability = lsm ? probe(true, root) : layoutPropertyProblem()
                .map(why -> Availability.unavailable(why, "give -D" + LAYOUT_PROPERTY + " raw or per-syscall, or leave it unset"))
                .orElseGet(() -> probe(false, root));
        this.capabilities = lsm ? lsmCapabilities() : tracepointCapabilities();
    }

    public static BpftraceTracer tracepoints() { return tracepoints(org.tracebench.tracers.proc.Probes.isRoot()); }

    public static BpftraceTracer lsm() { return lsm(org.tracebench.tracers.proc.Probes.isRoot()); }

    /** Probed as if tracebench ran as root or not. */
    public static BpftraceTracer tracepoints(boolean root) { return new BpftraceTracer(false, root); }

    /** Probed as if tracebench ran as root or not. */
    public static BpftraceTracer lsm(boolean root) { return new BpftraceTracer(true, root); }

    @Override public String name() { return lsm ? "bpftrace-lsm" : "bpftrace"; }

    @Override public String description() {
        return lsm ? "bpftrace on kfunc:security_file_open (the Podman eBPF hook approach): opens with their paths"
                : "bpftrace on syscall tracepoints (" + defaultLayout() + " probes by default), generated from the traced syscall set";
    }

    @Override public Availability availability() { return availability; }

    @Override public Capabilities capabilities() { return capabilities; }

    @Override
    public Map<String, String> options() {
        if (lsm) { // one kfunc probe that always prints the path: mode and probes do not apply
            return Map.of("perfRbPages", "BPFTRACE_PERF_RB_PAGES, a power of two (default: bpftrace's)",
                    "strLen", "BPFTRACE_STRLEN, bytes of each printed string (default 128)");
        }
        return Map.of("mode", "paths (default: every event with its path) or counts (per-syscall counts, far cheaper)",
                "probes", "raw (default where a syscall table exists: two raw_syscalls probes) or per-syscall",
                "perfRbPages", "BPFTRACE_PERF_RB_PAGES, a power of two (default: bpftrace's)",
                "strLen", "BPFTRACE_STRLEN, bytes of each printed string (default 128, " + MIN_STRLEN + " to "
                        + MAX_STRLEN_PATHS + " in paths mode, to " + MAX_STRLEN + " in counts mode)");
    }

    /** Value of the option {@code probes}. */
    static final String RAW = "raw";
    /** Value of the option {@code probes}. */
    static final String PER_SYSCALL = "per-syscall";

    /** System property that overrides the default layout (for commands without per-tracer options, e.g. micro). */
    static final String LAYOUT_PROPERTY = "tracebench.bpftrace.probes";

    /**
     * The layout used when the option {@code probes} is absent: the system property {@value #LAYOUT_PROPERTY} when
     * set, else raw where the architecture has a number table, else per-syscall.
     */
    static String defaultLayout() {
        String p = System.getProperty(LAYOUT_PROPERTY);
        if (p != null && layoutPropertyProblem().isEmpty() && !p.isBlank()) return p.trim();
        return SyscallNumbers.current().isPresent() ? RAW : PER_SYSCALL;
    }

    /** Why the system property {@value #LAYOUT_PROPERTY} cannot be used (the backend is then unavailable), if it cannot. */
    static Optional<String> layoutPropertyProblem() {
        String p = System.getProperty(LAYOUT_PROPERTY, "").trim();
        if (p.isEmpty() || p.equals(RAW) || p.equals(PER_SYSCALL)) return Optional.empty();
        return Optional.of("The system property " + LAYOUT_PROPERTY + " must be raw or per-syscall, not '" + p + "'.");
    }

    /** The capability note naming the default layout and why. */
    static String layoutNote() {
        Optional<SyscallNumbers> nums = SyscallNumbers.current();
        String costs = "probes=per-syscall uses one sys_enter_X/sys_exit_X pair per traced syscall (78 probes on a 6.x"
                + " x86_64 kernel; bpftrace 0.17 detaches them one by one, about 70 ms each, at every stop).";
        String layout = defaultLayout();
        if (System.getProperty(LAYOUT_PROPERTY, "").isBlank() || layoutPropertyProblem().isPresent()) {
            if (nums.isEmpty()) {
                return "Probe layout: per-syscall: probes=raw needs a syscall number table, and there is none for os.arch '"
                        + System.getProperty("os.arch") + "' (known: amd64, aarch64); " + costs;
            }
        } else if (!layout.equals(RAW)) {
            return "Probe layout: " + layout + " (set by -D" + LAYOUT_PROPERTY + "); " + costs;
        }
        return "Probe layout: raw (default; option probes): tracepoint:raw_syscalls:sys_enter/sys_exit filtered by"
                + " the " + nums.map(SyscallNumbers::arch).orElse("?") + " syscall numbers, 2 probes that attach and"
                + " detach in a fraction of a second; " + costs + " Raw programs run for every syscall on the machine"
                + " (the target filter is inside them; with the pid-map filter a map lookup each); 32-bit (compat)"
                + " processes would be misread, their syscall numbers differ.";
    }

    @Override
    public Capabilities capabilities(Map<String, String> options) {
        if (lsm || !"counts".equals(options.get("mode"))) return capabilities;
        Set<FileOp> all = EnumSet.noneOf(FileOp.class);
        all.addAll(capabilities.withPath());
        all.addAll(capabilities.countOnly());
        List<String> notes = new ArrayList<>(List.of("Mode counts: per-syscall counts kept in the kernel, no paths and"
                + " no pids (every count is attributed to the target); nothing is printed per event, so no event is lost."));
        notes.add(layoutNote());
        return new Capabilities(Set.of(), all, true, true, false, notes);
    }

    static Capabilities tracepointCapabilities() {
        Set<FileOp> withPath = EnumSet.of(FileOp.OPEN, FileOp.STAT, FileOp.TRUNCATE, FileOp.CHMOD, FileOp.CHOWN,
                FileOp.MKDIR, FileOp.RMDIR, FileOp.UNLINK, FileOp.RENAME, FileOp.LINK, FileOp.SYMLINK, FileOp.EXEC);
        Set<FileOp> countOnly = EnumSet.of(FileOp.READ, FileOp.WRITE, FileOp.CLOSE, FileOp.READDIR, FileOp.FSYNC, FileOp.FORK);
        return new Capabilities(withPath, countOnly, true, true, false, List.of(
                "Paths are printed as the process passed them: relative ones (dirfd-based) are reported without a path.",
                "Paths longer than 127 bytes are truncated (BPFTRACE_STRLEN 128: two paths in one printf must fit the"
                        + " 512-byte BPF stack).",
                "fd-based variants (fstat, fchmod, fchown, ftruncate) have no path.",
                "execve's file name read at syscall enter comes back empty for fork+exec children (the page is not"
                        + " mapped yet); the name is then taken from sched_process_exec (successful execs only).",
                "Mode counts reports per-syscall counts only, without paths, at a fraction of the cost.",
                "Lost events come from bpftrace's 'Lost N events' lines (on stdout in 0.17; perf ring buffer,"
                        + " BPFTRACE_PERF_RB_PAGES): one printed line each, so one per syscall (execve prints two).",
                layoutNote()));
    }

    static Capabilities lsmCapabilities() {
        return new Capabilities(EnumSet.of(FileOp.OPEN), EnumSet.noneOf(FileOp.class), true, true, false, List.of(
                "The LSM file_open hook sees opens only: no metadata-only access (stat, chmod, rename, link)."));
    }

    private static Availability probe(boolean lsm, boolean root) {
        Run version = run(List.of(Probes.exe("bpftrace"), "--version"), 10);
        if (version == null) return Availability.unavailable("bpftrace is not installed.", INSTALL);
        if (!root) { // tracefs and the probes cannot be checked without root
            return Availability.needsRoot("bpftrace needs root to load BPF programs" + (lsm
                    ? " (and to find out whether this kernel lets it attach kfunc or lsm probes)." : "."), "run tracebench as root");
        }
        String v = version.stdout.trim().replace("bpftrace ", "");
        if (Tracefs.find().isEmpty()) {
            return Availability.unavailable("tracefs is not mounted, and bpftrace reads tracepoint formats from it.", Tracefs.MOUNT_FIX);
        }
        if (!lsm) return Availability.ok(v);
        // Really try: both probe kinds the Podman hook approach can use.
        Run kfunc = run(List.of(Probes.exe("bpftrace"), "-e", "kfunc:security_file_open { exit(); }"), 30);
        if (kfunc != null && kfunc.exit == 0) return Availability.ok(v);
        Run lsmProbe = run(List.of(Probes.exe("bpftrace"), "-e", "lsm:file_open { exit(); }"), 30);
        if (lsmProbe != null && lsmProbe.exit == 0) return Availability.ok(v);
        return lsmUnavailable(v, errorLine(kfunc), errorLine(lsmProbe), Tracefs.find().flatMap(Tracefs::filterFunctionsProblem));
    }

    /**
     * Why neither probe attached, from what was observed only: each probe's error, then as causes an unreadable
     * available_filter_functions ({@code filterFunctions}: why, which kfunc probes need) and a parser that
     * refuses lsm: ("Invalid probe type"); the fix names what each observed cause needs, or the kernel features
     * both probe kinds need when no cause was seen.
     */
    static Availability lsmUnavailable(String version, String kfuncError, String lsmError, Optional<String> filterFunctions) {
        List<String> causes = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        filterFunctions.ifPresent(why -> {
            causes.add("bpftrace needs available_filter_functions to attach kfunc probes, and reading it fails (" + why + ")");
            fixes.add("a kernel that lets root read /sys/kernel/tracing/available_filter_functions (for kfunc probes)");
        });
        if (lsmError.contains("Invalid probe type")) {
            causes.add("bpftrace " + version + "'s parser does not accept lsm: probes");
            fixes.add("a bpftrace whose parser accepts lsm: probes");
        }
        String why = "bpftrace " + version + " cannot attach kfunc:security_file_open (" + kfuncError
                + ") nor lsm:file_open (" + lsmError + ")" + (causes.isEmpty() ? "" : ": " + String.join("; ", causes)) + ".";
        return Availability.unavailable(why, fixes.isEmpty()
                ? "a kernel with BTF and dynamic ftrace (readable available_filter_functions) for kfunc probes, or with CONFIG_BPF_LSM for lsm: probes"
                : String.join(", or ", fixes));
    }

    private static String errorLine(Run r) {
        if (r == null) return "bpftrace did not run";
        String last = "exit code " + r.exit;
        for (String line : r.stderr.split("\n")) {
            if ((line.contains("ERROR") || line.contains("FATAL")) && !BpftraceSession.harmless(line)) last = line.trim();
        }
        return last;
    }

    private record Run(int exit, String stdout, String stderr) {}

    /** Runs a short command, output to temp files; null when it cannot be started or does not end in time. */
    private static Run run(List<String> cmd, int timeoutSeconds) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("tracebench-probe", ".out");
            err = Files.createTempFile("tracebench-probe", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return null;
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            try {
                if (out != null) Files.deleteIfExists(out);
                if (err != null) Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // temp files
            }
        }
    }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) throws TracerException {
        if (!availability.available()) throw new TracerException(name() + " is unavailable: " + availability.reason(), List.of());
        for (String problem : optionProblems(options).values()) throw new TracerException(problem, List.of());
        String mode = options.getOrDefault("mode", "paths");
        String layout = options.getOrDefault("probes", defaultLayout());
        Map<String, String> env = new HashMap<>();
        if (options.containsKey("perfRbPages")) env.put("BPFTRACE_PERF_RB_PAGES", Integer.toString(positive(options.get("perfRbPages"))));
        int strLen = positive(options.getOrDefault("strLen", "128"));
        env.put("BPFTRACE_STRLEN", Integer.toString(strLen));
        boolean counts = mode.equals("counts") && !lsm;
        Optional<String> sentinel = target.sentinel().map(Path::toString);
        if (counts && sentinel.isEmpty()) {
            throw new TracerException("bpftrace's counts mode needs the sentinel path when it attaches (Target.sentinel),"
                    + " so that its readiness probe prints that path alone and nothing during the measured window.", List.of());
        }
        if (sentinel.isPresent()) {
            Optional<String> tooShort = sentinelProblem(options, Path.of(sentinel.get()));
            if (tooShort.isPresent()) throw new TracerException(tooShort.get(), List.of());
        }
        List<Long> seeds = new ArrayList<>();
        seeds.add(target.pid());
        ProcessHandle.of(target.pid()).ifPresent(ph -> ph.descendants().forEach(d -> seeds.add(d.pid())));
        Optional<String> cg = target.cgroupDir().map(Path::toString);
        String script;
        if (lsm) {
            String filter = cg.map(d -> "cgroup == cgroupid(\"" + d + "\")").orElse("@tb[pid]");
            StringBuilder b = new StringBuilder();
            if (cg.isEmpty()) {
                b.append("BEGIN {");
                seeds.forEach(p -> b.append(" @tb[").append(p).append("] = 1;"));
                b.append(" }\ntracepoint:sched:sched_process_fork /@tb[pid]/ { @tb[args->child_pid] = 1; }\n");
            }
            b.append("kfunc:security_file_open /").append(filter)
                    .append("/ { printf(\"%llu\\t%d\\tfile_open\\t0\\t%s\\n\", nsecs, pid, path(args->file->f_path)); }\n");
            if (cg.isEmpty()) b.append("END { clear(@tb); }\n");
            script = b.toString();
        } else {
            try {
                List<BpftraceScript.Call> calls = BpftraceScript.calls(Tracefs.find().orElseThrow());
                script = layout.equals(RAW)
                        ? BpftraceRawScript.generate(calls, SyscallNumbers.current().orElseThrow(), cg, seeds, counts, sentinel, strLen - 1)
                        : BpftraceScript.generate(calls, cg, seeds, counts, sentinel, strLen - 1);
            } catch (IOException e) {
                throw new TracerException("Could not read the syscall tracepoint formats: " + e.getMessage(), e);
            }
        }
        // str() keeps strLen - 1 bytes and the NUL; path() (lsm) is not documented to obey BPFTRACE_STRLEN
        return BpftraceSession.start(name(), script, env, target, workDir, counts, lsm ? 0 : strLen - 1);
    }

    /**
     * Paths mode recognises the sentinel by the {@code strLen} − 1 bytes str() keeps of each printed path
     * ({@link #strLenProblem}); counts mode compares it in the kernel (first and last 63 bytes, and its length) and
     * bpftrace-lsm's path() is not cut at BPFTRACE_STRLEN, so neither depends on it.
     */
    @Override
    public Optional<String> sentinelProblem(Map<String, String> options, Path sentinel) {
        if (lsm || "counts".equals(options.getOrDefault("mode", "paths"))) return Optional.empty();
        return strLenProblem(sentinel.toString(), positive(options.getOrDefault("strLen", "128")));
    }

    @Override
    public Map<String, String> optionProblems(Map<String, String> options) {
        Map<String, String> problems = new LinkedHashMap<>();
        String mode = options.getOrDefault("mode", "paths");
        if (!mode.equals("paths") && !mode.equals("counts")) {
            problems.put("mode", "The bpftrace option mode must be paths or counts, not '" + mode + "'.");
        }
        String layout = lsm ? RAW : options.getOrDefault("probes", defaultLayout()); // lsm: one kfunc probe
        if (!layout.equals(RAW) && !layout.equals(PER_SYSCALL)) {
            problems.put("probes", "The bpftrace option probes must be raw or per-syscall, not '" + layout + "'.");
        } else if (!lsm && layout.equals(RAW) && SyscallNumbers.current().isEmpty()) {
            problems.put("probes", "The bpftrace option probes=raw needs a syscall number table, and there is none for"
                    + " os.arch '" + System.getProperty("os.arch") + "'; use probes=per-syscall.");
        }
        String pages = options.get("perfRbPages");
        if (pages != null) {
            int n = positive(pages);
            if (n <= 0) problems.put("perfRbPages", positiveProblem("perfRbPages", pages));
            else if (Integer.bitCount(n) != 1) {
                problems.put("perfRbPages", "The bpftrace option perfRbPages must be a power of two, not " + n + ".");
            }
        }
        String strLen = options.get("strLen");
        if (strLen != null) {
            int n = positive(strLen);
            boolean modeKnown = lsm || problems.get("mode") == null; // a refused mode: only bpftrace's own limit
            int max = modeKnown && (lsm || mode.equals("paths")) ? MAX_STRLEN_PATHS : MAX_STRLEN;
            if (n <= 0) problems.put("strLen", positiveProblem("strLen", strLen));
            else if (n < MIN_STRLEN) {
                problems.put("strLen", "The bpftrace option strLen must be at least " + MIN_STRLEN + ", not " + n
                        + ": its programs keep strLen - 1 bytes of each path, too few to tell the harness's sentinel"
                        + " file (an absolute path in the results directory) from other files.");
            } else if (n > max) {
                problems.put("strLen", "The bpftrace option strLen must be at most " + max + (lsm ? " for bpftrace-lsm"
                        : modeKnown ? " in " + mode + " mode" : "") + ", not " + n + (max == MAX_STRLEN
                        ? ": bpftrace refuses a larger BPFTRACE_STRLEN." : ": with a larger one the program's strings"
                        + " exceed the 512-byte BPF stack and bpftrace refuses to load it."));
            }
        }
        return problems;
    }

    /** Smallest {@code strLen} accepted. */
    static final int MIN_STRLEN = 16;
    /** Largest BPFTRACE_STRLEN bpftrace 0.17 accepts ("exceeds the current maximum of 200 bytes"). */
    static final int MAX_STRLEN = 200;
    /** Largest {@code strLen} whose paths-mode programs fit the BPF stack (found by trying: 153 fails in both layouts). */
    public static final int MAX_STRLEN_PATHS = 152;

    /**
     * Why a program whose str() keeps {@code strLen} − 1 bytes could not tell {@code sentinel} from other files, if
     * it could not: the kept bytes must reach into the name of the sentinel's directory (the harness's own, per
     * trial); a longer sentinel is then recognised by those bytes.
     */
    static Optional<String> strLenProblem(String sentinel, int strLen) {
        int keep = strLen - 1;
        Path dir = Path.of(sentinel).getParent();
        Path above = dir == null ? null : dir.getParent();
        if (above == null || utf8(sentinel) <= keep) return Optional.empty();
        String a = above.toString();
        int need = utf8(a.endsWith("/") ? a : a + "/") + 1;
        if (keep >= need) return Optional.empty();
        String head = "The bpftrace option strLen " + strLen + " keeps only the first " + keep + " bytes of each"
                + " path, too few to tell the sentinel " + sentinel + " (" + utf8(sentinel) + " bytes) from other files:"
                + " they must reach into the name of its directory; ";
        return Optional.of(head + (need + 1 <= MAX_STRLEN_PATHS
                ? "give strLen " + (need + 1) + " or more, or write the results under a shorter path (--out)."
                : "no strLen paths mode accepts (at most " + MAX_STRLEN_PATHS + ") is enough here, so write the results"
                        + " under a path at least " + (need + 1 - MAX_STRLEN_PATHS) + " bytes shorter (--out), or use"
                        + " mode: counts."));
    }

    private static int utf8(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }

    /** The positive integer {@code s} holds, else 0. */
    private static int positive(String s) {
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String positiveProblem(String option, String s) {
        return "The bpftrace option " + option + " must be a positive integer, not '" + s + "'.";
    }
}
