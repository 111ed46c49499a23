package org.tracebench.tracers.strace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.Probes;
import org.tracebench.tracers.proc.TracerProcess;

/**
 * {@code strace -f -p PID}: attaches every thread of the running target (and of its children already running) and
 * follows the threads and children it creates, tracing {@link StraceCommand#SYSCALLS} into {@code strace.txt} in the work directory.
 */
public final class StraceTracer implements Tracer.Attaching {
    private final Availability availability;

    public StraceTracer() {
        this(Probes.isRoot());
    }

    /** Probed as if tracebench ran as root or not. */
    public StraceTracer(boolean root) {
        availability = StraceCommand.probe(true, root);
    }

    @Override
    public String name() { return "strace"; }

    @Override
    public String description() {
        return "ptrace: strace -f -p PID attached to every thread, file and process syscalls, fds decoded to paths (-y)";
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
    public Capabilities capabilities(Map<String, String> options) { return StraceCommand.capabilities(options, List.of()); }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) throws TracerException {
        if (!availability.available()) throw new TracerException("strace is unavailable: " + availability.reason(), List.of());
        if (!ProcessHandle.of(target.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new TracerException("The target process " + target.pid() + " is not running.", List.of());
        }
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve("strace.txt");
            Path err = workDir.resolve("strace-stderr.txt");
            Files.deleteIfExists(out);
            String cwd = Probes.cwdOf(target.pid()).orElse(null);
            List<String> cmd = new ArrayList<>(StraceCommand.base(StraceCommand.binary(), out, options));
            for (long pid : Probes.processTree(target.pid())) { // children already running are attached too
                cmd.add("-p");
                cmd.add(Long.toString(pid));
            }
            TracerProcess p = TracerProcess.start(cmd, Map.of(), null, err, false);
            long pid = target.pid();
            return new StraceSession(name(), p, out, cwd,
                    () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } catch (IOException e) {
            throw new TracerException("Could not start strace: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TracerException(e.getMessage(), List.of());
        }
    }
}
