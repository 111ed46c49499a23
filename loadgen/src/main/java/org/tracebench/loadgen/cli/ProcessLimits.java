package org.tracebench.loadgen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's limit on processes and threads, as /proc/self/limits says it, for messages. */
final class ProcessLimits {
    private ProcessLimits() {}

    /** "now 22" (the soft limit of "Max processes"), or "now unknown" where /proc cannot say. */
    static String describe() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (!line.startsWith("Max processes")) continue;
                String[] f = line.substring("Max processes".length()).trim().split("\\s+");
                return "now " + f[0];
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "now unknown";
    }
}
