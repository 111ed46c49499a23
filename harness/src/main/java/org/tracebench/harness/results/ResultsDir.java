package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code results/<suite>-<yyyyMMdd-HHmmss>/}: manifest.json, {@code trials/<dir>/} per trial. A trial is recorded
 * when its trial.json exists (it is written last, atomically), and finished when that trial.json says "ok": an
 * invalid or unreadable one runs again on {@code --resume}, its old directory moved to
 * {@code replaced/<dir>.<n>/} first (results are never lost). Anything else in a trial directory is the debris of an
 * interrupted trial and is removed before that trial runs again. A run or resume holds {@link #LOCK_FILE} locked
 * ({@link #lock}) while it writes there; report and compare only read and never take it.
 */
public final class ResultsDir {
    /** The file a run or resume holds locked for as long as it runs ({@link HarnessLock}); it holds the run's pid. */
    public static final String LOCK_FILE = ".tracebench.lock";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path dir;

    private ResultsDir(Path dir) { this.dir = dir; }

    /** Creates a fresh directory {@code <base>/<suite>-<timestamp>} (adding -2, -3... if that second is taken). */
    /** The name {@link #create} gives a run of {@code suite} started at {@code now} (before any "-2" for a clash). */
    public static String stem(String suite, LocalDateTime now) {
        return suite + "-" + STAMP.format(now);
    }

    public static ResultsDir create(Path base, String suite, LocalDateTime now) throws IOException {
        Files.createDirectories(base);
        String stem = stem(suite, now);
        for (int i = 1; ; i++) {
            Path d = base.resolve(i == 1 ? stem : stem + "-" + i);
            try {
                Files.createDirectory(d);
                Files.createDirectory(d.resolve("trials"));
                return new ResultsDir(d.toAbsolutePath());
            } catch (FileAlreadyExistsException e) {
                if (i > 100) throw e;
            }
        }
    }

    /** Opens an existing results directory for {@code --resume}; it must hold a manifest.json. */
    public static ResultsDir open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new IOException(dir + " is not a tracebench results directory (it has no manifest.json).");
        }
        Files.createDirectories(dir.resolve("trials"));
        return new ResultsDir(dir.toAbsolutePath().normalize());
    }

    public Path dir() { return dir; }

    /**
     * Locks this directory for one run or resume, which holds it from before it touches the trials and manifest.json of
     * a directory another run may know until it ends: two runs of one directory would run the same missing trials, each deleting the
     * trial directory the other is writing. Throws {@link HarnessLock.Held}, whose message names the directory and
     * the other harness's pid, when another run holds it.
     */
    public HarnessLock lock() throws IOException {
        try {
            return HarnessLock.acquire(dir.resolve(LOCK_FILE));
        } catch (HarnessLock.Held h) {
            throw new HarnessLock.Held(dir + " is in use by another tracebench run" + h.pidText() + ": two runs of one"
                    + " results directory would run the same missing trials and delete each other's; nothing was run."
                    + " Let it finish (or end it), then resume again.", h);
        }
    }

    public Path trialDir(TrialSpec t) { return dir.resolve("trials").resolve(t.dirName()); }

    /** True when the trial's trial.json exists: it ran, ok, invalid, or with a file since damaged. */
    public boolean recorded(TrialSpec t) { return Files.isRegularFile(trialDir(t).resolve("trial.json")); }

    /** True when the trial's trial.json says it ran ok, and report can read it: it must not run again. */
    @SuppressWarnings("unchecked")
    public boolean finished(TrialSpec t) {
        if (!recorded(t)) return false;
        Path tj = trialDir(t).resolve("trial.json");
        try {
            return readJson(tj) instanceof Map<?, ?> m && "ok".equals(m.get("status"))
                    && org.tracebench.harness.report.ResultsReader.wrongType(tj, (Map<String, Object>) m) == null;
        } catch (IOException e) {
            return false; // unreadable: runs again, its file moved aside
        }
    }

    /**
     * The trials of {@code plan} a run or resume runs, in plan order: every one not {@link #finished}, and with it the
     * other trial of its pair in a paired ABBA block (positions 1 and 2, 3 and 4), finished or not, so that both trials
     * of a pair run one after the other in one session: a pair is a ratio of two neighbours, and a finished partner
     * left from an earlier session would be compared across whatever changed since (its directory is moved to
     * {@code replaced/} like an invalid one's). A pair that results resumed before this rule already split across
     * sessions ({@link org.tracebench.harness.pairing.PairSessions}) runs again whole too.
     */
    public List<TrialSpec> toRun(List<TrialSpec> plan) {
        Set<String> pairsToRun = new HashSet<>();
        for (TrialSpec t : plan) {
            if (t.placement().block() > 0 && !finished(t)) pairsToRun.add(pairKey(t));
        }
        org.tracebench.harness.pairing.PairSessions across = org.tracebench.harness.pairing.PairSessions.read(dir);
        for (TrialSpec t : plan) {
            if (t.placement().block() > 0 && across.leftOut(trialDir(t))) pairsToRun.add(pairKey(t));
        }
        List<TrialSpec> out = new ArrayList<>();
        for (TrialSpec t : plan) {
            if (!finished(t) || t.placement().block() > 0 && pairsToRun.contains(pairKey(t))) out.add(t);
        }
        return out;
    }

    /** The trials of {@link #toRun} that are finished: each runs again beside the other trial of its pair. */
    public List<TrialSpec> partnersToRun(List<TrialSpec> plan) {
        return toRun(plan).stream().filter(this::finished).toList();
    }

    /** A paired trial's block and pair: positions 1 and 2 are one pair, 3 and 4 the other. */
    private static String pairKey(TrialSpec t) {
        return t.placement().block() + "/" + (t.placement().position() <= 2 ? "a" : "b");
    }

    /**
     * Creates {@code t}'s directory empty: what an interrupted attempt left is removed, a recorded attempt (invalid,
     * unreadable, or finished but run again beside its pair's other trial, {@link #toRun}) is moved to
     * {@code replaced/<dir>.<n>/}.
     */
    public Path freshTrialDir(TrialSpec t) throws ResultsWriteException {
        checkPresent();
        Path d = trialDir(t);
        try {
            if (recorded(t)) {
                Path aside = dir.resolve("replaced");
                Files.createDirectories(aside);
                for (int n = 1; ; n++) {
                    Path target = aside.resolve(t.dirName() + "." + n);
                    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                    Files.move(d, target);
                    break;
                }
            }
            deleteTree(d);
            Files.createDirectory(d); // not its parents: a results directory removed under the run stays removed
        } catch (IOException e) {
            throw writeFailure(e);
        }
        return d;
    }

    /** "manifest.json" when this directory has lost it (removed or moved under the run), else null. */
    public String missing() {
        return Files.isRegularFile(dir.resolve("manifest.json")) ? null : "manifest.json";
    }

    /** Throws when this directory has gone under the run ({@link #missing}): nothing may be written into it then. */
    public void checkPresent() throws ResultsWriteException {
        String m = missing();
        if (m != null) throw ResultsWriteException.gone(dir, m, null);
    }

    /**
     * {@code e}, met while writing into this directory, as the failure to write it: "has gone" when part of it is
     * missing, else "could not write" with the system's reason and the --resume command.
     */
    public ResultsWriteException writeFailure(IOException e) {
        return writeFailure(null, e);
    }

    /** {@link #writeFailure(IOException)} of a write of {@code file} (null: unknown), which the message names. */
    public ResultsWriteException writeFailure(Path file, IOException e) {
        if (e instanceof ResultsWriteException w) return w;
        String m = missing();
        return m != null ? ResultsWriteException.gone(dir, m, e) : ResultsWriteException.notWritable(dir, file, e);
    }

    /** Something that writes into this directory. */
    public interface Write {
        void run() throws IOException;
    }

    /** Runs {@code w}; an I/O error it throws is a {@link #writeFailure}, not a tracer's or the load's. */
    public void writing(Write w) throws ResultsWriteException {
        writing(null, w);
    }

    /** {@link #writing(Write)} of {@code file} (null: unknown), which a failure's message names. */
    public void writing(Path file, Write w) throws ResultsWriteException {
        try {
            w.run();
        } catch (IOException e) {
            throw writeFailure(file, e);
        }
    }

    /** Deletes a trial directory that did not finish (interrupted): a half trial must never look like a result. */
    public void discard(TrialSpec t) {
        try {
            if (!recorded(t)) deleteTree(trialDir(t));
        } catch (IOException ignored) {
            // left behind: --resume removes it before rerunning the trial
        }
    }

    /** Writes {@code file} atomically into its directory, which must exist (a removed one is not recreated). */
    public void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.replace(file, (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void writeManifest(Map<String, Object> manifest) throws IOException {
        writeJson(dir.resolve("manifest.json"), manifest);
    }

    /** manifest.json as maps and lists; throws naming the file and what is wrong when it does not hold a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readManifest() throws IOException {
        Path f = dir.resolve("manifest.json");
        Object o = readJson(f);
        if (!(o instanceof Map)) throw new IOException(f + (o == null ? " is empty" : " does not hold a JSON object") + ".");
        return (Map<String, Object>) o;
    }

    /**
     * Appends {@code entry} to manifest.json's list {@code key} (made when missing), rewriting the file atomically with
     * every other field as it was; returns the manifest as written. Callers hold the directory's {@link #lock}.
     */
    public Map<String, Object> appendToManifest(String key, Object entry) throws IOException {
        Map<String, Object> m = new java.util.LinkedHashMap<>(readManifest());
        java.util.List<Object> list = m.get(key) instanceof java.util.List<?> l ? new java.util.ArrayList<>(l) : new java.util.ArrayList<>();
        list.add(entry);
        m.put(key, list);
        writeManifest(m);
        return m;
    }

    /** Reads a JSON file with SnakeYAML's safe constructor (JSON is YAML); plain maps, lists, strings and numbers. */
    public static Object readJson(Path file) throws IOException {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(256 << 20);
        o.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(o)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(jsonError(file, e), e);
        }
    }

    /** "FILE:LINE:COLUMN: not valid JSON: PROBLEM." for what SnakeYAML threw while reading {@code file}. */
    public static String jsonError(Path file, RuntimeException e) {
        if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            return file + ":" + (m.getProblemMark().getLine() + 1) + ":" + (m.getProblemMark().getColumn() + 1)
                    + ": not valid JSON: " + m.getProblem() + ".";
        }
        return file + ": not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ".";
    }

    public static void deleteTree(Path d) throws IOException {
        if (!Files.exists(d)) return;
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
