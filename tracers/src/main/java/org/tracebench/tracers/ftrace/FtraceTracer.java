package org.tracebench.tracers.ftrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.sys.TracedSyscalls;

/**
 * ftrace through tracefs directly, in an instance of its own. Syscall tracepoints carry user pointers, not names:
 * with eprobes (CONFIG_EPROBE_EVENTS) the backend fetches file names; without them (this project's reference
 * machine) it reports per-syscall counts only and says so in its capabilities. Options: {@code bufferSizeKb}
 * (per CPU, default 4096), {@code reader} ({@code cat}, default, or {@code java}).
 *
 * <p>Reader cost, measured here (2 cores, busy machine, python open/read/close loop, 4 syscalls traced): a
 * {@code cat trace_pipe} process used 16.5-16.7 ms CPU per MB of trace text, a Java thread copying trace_pipe through
 * a FileChannel 17.7-18.8 ms per MB (thread CPU time only). They cost about the same; {@code cat} is the default
 * because it is a bit cheaper. The Java thread's CPU is the tracer's too: the session names it
 * ({@link org.tracebench.tracers.TraceSession#harnessThreads}) and the harness counts it as tracer CPU.
 */
public final class FtraceTracer implements Tracer.Attaching {
    /** Ops that carry a path argument, which an eprobe can fetch. */
    static final Set<FileOp> PATH_OPS = EnumSet.of(FileOp.OPEN, FileOp.STAT, FileOp.TRUNCATE, FileOp.CHMOD, FileOp.CHOWN,
            FileOp.MKDIR, FileOp.RMDIR, FileOp.UNLINK, FileOp.RENAME, FileOp.LINK, FileOp.SYMLINK);

    private final Availability availability;
    private final Capabilities capabilities;
    private final boolean eprobes;

    public FtraceTracer() {
        this(org.tracebench.tracers.proc.Probes.isRoot());
    }

    /** Probed as if tracebench ran as root or not (without root, tracefs cannot be checked). */
    public FtraceTracer(boolean root) {
        Optional<String> problem = Tracefs.problem();
        Optional<Tracefs> fs = Tracefs.find();
        if (!root) {
            availability = Availability.needsRoot("ftrace needs root to write tracefs control files.", "run tracebench as root");
        } else if (problem.isPresent()) {
            availability = Availability.unavailable(problem.get(), Tracefs.MOUNT_FIX);
        } else if (!fs.get().syscallTracepoints().contains("openat") || !fs.get().hasEvent("sched", "sched_process_exec")) {
            availability = Availability.unavailable("the kernel has no syscall or sched tracepoints (CONFIG_FTRACE_SYSCALLS off).", "");
        } else {
            availability = Availability.ok("kernel " + System.getProperty("os.version"));
        }
        eprobes = availability.available() && fs.get().eprobeProblem().isEmpty();
        capabilities = capabilities(eprobes);
    }

    static Capabilities capabilities(boolean eprobes) {
        Set<FileOp> all = EnumSet.noneOf(FileOp.class);
        all.addAll(TracedSyscalls.OPS.values());
        all.add(FileOp.EXIT);
        Set<FileOp> withPath = EnumSet.of(FileOp.EXEC); // sched_process_exec carries the file name
        if (eprobes) withPath.addAll(PATH_OPS);
        Set<FileOp> countOnly = EnumSet.copyOf(all);
        countOnly.removeAll(withPath);
        List<String> notes = new ArrayList<>();
        if (eprobes) {
            notes.add("File names are fetched by eprobes on sys_enter_* (+0($field):ustring); fd-based calls have no path.");
        } else {
            notes.add("countOnly: syscall tracepoints carry user pointers, not names, and this kernel has no kprobe or eprobe"
                    + " dynamic events to fetch them, so only per-syscall counts are reported (exec paths come from"
                    + " sched_process_exec).");
        }
        notes.add("Follows children and new threads with set_event_pid and the event-fork option.");
        notes.add("Lost events are syscalls, as with every backend: the ring buffer's lost records (overrun and dropped"
                + " events in per_cpu/cpu*/stats, trial.json's lostRecords) halved, a syscall being an enter and an exit"
                + " record" + (eprobes ? " (a path syscall's eprobe adds a third, so this is an upper bound)." : "."));
        return new Capabilities(withPath, countOnly, true, true, false, notes);
    }

    @Override public String name() { return "ftrace"; }

    @Override public String description() { return "ftrace syscall and sched tracepoints in a tracefs instance of its own"; }

    @Override public Availability availability() { return availability; }

    @Override public Capabilities capabilities() { return capabilities; }

    @Override
    public Map<String, String> options() {
        return Map.of("bufferSizeKb", "the per-CPU ring buffer of the trace instance, in KiB (default 4096; all CPUs' together at most half of MemAvailable)",
                "reader", "what reads trace_pipe: cat (default) or java (a harness thread, whose CPU counts as the tracer's)");
    }

    @Override
    public Map<String, String> optionProblems(Map<String, String> options) {
        Map<String, String> problems = new LinkedHashMap<>();
        String buffer = options.getOrDefault("bufferSizeKb", "4096");
        try {
            int kb = Integer.parseInt(buffer);
            if (kb <= 0) throw new NumberFormatException();
            String memory = bufferProblem(kb, onlineCpus(), memAvailableKb());
            if (memory != null) problems.put("bufferSizeKb", memory);
        } catch (NumberFormatException e) {
            problems.put("bufferSizeKb", "The ftrace option bufferSizeKb must be a positive integer, not '" + buffer + "'.");
        }
        String reader = options.getOrDefault("reader", "cat");
        if (!reader.equals("cat") && !reader.equals("java")) {
            problems.put("reader", "The ftrace option reader must be cat or java, not '" + reader + "'.");
        }
        return problems;
    }

    /**
     * Why {@code perCpuKb} of ring buffer on each of {@code cpus} CPUs cannot be had, or null: the kernel allocates it
     * at once from free memory and fails with ENOMEM when it cannot, and what it can give must leave room for the
     * load, so the whole may take at most half of {@code availableKb} (MemAvailable; negative: unknown, no check).
     */
    static String bufferProblem(long perCpuKb, int cpus, long availableKb) {
        if (availableKb < 0 || perCpuKb * cpus <= availableKb / 2) return null;
        return "The ftrace option bufferSizeKb asks for " + perCpuKb + " KiB per CPU, " + perCpuKb * cpus + " KiB on this"
                + " machine's " + cpus + " CPUs, more than half of the " + availableKb + " KiB of memory available now"
                + " (MemAvailable in /proc/meminfo), which the ring buffer shares with the load; choose at most "
                + Math.max(1, availableKb / 2 / cpus) + ".";
    }

    /** CPUs the kernel keeps a ring buffer for: the online ones ({@code /sys/devices/system/cpu/online}, e.g. 0-1). */
    static int onlineCpus() {
        try {
            int n = 0;
            for (String part : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                String[] r = part.split("-");
                n += r.length == 1 ? 1 : Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
            }
            return Math.max(1, n);
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** MemAvailable of /proc/meminfo in KiB, or -1. */
    static long memAvailableKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // unknown: no check
        }
        return -1;
    }

    /** Whether this kernel lets the backend fetch file names (eprobes). */
    public boolean fetchesPaths() { return eprobes; }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) throws TracerException {
        if (!availability.available()) throw new TracerException("ftrace is unavailable: " + availability.reason(), List.of());
        for (String problem : optionProblems(options).values()) throw new TracerException(problem, List.of());
        int bufferKb = Integer.parseInt(options.getOrDefault("bufferSizeKb", "4096"));
        String reader = options.getOrDefault("reader", "cat");
        return FtraceSession.start(Tracefs.find().orElseThrow(), target, workDir, bufferKb, reader.equals("java"), eprobes);
    }
}
