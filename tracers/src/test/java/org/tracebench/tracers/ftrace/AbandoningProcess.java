package org.tracebench.tracers.ftrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceSession;

/**
 * A JVM that starts an ftrace session on itself, prints its instance path and the reader's pid, then either exits
 * without closing the session ({@code exit}) or waits to be killed by a signal ({@code wait}); the shutdown hooks
 * must remove the instance and the reader. Arguments: {@code exit|wait WORKDIR} (the session's work directory,
 * which the test owns and removes).
 */
public final class AbandoningProcess {
    private AbandoningProcess() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[1]));
        TraceSession s = new FtraceTracer().attach(new Target(ProcessHandle.current().pid(), Optional.empty()), work, Map.of());
        System.out.println(((FtraceSession) s).instance() + " " + s.pids().get(0));
        System.out.flush();
        if (args[0].equals("exit")) System.exit(3);
        Thread.sleep(60_000);
    }
}
