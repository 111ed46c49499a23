package org.tracebench.tracers.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.TracerException;
import org.tracebench.tracers.proc.CompleteLines;
import org.tracebench.tracers.proc.OutputWatcher;
import org.tracebench.tracers.proc.Probes;
import org.tracebench.tracers.proc.TracerProcess;
import org.tracebench.tracers.sys.Tracefs;
import org.tracebench.tracers.sys.TracedSyscalls;

/**
 * One ftrace session: instance {@code instances/tracebench-<harness pid>-<n>}, events enabled for the target's
 * threads (and, through event-fork, everything they start), {@code trace_pipe} copied into {@code ftrace-trace.txt}
 * by a {@code cat} process or a Java thread. {@link #close}, a JVM shutdown hook and every failure path disable the
 * events and remove the instance (and any eprobes defined).
 */
final class FtraceSession implements TraceSession {
    private static final Set<FtraceSession> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(FtraceSession::close), "tracebench-ftrace-cleanup"));
    }

    private final Tracefs fs;
    private final Path instance;
    private final Target target;
    private final Path output;
    private final Path stderr;
    private final List<String> eprobes = new ArrayList<>();
    private final Map<Integer, Integer> tidToTgid = new ConcurrentHashMap<>();
    private final String eprobeGroup;
    private TracerProcess cat;
    private Thread javaReader;
    private FileChannel javaIn;
    private volatile boolean stopRequested;
    private volatile IOException readerFailure;
    /** The Java reader thread's id (its /proc/self/task entry), 0 until it runs or with the cat reader. */
    private volatile long readerTid;
    private TraceOutcome outcome;
    private volatile org.tracebench.tracers.ParseDiagnostics diagnostics = org.tracebench.tracers.ParseDiagnostics.NOT_COUNTED;

    private FtraceSession(Tracefs fs, Target target, Path workDir) {
        this.fs = fs;
        this.target = target;
        String id = Tracefs.newInstanceId(); // shared with doctor's probe instances: never the same name twice
        this.instance = fs.instancesDir().resolve(Tracefs.INSTANCE_PREFIX + id);
        this.eprobeGroup = "tracebench_" + id.replace('-', '_');
        this.output = workDir.resolve("ftrace-trace.txt");
        this.stderr = workDir.resolve("ftrace-reader-stderr.txt");
    }

    static FtraceSession start(Tracefs fs, Target target, Path workDir, int bufferKb, boolean javaReader, boolean eprobes)
            throws TracerException {
        FtraceSession s = new FtraceSession(fs, target, workDir);
        try {
            Files.createDirectories(workDir);
            Files.createDirectory(s.instance);
            LIVE.add(s);
            s.configure(bufferKb, eprobes);
            s.startReader(javaReader);
            Tracefs.write(s.instance.resolve("tracing_on"), "1");
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new TracerException("Could not set up ftrace instance " + s.instance + ": " + e.getMessage(), e);
        }
    }

    private void configure(int bufferKb, boolean withEprobes) throws IOException {
        Tracefs.write(instance.resolve("tracing_on"), "0");
        try {
            Tracefs.write(instance.resolve("buffer_size_kb"), Integer.toString(bufferKb));
        } catch (IOException e) {
            throw new IOException("the kernel refused a ring buffer of " + bufferKb + " KiB per CPU (the bufferSizeKb"
                    + " option): " + e.getMessage() + "; choose a smaller bufferSizeKb", e);
        }
        Tracefs.write(instance.resolve("options/record-tgid"), "1");
        Tracefs.write(instance.resolve("options/event-fork"), "1");
        Set<String> present = fs.syscallTracepoints();
        for (String sc : TracedSyscalls.OPS.keySet()) {
            if (!present.contains(sc)) continue;
            Tracefs.write(instance.resolve("events/syscalls/sys_enter_" + sc + "/enable"), "1");
            Tracefs.write(instance.resolve("events/syscalls/sys_exit_" + sc + "/enable"), "1");
            if (withEprobes && FtraceTracer.PATH_OPS.contains(TracedSyscalls.opOf(sc))) defineEprobe(sc);
        }
        for (String e : List.of("sched_process_exec", "sched_process_fork", "sched_process_exit")) {
            Tracefs.write(instance.resolve("events/sched/" + e + "/enable"), "1");
        }
        // set_event_pid filters by thread id: list every thread of the target and its descendants. event-fork is
        // already on, so threads created from now on are added by the kernel; list twice to close the gap. Each
        // write costs the kernel an RCU grace period (~35 ms here), so each pass writes its ids in as few writes as
        // possible: whole ids only, under 4 KiB each (the kernel parses every write on its own).
        for (int pass = 0; pass < 2; pass++) {
            StringJoiner ids = new StringJoiner(" ");
            for (Map.Entry<Long, Long> t : threadsOf(target.pid()).entrySet()) {
                if (tidToTgid.putIfAbsent(t.getKey().intValue(), t.getValue().intValue()) != null) continue;
                ids.add(Long.toString(t.getKey()));
                if (ids.length() > 3500) {
                    Tracefs.appendLine(instance.resolve("set_event_pid"), ids.toString());
                    ids = new StringJoiner(" ");
                }
            }
            if (ids.length() > 0) Tracefs.appendLine(instance.resolve("set_event_pid"), ids.toString());
        }
    }

    private void defineEprobe(String syscall) throws IOException {
        StringBuilder def = new StringBuilder("e:" + eprobeGroup + "/" + FtraceParser.EPROBE_PREFIX + syscall
                + " syscalls.sys_enter_" + syscall);
        int n = 0;
        for (String[] f : fs.fields("syscalls", "sys_enter_" + syscall)) {
            if (!TracedSyscalls.isPathField(f[0], f[1]) || n == 2) continue;
            def.append(n == 0 ? " path" : " path2").append("=+0($").append(f[1]).append("):ustring");
            n++;
        }
        if (n == 0) return;
        Tracefs.appendLine(fs.root().resolve("dynamic_events"), def.toString());
        eprobes.add(eprobeGroup + "/" + FtraceParser.EPROBE_PREFIX + syscall);
        Tracefs.write(instance.resolve("events/" + eprobeGroup + "/" + FtraceParser.EPROBE_PREFIX + syscall + "/enable"), "1");
    }

    /** Thread id to process id of every thread of {@code pid} and its descendants. */
    private static Map<Long, Long> threadsOf(long pid) {
        Map<Long, Long> tids = new java.util.LinkedHashMap<>();
        for (long p : Probes.processTree(pid)) {
            try (Stream<Path> s = Files.list(Path.of("/proc/" + p + "/task"))) {
                s.forEach(t -> tids.put(Long.parseLong(t.getFileName().toString()), p));
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        }
        if (tids.isEmpty()) tids.put(pid, pid);
        return tids;
    }

    private void startReader(boolean java) throws IOException {
        Path pipe = instance.resolve("trace_pipe");
        if (!java) {
            cat = TracerProcess.start(List.of("cat", pipe.toString()), Map.of(), output, stderr, false);
            return;
        }
        Files.writeString(stderr, "");
        javaIn = FileChannel.open(pipe, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        javaReader = new Thread(() -> {
            readerTid = currentTid();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
            try (out) {
                while (javaIn.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) out.write(buf);
                    buf.clear();
                }
            } catch (IOException e) {
                if (!stopRequested) readerFailure = e; // closing the channel at stop ends the read this way
            }
        }, "tracebench-ftrace-reader");
        javaReader.setDaemon(true);
        javaReader.start();
    }

    @Override
    public void awaitReady(Sentinel sentinel, Duration timeout) throws TracerException {
        FtraceParser parser = new FtraceParser(tidToTgid);
        String expect = sentinel.path().toString();
        OutputWatcher watcher = new OutputWatcher(output);
        try {
            boolean seen = watcher.await(line -> {
                TraceEvent e = parser.parse(line);
                if (e == null || e.pid() != target.pid() || e.op() != FileOp.OPEN) return false;
                return e.path() == null || e.path().equals(expect);
            }, sentinel.poke(), Duration.ofMillis(200), timeout, this::alive);
            if (!seen) {
                throw new TracerException("ftrace did not report an openat of the target (pid " + target.pid() + ") within "
                        + timeout.toMillis() + " ms of poking the sentinel " + expect + ".", stderrTail());
            }
        } catch (java.io.IOException e) {
            throw new TracerException("Could not read the ftrace output " + output + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TracerException("Interrupted while waiting for ftrace to become ready.", e);
        }
    }

    private List<String> stderrTail() {
        List<String> tail = new ArrayList<>(TracerProcess.tail(stderr, 20));
        if (readerFailure != null) tail.add("trace_pipe reader failed: " + readerFailure.getMessage());
        return tail;
    }

    @Override
    public List<Long> pids() { return cat != null ? cat.pids() : List.of(); }

    @Override
    public List<Long> harnessThreads() { return readerTid > 0 ? List.of(readerTid) : List.of(); }

    /** The calling thread's id, from /proc/thread-self ({@code PID/task/TID}); 0 where it cannot be read. */
    static long currentTid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public boolean alive() {
        if (!Files.isDirectory(instance)) return false;
        return cat != null ? cat.alive() : javaReader != null && javaReader.isAlive();
    }

    @Override
    public synchronized TraceOutcome stop(Duration grace) throws TracerException {
        if (outcome != null) return outcome;
        boolean died = !stopRequested && !alive();
        List<Long> pids = pids();
        stopRequested = true;
        // Threads the target started after attach (the JDK's process reaper, for one) may print "(-------)" for
        // their tgid in every line; learn their tgid while they still exist, so events() attributes them right.
        threadsOf(target.pid()).forEach((tid, tgid) -> tidToTgid.putIfAbsent(tid.intValue(), tgid.intValue()));
        long lostRecords = -1;
        try {
            if (Files.isDirectory(instance)) {
                Tracefs.write(instance.resolve("tracing_on"), "0");
                Tracefs.write(instance.resolve("events/enable"), "0");
                lostRecords = lostRecords();
            }
        } catch (IOException e) {
            // the instance vanished: reported as diedEarly through alive()
        }
        drain();
        int exit;
        if (cat != null) {
            boolean wasAlive = cat.alive();
            int code = cat.stop(grace);
            exit = wasAlive ? 0 : code; // cat on trace_pipe never ends by itself; SIGINT is the normal end
        } else {
            closeJavaReader();
            exit = readerFailure == null ? 0 : 1;
        }
        List<String> tail = stderrTail();
        close();
        long bytes = 0;
        try {
            bytes = Files.exists(output) ? Files.size(output) : 0;
        } catch (IOException ignored) {
            // size is informational
        }
        outcome = new TraceOutcome(exit, died, tail, syscallsOf(lostRecords), pids, List.of(output), bytes, lostRecords, null);
        return outcome;
    }

    /** Waits until the output file stops growing (trace_pipe drained), at most two seconds. */
    private void drain() {
        long last = -1;
        long deadline = System.nanoTime() + 2_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                long size = Files.exists(output) ? Files.size(output) : 0;
                if (size == last) return;
                last = size;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // nothing more to wait for
        }
    }

    /**
     * Lost syscalls from lost ring-buffer records (-1: unknown): each traced syscall is two records, its sys_enter and
     * its sys_exit, and the parser counts it at its exit, so half the records, rounded up. The kernel drops records in
     * runs (a page at a time), which hold about as many enters as exits: in a 128 KiB, 8-worker readstat trial,
     * 1537910 lost records halved plus the 193511 events seen came to 962k, the 412k operations' 7 syscalls per 3
     * operations. With eprobes a path syscall has a third record, so the halving is then an upper bound.
     */
    static long syscallsOf(long lostRecords) {
        return lostRecords < 0 ? -1 : (lostRecords + 1) / 2;
    }

    /** Sum of "overrun" and "dropped events" over per_cpu/cpu{@literal *}/stats: ring-buffer records, not syscalls. */
    long lostRecords() throws IOException {
        long lost = 0;
        try (Stream<Path> cpus = Files.list(instance.resolve("per_cpu"))) {
            for (Path cpu : (Iterable<Path>) cpus::iterator) {
                for (String line : Files.readAllLines(cpu.resolve("stats"))) {
                    if (line.startsWith("overrun:") || line.startsWith("dropped events:")) {
                        lost += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        }
        return lost;
    }

    private void closeJavaReader() {
        if (javaIn == null) return;
        try {
            javaIn.close(); // signals the blocked reader thread out of read(2)
            javaReader.join(2000);
        } catch (IOException ignored) {
            // closing is best effort; instance removal retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void events(Consumer<TraceEvent> sink) throws IOException {
        FtraceParser parser = new FtraceParser(tidToTgid);
        int cutLastLine = CompleteLines.forEach(output, line -> {
            TraceEvent e = parser.parse(line);
            if (e != null) sink.accept(e);
        });
        diagnostics = new org.tracebench.tracers.ParseDiagnostics(parser.unparsed() + cutLastLine, -1, parser.unparsedSamples());
    }

    @Override
    public org.tracebench.tracers.ParseDiagnostics parseDiagnostics() { return diagnostics; }

    /** Idempotent: stops the reader, disables events, removes the instance and the eprobes. */
    @Override
    public synchronized void close() {
        stopRequested = true;
        if (cat != null) cat.close();
        closeJavaReader();
        try {
            Tracefs.removeInstance(instance);
        } catch (IOException e) {
            System.err.println("tracebench: " + e.getMessage());
        }
        for (String ev : eprobes) {
            try {
                Tracefs.appendLine(fs.root().resolve("dynamic_events"), "-:" + ev);
            } catch (IOException ignored) {
                // already gone
            }
        }
        eprobes.clear();
        LIVE.remove(this);
    }

    Path instance() { return instance; }
}
