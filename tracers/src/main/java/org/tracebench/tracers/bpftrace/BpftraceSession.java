package org.tracebench.tracers.bpftrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.ParseDiagnostics;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.CompleteLines;
import org.tracebench.tracers.proc.ExitStatus;
import org.tracebench.tracers.proc.OutputWatcher;
import org.tracebench.tracers.proc.TracerProcess;

/**
 * One bpftrace process running a generated program; stdout to {@code bpftrace-out.txt}, stderr to
 * {@code bpftrace-stderr.txt}. Ready only once the sentinel path shows up in its output ("Attaching N probes..." is
 * printed before the probes are attached and proves nothing).
 */
final class BpftraceSession implements TraceSession {
    private final String name;
    private final Target target;
    private final TracerProcess process;
    private final boolean counts;
    private final Duration minimumGrace;
    private final int pathLimitBytes;
    private TraceOutcome outcome;
    private volatile ParseDiagnostics diagnostics = ParseDiagnostics.NOT_COUNTED;

    private BpftraceSession(String name, Target target, TracerProcess process, boolean counts, Duration minimumGrace,
                            int pathLimitBytes) {
        this.name = name;
        this.target = target;
        this.process = process;
        this.counts = counts;
        this.minimumGrace = minimumGrace;
        this.pathLimitBytes = pathLimitBytes;
    }

    /**
     * How long bpftrace needs after SIGINT: it detaches its probes one by one before END runs and it exits, and
     * each detach waits for the kernel (measured here with strace: 78 tracepoint probes, SIGINT at +0 s, END
     * program loaded at +5.5 s, about 70 ms a probe). A shorter grace ends in SIGKILL, exit -1 and a lost tail.
     */
    static Duration detachGrace(String script) {
        long probes = script.lines().filter(l -> l.startsWith("tracepoint:") || l.startsWith("kfunc:")
                || l.startsWith("lsm:") || l.startsWith("kprobe:")).count();
        return Duration.ofMillis(2_000 + 150 * probes);
    }

    /** {@code pathLimitBytes}: the length at which the program's printed paths are cut, 0 when they are not. */
    static BpftraceSession start(String name, String script, Map<String, String> env, Target target, Path workDir,
                                 boolean counts, int pathLimitBytes) throws TracerException {
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("tracebench.bt");
            Files.writeString(file, script);
            TracerProcess p = TracerProcess.start(List.of(org.tracebench.tracers.proc.Probes.exe("bpftrace"), file.toString()), env,
                    workDir.resolve("bpftrace-out.txt"), workDir.resolve("bpftrace-stderr.txt"), false);
            return new BpftraceSession(name, target, p, counts, detachGrace(script), pathLimitBytes);
        } catch (IOException e) {
            throw new TracerException("Could not start bpftrace: " + e.getMessage(), e);
        }
    }

    @Override
    public void awaitReady(Sentinel sentinel, Duration timeout) throws TracerException {
        String expect = sentinel.path().toString();
        BpftraceParser parser = new BpftraceParser();
        OutputWatcher watcher = new OutputWatcher(process.stdoutFile());
        try {
            boolean seen = watcher.await(line -> {
                if (line.startsWith(BpftraceScript.SENTINEL_TAG + "\t")) {
                    int t = line.indexOf('\t', BpftraceScript.SENTINEL_TAG.length() + 1);
                    return t > 0 && isSentinel(line.substring(t + 1), expect, pathLimitBytes);
                }
                TraceEvent e = parser.parse(line);
                return e != null && e.op() == FileOp.OPEN && isSentinel(e.path(), expect, pathLimitBytes);
            }, sentinel.poke(), Duration.ofMillis(250), timeout, process::alive);
            if (seen) return;
            if (!process.alive()) {
                List<String> tail = process.stderrTail(20);
                throw new TracerException(exitedBeforeSentinel(name, process.exitCode(), expect, tail), tail);
            }
            throw new TracerException(name + " did not report the sentinel " + expect + " within " + timeout.toMillis()
                    + " ms.", process.stderrTail(20));
        } catch (IOException e) {
            throw new TracerException("Could not read the " + name + " output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException("Interrupted while waiting for " + name + " to become ready.", e);
        }
    }

    /**
     * True when {@code printed} is {@code sentinel} as a program whose str() keeps {@code limitBytes} bytes prints it:
     * whole, or (0: no limit) its first {@code limitBytes} UTF-8 bytes, or the whole characters of those when the cut
     * splits one (bpftrace then prints the broken character, which decoding replaces).
     */
    static boolean isSentinel(String printed, String sentinel, int limitBytes) {
        if (printed == null) return false;
        if (printed.equals(sentinel)) return true;
        byte[] s = sentinel.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (limitBytes <= 0 || s.length <= limitBytes) return false;
        int cut = limitBytes;
        while (cut > 0 && (s[cut] & 0xC0) == 0x80) cut--;
        String whole = new String(s, 0, cut, java.nio.charset.StandardCharsets.UTF_8);
        // each byte of the broken character decodes to at most one replacement character
        return printed.startsWith(whole) && printed.length() - whole.length() <= limitBytes - cut
                && printed.substring(whole.length()).chars().allMatch(c -> c == '\uFFFD');
    }

    /**
     * Why bpftrace ended before it reported the sentinel: how it exited and its last stderr lines, past the
     * {@link #harmless} ones (those stay in the tail that trial.json and tracer-stderr.txt keep).
     */
    static String exitedBeforeSentinel(String name, int exitCode, String sentinel, List<String> stderrTail) {
        List<String> telling = stderrTail.stream().filter(l -> !harmless(l)).toList();
        return name + " " + ExitStatus.describe(exitCode) + " before it reported the sentinel " + sentinel
                + (telling.isEmpty() ? "." : "; its stderr ends: " + String.join(" | ", telling.subList(Math.max(0, telling.size() - 3), telling.size())));
    }

    /**
     * A stderr line bpftrace prints on every run here and that is no sign of trouble: it cannot raise RLIMIT_MEMLOCK
     * (kernels since 5.11 charge BPF memory to the cgroup instead), says so as an ERROR, and works anyway.
     */
    static boolean harmless(String line) {
        return line.contains("couldn't set RLIMIT_MEMLOCK");
    }

    @Override
    public List<Long> pids() { return process.pids(); }

    @Override
    public boolean alive() { return process.alive(); }

    @Override
    public synchronized TraceOutcome stop(Duration grace) {
        if (outcome != null) return outcome;
        boolean died = process.diedEarly();
        List<Long> pids = process.pids();
        if (pids.isEmpty()) pids = List.of(process.pid());
        int exit = process.stop(grace.compareTo(minimumGrace) < 0 ? minimumGrace : grace);
        // counts mode prints nothing per event but the readiness lines: a loss there costs no count (kept in the map)
        long lost = counts ? 0 : lostEvents(process.stderrFile()) + lostInOutput(process.stdoutFile());
        long bytes = 0;
        try {
            bytes = Files.size(process.stdoutFile());
        } catch (IOException ignored) {
            // informational
        }
        outcome = new TraceOutcome(exit, died, process.stderrTail(20), lost, pids, List.of(process.stdoutFile()), bytes);
        return outcome;
    }

    /**
     * Sum of the {@code Lost N events} lines in the output: bpftrace 0.17 prints them on stdout between events
     * (measured: 1-page ring buffers, 68.7k opens, 36.2k printed, Lost lines summing to 32.5k). A byte scan, so that
     * stop stays fast on large outputs.
     */
    static long lostInOutput(Path stdout) {
        byte[] key = "\nLost ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long total = 0;
        try (java.io.InputStream in = Files.newInputStream(stdout)) {
            byte[] buf = new byte[1 << 16];
            byte[] window = new byte[buf.length + 64];
            int carry = 1;
            window[0] = '\n';
            for (int n; (n = in.read(buf)) > 0; ) {
                System.arraycopy(buf, 0, window, carry, n);
                int len = carry + n;
                int i = 0;
                for (; i + key.length + 24 <= len; i++) {
                    if (window[i] != '\n' || window[i + 1] != 'L' || !java.util.Arrays.equals(window, i, i + key.length, key, 0, key.length)) continue;
                    long v = 0;
                    int j = i + key.length;
                    while (window[j] >= '0' && window[j] <= '9') v = v * 10 + (window[j++] - '0');
                    total += v;
                }
                carry = len - i; // keep the tail that may hold a split "\nLost N events"
                System.arraycopy(window, i, window, 0, carry);
            }
            for (int i = 0; i + key.length < carry; i++) {
                if (java.util.Arrays.equals(window, i, i + key.length, key, 0, key.length)) {
                    long v = 0;
                    for (int j = i + key.length; j < carry && window[j] >= '0' && window[j] <= '9'; j++) v = v * 10 + (window[j] - '0');
                    total += v;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** Sum of every {@code Lost N events} line in bpftrace's stderr. */
    static long lostEvents(Path stderr) {
        long[] lost = {0};
        try {
            CompleteLines.forEach(stderr, line -> {
                long n = BpftraceParser.lostEvents(line);
                if (n > 0) lost[0] += n;
            });
        } catch (IOException e) {
            return -1;
        }
        return lost[0];
    }

    /**
     * Paths mode: one event per output line. Counts mode: per-syscall counts become that many events without path
     * or timestamp, attributed to the target pid (the program does not split counts by process).
     */
    @Override
    public void events(Consumer<TraceEvent> sink) throws IOException {
        BpftraceParser parser = new BpftraceParser();
        int cutLastLine = CompleteLines.forEach(process.stdoutFile(), line -> {
            TraceEvent e = parser.parse(line);
            if (e != null) sink.accept(e);
        });
        diagnostics = new ParseDiagnostics(parser.unparsed() + cutLastLine, -1, parser.samples());
        if (!counts) return;
        for (Map.Entry<String, Long> c : parser.counts().entrySet()) {
            FileOp op = org.tracebench.tracers.sys.TracedSyscalls.opOf(c.getKey());
            for (long i = 0; i < c.getValue(); i++) sink.accept(new TraceEvent(-1, (int) target.pid(), op, c.getKey(), null, null, true));
        }
    }

    @Override
    public ParseDiagnostics parseDiagnostics() { return diagnostics; }

    /** Paths mode's str() paths; 0 in counts mode (no paths) and for bpftrace-lsm. */
    @Override
    public int pathLimitBytes() { return counts ? 0 : pathLimitBytes; }

    @Override
    public void close() { process.close(); }
}
