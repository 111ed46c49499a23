package org.tracebench.tracers.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.tracebench.tracers.proc.Probes;

/**
 * The tracefs file system: where it is mounted (from mountinfo) and what this kernel offers, probed at run time by
 * looking and, for dynamic events, by really trying. Instances tracebench creates are named
 * {@code tracebench-<ownerPid>-<n>} so that {@code doctor --cleanup} can tell stale ones from live ones.
 */
public final class Tracefs {
    public static final String INSTANCE_PREFIX = "tracebench-";
    /** The instance names the ftrace backend gives: {@code tracebench-<pid>-<sequence number>}. */
    private static final java.util.regex.Pattern INSTANCE_NAME =
            java.util.regex.Pattern.compile("tracebench-([1-9][0-9]{0,9})-[1-9][0-9]{0,9}");
    public static final String MOUNT_FIX = "mount -t tracefs nodev /sys/kernel/tracing";
    private static final AtomicInteger PROBE_SEQ = new AtomicInteger();
    private static final AtomicInteger INSTANCE_SEQ = new AtomicInteger();

    private final Path root;

    private Tracefs(Path root) { this.root = root; }

    /** The mounted tracefs, or empty when it is not mounted (fix: {@link #MOUNT_FIX}). */
    public static Optional<Tracefs> find() {
        return MountInfo.mountPointOf("tracefs").map(Tracefs::new);
    }

    /** A sentence saying why tracefs cannot be used, or empty when it is mounted and readable. */
    public static Optional<String> problem() {
        Optional<Tracefs> t = find();
        if (t.isEmpty()) return Optional.of("tracefs is not mounted (no tracefs entry in /proc/self/mountinfo).");
        if (!Files.isReadable(t.get().root.resolve("instances"))) {
            return Optional.of("tracefs at " + t.get().root + " has no readable instances/ directory (not root?).");
        }
        return Optional.empty();
    }

    public Path root() { return root; }

    public Path instancesDir() { return root.resolve("instances"); }

    /** Syscall names (without the sys_enter_ prefix) that have both an enter and an exit tracepoint. */
    public TreeSet<String> syscallTracepoints() {
        TreeSet<String> out = new TreeSet<>();
        Path dir = root.resolve("events/syscalls");
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sys_enter_"))
                    .map(n -> n.substring("sys_enter_".length()))
                    .filter(n -> Files.isDirectory(dir.resolve("sys_exit_" + n)))
                    .forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** True when {@code events/<system>/<event>} exists. */
    public boolean hasEvent(String system, String event) {
        return Files.isDirectory(root.resolve("events").resolve(system).resolve(event));
    }

    /** The fields of a tracepoint's format file after the common ones, as "type name" pairs (e.g. "const char * filename"). */
    public List<String[]> fields(String system, String event) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("events").resolve(system).resolve(event).resolve("format"))) {
            String t = line.trim();
            if (!t.startsWith("field:")) continue;
            String decl = t.substring(6, t.indexOf(';'));
            int sp = decl.lastIndexOf(' ');
            String name = decl.substring(sp + 1);
            if (name.startsWith("common_") || name.equals("__syscall_nr")) continue;
            out.add(new String[] {decl.substring(0, sp).trim(), name});
        }
        return out;
    }

    public boolean hasKprobeEvents() { return Files.exists(root.resolve("kprobe_events")); }

    public boolean hasDynamicEvents() { return Files.exists(root.resolve("dynamic_events")); }

    /** The function tracer is listed in available_tracers (it may still be unusable, see {@link #functionTracerProblem}). */
    public boolean functionTracerListed() {
        try {
            return List.of(Files.readString(root.resolve("available_tracers")).trim().split("\\s+")).contains("function");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the function tracer can really be set: in a temporary instance of tracebench's own naming (tracing off),
     * sets current_tracer to function and back to nop, then removes the instance on every path (one left by a killed
     * JVM is stale by its name, and doctor removes it). Empty when it works, else what was observed, e.g. "listed in
     * available_tracers, but setting it as current_tracer fails (operation not permitted, ...)".
     */
    public Optional<String> functionTracerProblem() {
        if (!functionTracerListed()) return Optional.of("available_tracers does not list it, so the kernel offers no function tracer.");
        Path instance = instancesDir().resolve(INSTANCE_PREFIX + newInstanceId());
        try {
            Files.createDirectory(instance);
        } catch (IOException e) {
            return Optional.of("listed in available_tracers; usability not checked (creating a temporary tracefs instance"
                    + " fails: " + IoFailure.reason(e) + ").");
        }
        try {
            write(instance.resolve("tracing_on"), "0");
            try {
                write(instance.resolve("current_tracer"), "function");
            } catch (IOException e) {
                return Optional.of("listed in available_tracers, but setting it as current_tracer fails ("
                        + refusal(e, LOCKDOWN) + ").");
            }
            write(instance.resolve("current_tracer"), "nop");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("listed in available_tracers; usability not checked (a temporary tracefs instance's"
                    + " control files cannot be written: " + IoFailure.reason(e) + ").");
        } finally {
            try {
                write(instance.resolve("current_tracer"), "nop");
            } catch (IOException ignored) {
                // never set, or the instance is gone
            }
            try {
                removeInstance(instance);
            } catch (IOException ignored) {
                // named as tracebench names instances: doctor lists it, run and doctor --cleanup remove it
            }
        }
    }

    /**
     * Empty when available_filter_functions can be read (bpftrace's kfunc/kprobe attachment needs it), else why not,
     * as observed: "operation not permitted, as root: ...".
     */
    public Optional<String> filterFunctionsProblem() {
        try (var in = Files.newInputStream(root.resolve("available_filter_functions"))) {
            in.read();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(refusal(e, LOCKDOWN));
        }
    }

    /** Where securityfs shows the kernel lockdown mode. */
    static final Path LOCKDOWN = Path.of("/sys/kernel/security/lockdown");

    /** The active mode in a lockdown file ({@code none [integrity] confidentiality} gives integrity); empty when unreadable. */
    static Optional<String> lockdownMode(Path file) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[([a-z]+)\\]").matcher(Files.readString(file));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a tracefs operation failed, as observed: the errno's words, and for EPERM as root (root lacks no permission,
     * so a security policy refuses it) what {@code lockdownFile} says, or that it could not be read.
     */
    static String refusal(IOException e, Path lockdownFile) {
        String why = IoFailure.reason(e);
        if (!why.equals("operation not permitted") || !Probes.isRoot()) return why;
        Optional<String> mode = lockdownMode(lockdownFile);
        String lockdown = mode.map(m -> m.equals("none")
                        ? "kernel lockdown is off (" + lockdownFile + ": none), so another security module does"
                        : "kernel lockdown is on (" + lockdownFile + ": " + m + ")")
                .orElse("whether kernel lockdown does is unknown: " + lockdownFile + " cannot be read"
                        + (MountInfo.mountPointOf("securityfs").isEmpty() ? ", securityfs not being mounted" : ""));
        return why + ", as root: a security policy refuses it; " + lockdown;
    }

    /**
     * Whether eprobes work: really defines one on sys_enter_openat fetching the file name as a user string, then
     * removes it. Returns empty when it works, else the sentence why not.
     */
    public Optional<String> eprobeProblem() {
        if (!hasDynamicEvents()) {
            return Optional.of(accessProblem().map(d -> d + ".")
                    .orElse("tracefs has no dynamic_events file (kernel without dynamic events)."));
        }
        if (!hasEvent("syscalls", "sys_enter_openat")) return Optional.of("the kernel has no syscalls/sys_enter_openat tracepoint.");
        String group = "tbprobe" + ProcessHandle.current().pid() + "_" + PROBE_SEQ.incrementAndGet();
        try {
            appendLine(root.resolve("dynamic_events"), "e:" + group + "/openat syscalls.sys_enter_openat path=+0($filename):ustring");
        } catch (IOException e) {
            return Optional.of("writing an eprobe definition to dynamic_events fails (" + e.getMessage()
                    + "): the kernel lacks CONFIG_EPROBE_EVENTS, so file names cannot be fetched.");
        }
        try {
            appendLine(root.resolve("dynamic_events"), "-:" + group + "/openat");
        } catch (IOException ignored) {
            // best effort; doctor lists leftovers
        }
        return Optional.empty();
    }

    /**
     * Whether kprobe events work: really defines one on {@code do_sys_openat2} through kprobe_events,
     * then removes it. Empty when it works, else the sentence why not.
     */
    public Optional<String> kprobeProblem() {
        Path file = root.resolve("kprobe_events");
        if (!hasKprobeEvents()) {
            return Optional.of(accessProblem().map(d -> d + ".")
                    .orElse("tracefs has no kprobe_events file: the kernel is built without CONFIG_KPROBES."));
        }
        String group = "tbprobe" + ProcessHandle.current().pid() + "_" + PROBE_SEQ.incrementAndGet();
        try {
            appendLine(file, "p:" + group + "/openat2 do_sys_openat2");
        } catch (IOException e) {
            return Optional.of("writing a kprobe definition to " + file.getFileName() + " fails (" + e.getMessage() + ").");
        }
        try {
            appendLine(file, "-:" + group + "/openat2");
        } catch (IOException ignored) {
            // best effort
        }
        return Optional.empty();
    }

    /** Appends one line to a control file (O_APPEND: dynamic_events and set_event_pid add rather than replace). */
    public static void appendLine(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Overwrites a control file with {@code value} (truncating write, as {@code echo value > file}). */
    public static void write(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** A new instance name's {@code <pid>-<n>}: this process's pid and a sequence number no other instance of it had. */
    public static String newInstanceId() {
        return ProcessHandle.current().pid() + "-" + INSTANCE_SEQ.incrementAndGet();
    }

    /**
     * Instances named {@code tracebench-<pid>-<n>} (as the ftrace backend names them) whose owning process is gone.
     *
     * @throws java.nio.file.AccessDeniedException when this process may not look (tracefs is root's, mode 0700)
     */
    public List<Path> staleInstances() throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.notExists(instancesDir())) return out; // not "cannot tell": that is an exception from the listing
        try (Stream<Path> s = Files.list(instancesDir())) {
            s.filter(p -> instanceOwner(p.getFileName().toString()).stream().anyMatch(pid -> !Cgroups.alive(pid)))
                    .forEach(out::add);
        }
        return out;
    }

    /** The owner's pid in an instance name {@code tracebench-<pid>-<n>}; empty for any other name, never touched. */
    static java.util.OptionalLong instanceOwner(String name) {
        return Cgroups.pidOf(INSTANCE_NAME.matcher(name));
    }

    /** Disables every event and tracing in an instance, then removes it (tracefs rmdir). Idempotent. */
    public static void removeInstance(Path instance) throws IOException {
        if (!Files.isDirectory(instance)) return;
        try {
            write(instance.resolve("tracing_on"), "0");
            write(instance.resolve("events/enable"), "0");
            write(instance.resolve("set_event_pid"), "");
        } catch (IOException ignored) {
            // removal below is what matters; it fails loudly if the instance is still busy
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.delete(instance);
                return;
            } catch (java.nio.file.NoSuchFileException gone) {
                return;
            } catch (IOException e) {
                last = e; // EBUSY while a reader still holds trace_pipe open
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (last == null) throw new java.io.InterruptedIOException("Interrupted while removing tracefs instance " + instance + ".");
        throw new IOException("Could not remove tracefs instance " + instance + ": " + IoFailure.reason(last) + ".", last);
    }

    /**
     * "cannot tell without root (permission denied reading PATH)" when this process may not look into tracefs (its
     * root is mode 0700), else empty: a file that cannot be looked at is not a file the kernel lacks.
     */
    public Optional<String> accessProblem() {
        try (Stream<Path> s = Files.list(root)) {
            s.findFirst();
            return Optional.empty();
        } catch (java.nio.file.AccessDeniedException e) {
            return Optional.of("cannot tell without root (permission denied reading " + root + ")");
        } catch (IOException e) {
            return Optional.empty(); // an other problem: the checks below name what they miss
        }
    }

    /** One-line summary of every capability, for {@code tracebench doctor}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        Optional<String> denied = accessProblem();
        if (denied.isPresent()) {
            for (String what : List.of("syscall tracepoints", "sched process events", "instances/", "kprobe events",
                    "dynamic_events", "eprobe events", "function tracer", "available_filter_functions")) {
                out.add(what + ": " + denied.get());
            }
            return out;
        }
        TreeSet<String> present = syscallTracepoints();
        out.add("syscall tracepoints: " + present.size());
        List<String> missing = TracedSyscalls.OPS.keySet().stream().filter(s -> !present.contains(s)).toList();
        out.add("traced syscalls without a tracepoint: " + (missing.isEmpty() ? "none" : String.join(", ", missing)));
        out.add("sched process events: " + (hasEvent("sched", "sched_process_fork") && hasEvent("sched", "sched_process_exec")));
        out.add("instances/: " + Files.isDirectory(instancesDir()));
        out.add("kprobe events: " + kprobeProblem().map(p -> "no, " + p).orElse("yes"));
        out.add("dynamic_events: " + hasDynamicEvents());
        out.add("eprobe events: " + eprobeProblem().map(p -> "no, " + p).orElse("yes"));
        out.add("function tracer: " + functionTracerProblem().map(p -> "no, " + p)
                .orElse("yes (set and reset in a temporary tracefs instance)"));
        out.add("available_filter_functions: " + filterFunctionsProblem().map(p -> "not readable (" + p + ")").orElse("readable"));
        return out;
    }
}
