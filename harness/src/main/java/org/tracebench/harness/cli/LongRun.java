package org.tracebench.harness.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tracebench.tracers.proc.Probes;

/**
 * What {@code run} and {@code micro} share around their long work: the root check before it, and during it a JVM
 * shutdown hook (Ctrl-C, SIGTERM) that interrupts the thread which opened this guard and waits up to 30 s for
 * {@link #close}, so that the command's own cleanup (tracers, processes, cgroups, partial files) finishes before
 * the JVM exits. Open on the working thread; close in its {@code finally}, after the cleanup.
 */
final class LongRun implements AutoCloseable {
    /** The root check of the commands: the effective uid, like the tracers' own check. */
    static final BooleanSupplier EFFECTIVE_ROOT = Probes::isRoot;

    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    private LongRun(String hookName) {
        Thread worker = Thread.currentThread();
        hook = new Thread(() -> {
            worker.interrupt();
            try {
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, hookName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the shutdown hook (named {@code hookName}) for the calling thread. */
    static LongRun interruptOnShutdown(String hookName) {
        return new LongRun(hookName);
    }

    /** Lets a running hook return (cleanup is done) and removes it otherwise. */
    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that cleanup is done
        }
    }

    /**
     * Null when {@code root} says so, else the sentence: {@code <command> needs root: <cgroupUse>, and the tracers
     * [<tracerNames> ]attach to other processes ... Run it again with sudo[; <alternative>].}
     */
    static String rootProblem(BooleanSupplier root, String command, String cgroupUse, String tracerNames, String alternative) {
        if (root.getAsBoolean()) return null;
        return command + " needs root: " + cgroupUse + ", and the tracers " + (tracerNames.isEmpty() ? "" : tracerNames + " ")
                + "attach to other processes (ptrace), use fanotify, tracefs or BPF. Run it again with sudo"
                + (alternative == null ? "." : "; " + alternative + ".");
    }
}
