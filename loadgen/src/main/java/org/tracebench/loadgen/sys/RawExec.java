package org.tracebench.loadgen.sys;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a child as {@code ProcessBuilder} would (the same native {@code forkAndExec}: posix_spawn, vfork or fork,
 * then exec) and waits for it with {@code waitpid} on the calling thread. {@code ProcessBuilder.start} +
 * {@code waitFor} hands each child to the JDK's reaper thread and opens /dev/null three times per start; here the
 * caller reaps its own child and /dev/null stays open (stdin, stdout, stderr of every child), so the calling
 * thread's system calls are those of a C loop's {@code posix_spawn}/{@code fork} and {@code waitpid}.
 *
 * <p>Owned by one thread at a time. Every started child must be waited for with {@link #waitFor}; nobody else
 * reaps it.
 */
public final class RawExec {
    private final int mode;
    private final byte[] argBlock;
    private final int argc;
    // Kept referenced: a FileInputStream/FileOutputStream that becomes unreachable closes its descriptor.
    private final FileInputStream stdin;
    private final FileOutputStream stdout;
    private final FileOutputStream stderr;
    private final int stdinFd, stdoutFd, stderrFd;
    private final int[] fds = new int[3];
    private Path lastPath;
    private byte[] prog;

    private RawExec(int mode, List<String> args) throws IOException {
        this.mode = mode;
        byte[][] each = new byte[args.size()][];
        int size = each.length; // one NUL per argument, as ProcessImpl builds the block
        for (int i = 0; i < each.length; i++) {
            each[i] = args.get(i).getBytes();
            size += each[i].length;
        }
        argBlock = new byte[size];
        int at = 0;
        for (byte[] a : each) {
            System.arraycopy(a, 0, argBlock, at, a.length);
            at += a.length + 1;
        }
        argc = each.length;
        stdin = new FileInputStream("/dev/null");
        stdout = new FileOutputStream("/dev/null");
        stderr = new FileOutputStream("/dev/null");
        stdinFd = fd(stdin.getFD());
        stdoutFd = fd(stdout.getFD());
        stderrFd = fd(stderr.getFD());
    }

    /**
     * A launcher for the arguments after the binary, with the JDK launch mechanism {@code mechanism} (FORK,
     * POSIX_SPAWN or VFORK), or null when {@link JdkInternals#available()} is false or the name is unknown.
     */
    public static RawExec createOrNull(String mechanism, List<String> args) throws IOException {
        int mode = JdkInternals.launchMode(mechanism);
        return mode < 0 ? null : new RawExec(mode, args);
    }

    /** Starts {@code binary} with stdin from /dev/null and output discarded; returns its pid. */
    public long start(Path binary) throws IOException {
        if (binary != lastPath) {
            byte[] b = binary.toString().getBytes();
            prog = java.util.Arrays.copyOf(b, b.length + 1);
            lastPath = binary;
        }
        fds[0] = stdinFd;
        fds[1] = stdoutFd;
        fds[2] = stderrFd; // forkAndExec overwrites the array with pipe ends (none here): set it each time
        try {
            return (int) Handles.FORK_AND_EXEC.invokeExact(mode, Handles.SPAWN_HELPER, prog, argBlock, argc,
                    (byte[]) null, 0, (byte[]) null, fds, false);
        } catch (Throwable t) {
            throw RawFiles.failure("Cannot run program \"" + binary + "\"", null, t);
        }
    }

    /** waitpid for a child {@link #start} returned: its exit status, or 0x80 + signal number when killed. */
    public int waitFor(long pid) {
        try {
            return (int) Handles.WAIT_FOR_EXIT.invokeExact(pid, true);
        } catch (Throwable t) {
            RawFiles.rethrowUnchecked(t);
            throw new IllegalStateException("waitForProcessExit0 threw a checked exception", t);
        }
    }

    private static int fd(FileDescriptor d) {
        return (int) Handles.FD.get(d);
    }
}
