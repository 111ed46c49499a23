package org.tracebench.loadgen.op;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.tracebench.loadgen.sys.RawExec;

/**
 * Exec ops: start a binary as a child process and wait for it. {@code execute-subproc} and {@code fork} run the
 * same code; what differs is the JVM-wide launch mechanism ({@link LaunchMechanisms}): the JDK reads
 * {@code jdk.lang.Process.launchMechanism} once per process. The child's stdin reads /dev/null and its output is
 * discarded, so it can neither consume nor corrupt the control protocol on the load generator's stdio. Where the
 * JDK internals are available the child is started and reaped through {@link RawExec} (same launch mechanism, no
 * reaper thread); otherwise through {@code ProcessBuilder}.
 */
final class ExecOps {
    private static final File DEV_NULL = new File("/dev/null");

    private ExecOps() {}

    /** Builds and runs the command; the pid goes to {@code pids} right after the start. */
    static final class Launcher {
        private final List<String> args;
        private final LongConsumer pids;
        private boolean tryRaw;
        private RawExec raw;
        private Path lastPath;
        private ProcessBuilder builder;

        Launcher(List<String> args, LongConsumer pids, boolean jdkInternals) {
            this.args = List.copyOf(args);
            this.pids = pids == null ? pid -> { } : pids;
            this.tryRaw = jdkInternals;
        }

        int run(Path binary) throws IOException, InterruptedException {
            if (tryRaw) {
                // Created at the first run, when LaunchMechanisms has set the JVM-wide mechanism for the task file.
                raw = RawExec.createOrNull(System.getProperty(LaunchMechanisms.PROPERTY, "POSIX_SPAWN"), args);
                tryRaw = false;
            }
            if (raw != null) {
                long pid;
                try {
                    pid = raw.start(binary);
                } catch (IOException e) {
                    return runPublic(binary); // throws the JDK's own "Cannot run program" exception
                }
                pids.accept(pid);
                return raw.waitFor(pid);
            }
            return runPublic(binary);
        }

        private int runPublic(Path binary) throws IOException, InterruptedException {
            if (!binary.equals(lastPath)) {
                List<String> cmd = new ArrayList<>(1 + args.size());
                cmd.add(binary.toString());
                cmd.addAll(args);
                builder = new ProcessBuilder(cmd)
                        .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                lastPath = binary;
            }
            Process p = builder.start();
            pids.accept(p.pid());
            return p.waitFor();
        }
    }

    /** Exit status of a child killed by signal 9: 0x80 + 9 from waitpid through the JDK, as from a shell. */
    static final int SIGKILLED = 0x80 + 9;

    static IOException exitFailure(Path binary, int code) {
        if (code == SIGKILLED) return new ChildKilledException(binary);
        return new NonZeroExitException(binary, code);
    }

    /** Start the binary from the worker thread and wait for it (posix_spawn, vfork or fork+exec, JVM-wide). */
    static final class Subproc implements Op {
        private final OpKind kind;
        private final Launcher launcher;

        Subproc(OpKind kind, List<String> args, LongConsumer pids, boolean jdkInternals) {
            this.kind = kind;
            this.launcher = new Launcher(args, pids, jdkInternals);
        }

        @Override public OpKind kind() { return kind; }

        @Override
        public void perform(Path path) throws Exception {
            int code = launcher.run(path);
            if (code != 0) throw exitFailure(path, code);
        }
    }

    /** Start a fresh platform thread that starts the binary and waits for it; join the thread. */
    static final class Subthread implements Op {
        private final Launcher launcher;
        private int code;
        private Exception failure;

        Subthread(List<String> args, LongConsumer pids, boolean jdkInternals) {
            this.launcher = new Launcher(args, pids, jdkInternals);
        }

        @Override public OpKind kind() { return OpKind.EXECUTE_SUBTHREAD; }

        @Override
        public void perform(Path path) throws Exception {
            failure = null;
            Thread t = new Thread(() -> {
                try {
                    code = launcher.run(path);
                } catch (Exception e) {
                    failure = e;
                }
            }, "tracebench-exec");
            t.start();
            t.join(); // join gives happens-before for code and failure
            if (failure != null) throw failure;
            if (code != 0) throw exitFailure(path, code);
        }
    }
}
