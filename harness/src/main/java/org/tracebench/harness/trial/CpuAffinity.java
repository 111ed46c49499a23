package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tracebench.harness.suite.Pinning;
import org.tracebench.tracers.TraceSession;

/**
 * CPU affinity of whole processes, for the suite's {@code pinning}: set with util-linux {@code taskset -a -p}
 * (every thread; threads and children started later inherit it) and checked back in
 * {@code /proc/PID/task/TID/status}; a tracer's threads inside this JVM ({@link TraceSession#harnessThreads}) are
 * pinned one by one ({@code taskset -p}, that thread only). Linux only; thread-safe (no state).
 */
public final class CpuAffinity {
    private CpuAffinity() {}

    /** The CPUs this process may run on ({@code Cpus_allowed_list} of /proc/self/status), ascending. */
    public static List<Integer> allowedCpus() throws IOException {
        return parseList(statusField(Path.of("/proc/self/status"), "Cpus_allowed_list"));
    }

    /** {@code "0-2,5"} → [0, 1, 2, 5]. */
    public static List<Integer> parseList(String list) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) continue;
            String[] r = part.strip().split("-");
            int lo = Integer.parseInt(r[0].strip());
            int hi = r.length > 1 ? Integer.parseInt(r[1].strip()) : lo;
            for (int c = lo; c <= hi; c++) out.add(c);
        }
        return List.copyOf(out);
    }

    /**
     * Applies {@code mode} (nothing for {@link Pinning#NONE}) to a load generator and to the tracer's own processes,
     * after READY and before GO, and returns what trial.json (or micro's summary) records: the mode and the CPUs each
     * side is allowed, read back from /proc; null for {@code NONE}. The tracer's threads in this JVM (ftrace's
     * {@code reader: java}) go where its processes go; no other thread of this JVM is touched. Throws with a sentence
     * when it cannot pin.
     */
    public static Map<String, Object> apply(Pinning mode, long loadPid, TraceSession session)
            throws IOException, InterruptedException {
        if (mode == Pinning.NONE) return null;
        Pinning.Cpus cpus;
        try {
            cpus = mode.cpus(allowedCpus());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        pin(loadPid, cpus.load());
        TreeSet<Integer> tracerCpus = new TreeSet<>();
        for (long p : session.pids()) {
            if (p == loadPid) continue;
            pin(p, cpus.tracer());
            tracerCpus.addAll(cpusOf(p));
        }
        for (long tid : session.harnessThreads()) {
            pinOwnThread(tid, cpus.tracer());
            tracerCpus.addAll(cpusOfOwnThread(tid));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.yamlName());
        m.put("loadCpus", format(cpusOf(loadPid)));
        m.put("tracerCpus", format(List.copyOf(tracerCpus)));
        return m;
    }

    /** [0, 1, 3] → {@code "0,1,3"}, as taskset -c and trial.json take it. */
    public static String format(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * Restricts every thread of {@code pid} to {@code cpus} and checks that each one is; a thread started from an
     * unpinned thread while taskset walked them gets a second pass. Throws with a sentence when it cannot.
     */
    public static void pin(long pid, List<Integer> cpus) throws IOException, InterruptedException {
        for (int pass = 0; pass < 2; pass++) {
            taskset(pid, cpus);
            List<String> off = threadsNotOn(pid, cpus);
            if (off.isEmpty()) return;
            if (pass == 1) {
                throw new IOException("Could not pin process " + pid + " to CPU " + format(cpus) + ": its threads "
                        + String.join(", ", off) + " are not.");
            }
        }
    }

    /**
     * Restricts thread {@code tid} of this JVM, and only it, to {@code cpus} and checks that it is. A thread that has
     * ended is left alone (the session's liveness check judges that); an id that is no thread of this JVM is refused
     * before taskset runs, so a reused id of another process is never pinned.
     */
    public static void pinOwnThread(long tid, List<Integer> cpus) throws IOException, InterruptedException {
        Path task = Path.of("/proc/self/task", Long.toString(tid));
        if (!Files.isDirectory(task)) return;
        try {
            tasksetOnce(tid, cpus, false);
        } catch (IOException e) {
            if (!Files.isDirectory(task)) return;
            throw e;
        }
        List<Integer> now = cpusOfOwnThread(tid);
        if (!now.isEmpty() && !now.equals(cpus)) {
            throw new IOException("Could not pin the tracer's thread " + tid + " of the harness to CPU " + format(cpus)
                    + ": it may run on CPU " + format(now) + ".");
        }
    }

    /** The CPUs thread {@code tid} of this JVM may run on (empty when it has ended). */
    public static List<Integer> cpusOfOwnThread(long tid) throws IOException {
        Path task = Path.of("/proc/self/task", Long.toString(tid));
        try {
            return parseList(statusField(task.resolve("status"), "Cpus_allowed_list"));
        } catch (IOException e) {
            if (!Files.isDirectory(task)) return List.of(); // ended meanwhile
            throw e;
        }
    }

    /** The union of the CPUs the threads of {@code pid} may run on (empty when the process is gone). */
    public static List<Integer> cpusOf(long pid) throws IOException {
        TreeSet<Integer> all = new TreeSet<>();
        perThread(pid).values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private static List<String> threadsNotOn(long pid, List<Integer> cpus) throws IOException {
        List<String> off = new ArrayList<>();
        perThread(pid).forEach((tid, now) -> {
            if (!now.equals(cpus)) off.add(tid + " (CPU " + format(now) + ")");
        });
        return off;
    }

    /** Thread id → the CPUs it may run on, for every thread of {@code pid} still there. */
    private static Map<String, List<Integer>> perThread(long pid) throws IOException {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (Path task : tasks(pid)) {
            try {
                m.put(task.getFileName().toString(), parseList(statusField(task.resolve("status"), "Cpus_allowed_list")));
            } catch (IOException gone) {
                // the thread ended meanwhile
            }
        }
        return m;
    }

    private static List<Path> tasks(long pid) throws IOException {
        Path dir = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (java.nio.file.NoSuchFileException gone) {
            return List.of();
        }
    }

    /**
     * taskset -a sets each thread's affinity in turn and fails when a thread ends between its listing and its turn
     * (a JVM's short-lived threads: seen as a flaky "could not pin" of the load generator). Threads started later
     * inherit the affinity of the thread that starts them, so another pass pins what is left: up to three, while the
     * process lives.
     */
    private static void taskset(long pid, List<Integer> cpus) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                tasksetOnce(pid, cpus, true);
                return;
            } catch (IOException e) {
                if (attempt >= 3 || !Files.isDirectory(Path.of("/proc", Long.toString(pid)))) throw e;
            }
        }
    }

    /** taskset on {@code pid} with {@code -a} (every thread) when {@code allThreads}, else on that one thread id. */
    private static void tasksetOnce(long pid, List<Integer> cpus, boolean allThreads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-p", "-c", format(cpus), Long.toString(pid)));
        if (allThreads) cmd.add(1, "-a");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("The suite's 'pinning' needs taskset (apt-get install -y util-linux): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("taskset did not finish within 10 s while pinning process " + pid + ".");
        }
        if (p.exitValue() != 0) {
            String why = out.lines().filter(l -> l.contains("failed")).findFirst() // the error, not the last listing
                    .orElseGet(() -> out.lines().reduce((a, b) -> b).orElse("no output"));
            throw new IOException("taskset could not pin process " + pid + " to CPU " + format(cpus) + " (exit code "
                    + p.exitValue() + "): " + why);
        }
    }

    private static String statusField(Path status, String field) throws IOException {
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1).strip();
        }
        throw new IOException(status + " has no " + field + ".");
    }
}
