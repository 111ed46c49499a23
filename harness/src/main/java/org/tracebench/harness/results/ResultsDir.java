package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.tracebench.harness.report.AtomicFiles;
import org.tracebench.harness.suite.TrialSpec;
import org.tracebench.loadgen.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code results/<suite>-<yyyyMMdd-HHmmss>/}: manifest.json, {@code trials/<dir>/} per trial. A trial is finished
 * exactly when its trial.json exists (it is written last, atomically); anything else in a trial directory is the
 * debris of an interrupted trial and is removed before that trial runs again.
 */
public final class ResultsDir {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path dir;

    private ResultsDir(Path dir) { this.dir = dir; }

    /** Creates a fresh directory {@code <base>/<suite>-<timestamp>} (adding -2, -3... if that second is taken). */
    public static ResultsDir create(Path base, String suite, LocalDateTime now) throws IOException {
        Files.createDirectories(base);
        String stem = suite + "-" + STAMP.format(now);
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

    public Path trialDir(TrialSpec t) { return dir.resolve("trials").resolve(t.dirName()); }

    /** True when the trial's trial.json exists: it ran (ok or invalid) and must not run again. */
    public boolean finished(TrialSpec t) { return Files.isRegularFile(trialDir(t).resolve("trial.json")); }

    /** Removes what an interrupted attempt of {@code t} left and creates its directory empty. */
    public Path freshTrialDir(TrialSpec t) throws IOException {
        Path d = trialDir(t);
        deleteTree(d);
        Files.createDirectories(d);
        return d;
    }

    /** Deletes a trial directory that did not finish (interrupted): a half trial must never look like a result. */
    public void discard(TrialSpec t) {
        try {
            if (!finished(t)) deleteTree(trialDir(t));
        } catch (IOException ignored) {
            // left behind: --resume removes it before rerunning the trial
        }
    }

    public void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void writeManifest(Map<String, Object> manifest) throws IOException {
        writeJson(dir.resolve("manifest.json"), manifest);
    }

    /** manifest.json as maps and lists. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readManifest() throws IOException {
        return (Map<String, Object>) readJson(dir.resolve("manifest.json"));
    }

    /** Reads a JSON file with SnakeYAML's safe constructor (JSON is YAML); plain maps, lists, strings and numbers. */
    public static Object readJson(Path file) throws IOException {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(256 << 20);
        o.setMaxAliasesForCollections(10);
        try {
            return new Yaml(new SafeConstructor(o)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    public static void deleteTree(Path d) throws IOException {
        if (!Files.exists(d)) return;
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
