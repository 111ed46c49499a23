package org.tracebench.tracers.strace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.TracerProcess;

/**
 * {@code strace -f --seccomp-bpf ... -- COMMAND}: starts the target under strace with a seccomp filter so that only
 * the traced syscalls stop it, strace's answer to its own overhead. Launch mode only ({@code --seccomp-bpf} does
 * not work with {@code -p}). The session's {@link LaunchedSession#targetProcess()} is the strace process; its
 * stdin and stdout are the target's.
 */
public final class StraceSeccompTracer implements Tracer.Launching {
    private final Availability availability;

    public StraceSeccompTracer() {
        this(org.tracebench.tracers.proc.Probes.isRoot());
    }

    /** Probed as if tracebench ran as root or not. */
    public StraceSeccompTracer(boolean root) {
        availability = probe(root);
    }

    private static Availability probe(boolean root) {
        Availability base = StraceCommand.probe(false, true); // strace itself launches its target without root
        if (!base.available()) return base;
        String v = base.version().orElse("0");
        if (!atLeast(v, 5, 3)) {
            return Availability.unavailable("strace " + v + " lacks --seccomp-bpf (needs 5.3 or newer).",
                    "apt-get install -y strace (from a newer release)");
        }
        if (!seccompFilterSupported()) {
            return Availability.unavailable("The kernel does not offer seccomp filters (no Seccomp_filters in /proc/self/status).",
                    "use a kernel built with CONFIG_SECCOMP_FILTER");
        }
        if (!root) { // every check that can be made without root passed
            return Availability.needsRoot("strace-seccomp launches the target itself, but tracebench runs every trial's target"
                    + " in a cgroup v2 of its own, and creating one needs root.", "run tracebench as root (sudo)");
        }
        return base;
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] p = version.split("[.-]");
        try {
            int ma = Integer.parseInt(p[0]);
            int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return ma > major || ma == major && mi >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean seccompFilterSupported() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.startsWith("Seccomp"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() { return "strace-seccomp"; }

    @Override
    public String description() {
        return "strace -f --seccomp-bpf launching the target: only the traced syscalls stop it";
    }

    @Override
    public Availability availability() { return availability; }

    @Override
    public Map<String, String> options() { return StraceCommand.OPTIONS; }

    @Override
    public Map<String, String> optionProblems(Map<String, String> options) { return StraceCommand.optionProblems(options); }

    @Override
    public Capabilities capabilities() { return capabilities(Map.of()); }

    @Override
    public Capabilities capabilities(Map<String, String> options) {
        return StraceCommand.capabilities(options, List.of(
                "Launch mode only: strace starts the load generator (seccomp-bpf cannot be used with -p).",
                "The seccomp filter spares untraced syscalls; it does not help when the traced ones are the hot ones."));
    }

    @Override
    public LaunchedSession launch(List<String> command, Path workDir, Map<String, String> options) throws TracerException {
        if (!availability.available()) {
            throw new TracerException("strace-seccomp is unavailable: " + availability.reason(), List.of());
        }
        if (command.isEmpty()) throw new TracerException("The command to launch under strace is empty.", List.of());
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve("strace.txt");
            Path err = workDir.resolve("strace-stderr.txt");
            Files.deleteIfExists(out);
            List<String> cmd = new ArrayList<>(StraceCommand.base(StraceCommand.binary(), out, options));
            cmd.add(2, "--seccomp-bpf");
            cmd.add("--");
            cmd.addAll(command);
            TracerProcess p = TracerProcess.startPiped(cmd, Map.of(), err);
            return new Launched(name(), p, out, System.getProperty("user.dir"), command.get(0));
        } catch (IOException e) {
            throw new TracerException("Could not start strace: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TracerException(e.getMessage(), List.of());
        }
    }

    /** The strace process plus the target it started, remembered so that close() can end it even if strace died. */
    private static final class Launched extends StraceSession implements LaunchedSession {
        private volatile Optional<ProcessHandle> target = Optional.empty();

        Launched(String name, TracerProcess process, Path output, String cwd, String program) {
            this(name, process, output, cwd, program, new ProcessHandle[1]);
        }

        private Launched(String name, TracerProcess process, Path output, String cwd, String program, ProcessHandle[] child) {
            super(name, process, output, cwd, () -> child[0] != null && child[0].isAlive());
            this.child = child;
            this.program = Path.of(program).getFileName().toString();
            for (int i = 0; i < 300 && process.alive() && target().isEmpty(); i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }

        private final ProcessHandle[] child;
        private final String program;

        private static String commandName(ProcessHandle h) {
            return h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("");
        }

        /**
         * The target: strace's child running the launched program. strace also forks short-lived children of its
         * own at start (to probe ptrace and seccomp support), so the first child is not necessarily the target;
         * the handle is remembered so that it outlives a crash of strace.
         */
        private synchronized Optional<ProcessHandle> target() {
            if ((target.isEmpty() || !target.get().isAlive()) && process.alive()) {
                List<ProcessHandle> kids = process.process().children().filter(ProcessHandle::isAlive).toList();
                Optional<ProcessHandle> found = kids.stream().filter(h -> commandName(h).equals(program)).findFirst();
                if (found.isEmpty()) { // a wrapper (sh, env) runs under another name: anything strace has exec'd
                    found = kids.stream().filter(h -> !commandName(h).equals("strace") && !commandName(h).isEmpty()).findFirst();
                }
                if (found.isPresent()) {
                    target = found;
                    child[0] = found.get();
                }
            }
            return target;
        }

        @Override
        public Process targetProcess() { return process.process(); }

        /**
         * strace ends with its target and mirrors its status (137 for a target killed by SIGKILL): not early when
         * its output shows the target's end ({@code PID TIME +++ exited with} or {@code +++ killed by}), which a strace
         * killed itself never writes.
         */
        @Override
        protected boolean diedEarly() {
            return super.diedEarly() && !targetEndSeen();
        }

        private boolean targetEndSeen() {
            ProcessHandle t = child[0];
            if (t == null) return false;
            String pid = t.pid() + " "; // PID TIMESTAMP +++ ...
            return org.tracebench.tracers.proc.TracerProcess.tail(output, 200).stream()
                    .anyMatch(l -> l.startsWith(pid) && (l.contains(" +++ exited with ") || l.contains(" +++ killed by ")));
        }

        /**
         * strace's own processes, without the target it launched and the target's descendants: those are the load,
         * which the harness samples as the load. Counting them here put the load's CPU into the tracer's (tracer plus
         * load exceeded the machine's busy cores by 0.21-0.27 on mixed.yaml, where strace itself used ~0.25), and a
         * suite's pinning moved the load to the tracer's CPU.
         */
        @Override
        public List<Long> pids() {
            Optional<ProcessHandle> t = target();
            if (t.isEmpty() || !process.alive()) return super.pids();
            return org.tracebench.tracers.proc.Probes.processTree(process.process().pid(), t.get().pid());
        }

        /**
         * strace started with {@code -o FILE PROG} blocks SIGINT (its -I3 default), so stopping it means ending its
         * target: SIGTERM to the target, then strace exits by itself with the target's status.
         */
        @Override
        protected void beforeStop() {
            target().filter(ProcessHandle::isAlive).ifPresent(h -> {
                h.destroy();
                try {
                    process.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void close() {
            Optional<ProcessHandle> t = target();
            super.close();
            t.filter(ProcessHandle::isAlive).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }
}
