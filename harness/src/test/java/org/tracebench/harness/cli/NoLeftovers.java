package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tracebench.tracers.sys.Cgroups;
import org.tracebench.tracers.sys.Tracefs;

/** Asserts that a harness process left no cgroup, tracefs instance or process behind. */
final class NoLeftovers {
    private NoLeftovers() {}

    /** Cgroups and tracefs instances named after {@code ownerPid}, plus any live process in {@code pids}. */
    static void assertNone(long ownerPid, List<Long> pids) throws IOException {
        List<String> left = new ArrayList<>();
        String prefix = Cgroups.PREFIX + ownerPid + "-";
        Cgroups.v2Root().ifPresent(root -> left.addAll(list(root, prefix)));
        Path instances = Path.of("/sys/kernel/tracing/instances");
        if (Files.isDirectory(instances)) left.addAll(list(instances, Tracefs.INSTANCE_PREFIX + ownerPid + "-"));
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .ifPresent(h -> left.add("process " + pid + " " + h.info().commandLine().orElse("?")));
        }
        assertEquals(List.of(), left, "nothing may be left behind");
    }

    /**
     * For a test whose runs use the default work root (a task without workRoot, or fake stale roots): closing it
     * removes {@code /var/tmp/tracebench} again when the test made it and left it empty (a SIGKILLed load generator
     * cannot remove what it created).
     */
    static AutoCloseable defaultWorkRootRestorer() {
        Path root = org.tracebench.loadgen.task.TaskFiles.DEFAULT_WORK_ROOT;
        boolean existed = Files.exists(root);
        return () -> {
            try {
                if (!existed) Files.deleteIfExists(root);
            } catch (java.nio.file.DirectoryNotEmptyException inUse) {
                // something else works in the default root meanwhile; it is theirs now
            }
        };
    }

    /** This JVM's live descendants (tracers, load generators) with their command lines. */
    static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    private static List<String> list(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).map(n -> dir.resolve(n).toString()).toList();
        } catch (IOException e) {
            return List.of("(cannot list " + dir + ": " + e.getMessage() + ")");
        }
    }
}
