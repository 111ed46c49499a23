package org.tracebench.tracers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests that send SIGINT to a child: a JVM started as a background job of a non-interactive shell (a script's
 * {@code mvn test &}) ignores SIGINT, its children inherit that, and a shell cannot trap nor a JVM hook a signal
 * ignored at its start. strace and bpftrace install their SIGINT handlers whatever they inherit (checked: SigCgt
 * bit 1 set with SIGINT ignored at exec); a reader that keeps it ignored gets SIGTERM from TracerProcess.
 */
public final class Sigint {
    private Sigint() {}

    /** True when this JVM started with SIGINT ignored (bit 1 of SigIgn in /proc/self/status). */
    public static boolean ignoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2L) != 0;
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to undo
        }
        return false;
    }

    /** {@code command}, started with SIGINT's default disposition ({@code env --default-signal=INT}) where this JVM ignores it. */
    public static List<String> defaulted(List<String> command) {
        if (!ignoredHere()) return command;
        List<String> c = new ArrayList<>(List.of("env", "--default-signal=INT"));
        c.addAll(command);
        return c;
    }
}
