package org.tracebench.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracebench.harness.report.Num;

/**
 * What each workload of a run was: a byte-for-byte copy of its task file in the results directory's {@code tasks/}
 * and the file's SHA-256 in manifest.json's {@code taskFiles}, so the results say what ran after the file changed,
 * {@code --resume} refuses to finish a run with a different workload than it started with, and {@code compare} can
 * tell two runs of differently written workloads apart. Inline tasks already live in {@code tasks/}.
 */
public final class TaskCopies {
    private TaskCopies() {}

    /** The directory under a results directory holding the copies (and the inline tasks a run executes). */
    public static final String DIR = "tasks";

    /**
     * Copies each of {@code sources} (workload name → task file; inline workloads name their copy already in
     * {@code tasks/}) and returns manifest.json's {@code taskFiles}: name → {source, sha256, copy}.
     */
    public static Map<String, Object> archive(Map<String, Path> sources, Set<String> inline, Path resultsDir) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : sources.entrySet()) {
            Path copy = resultsDir.resolve(DIR).resolve(e.getKey() + ".yaml");
            byte[] bytes = Files.readAllBytes(inline.contains(e.getKey()) ? copy : e.getValue());
            if (!inline.contains(e.getKey())) {
                Files.createDirectories(copy.getParent());
                org.tracebench.harness.report.AtomicFiles.write(copy, bytes);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", inline.contains(e.getKey()) ? "inline" : e.getValue().toAbsolutePath().normalize().toString());
            m.put("sha256", sha256(bytes));
            m.put("copy", DIR + "/" + e.getKey() + ".yaml");
            out.put(e.getKey(), m);
        }
        return out;
    }

    /**
     * For {@code --resume}: a sentence for each of {@code workloads} whose task file is gone or no longer what
     * manifest.json's {@code taskFiles} recorded (none for manifests written before tracebench recorded them).
     */
    public static List<String> changed(Map<String, Object> taskFiles, Set<String> workloads, Path resultsDir) {
        List<String> problems = new ArrayList<>();
        for (String w : workloads) {
            if (!(taskFiles.get(w) instanceof Map<?, ?> m) || "inline".equals(m.get("source"))) continue;
            Path source = Path.of(String.valueOf(m.get("source")));
            Path copy = resultsDir.resolve(String.valueOf(m.get("copy")));
            String now;
            try {
                now = sha256(Files.readAllBytes(source));
            } catch (IOException e) {
                problems.add("--resume: the task file " + source + " of workload '" + w + "' cannot be read now ("
                        + e.getClass().getSimpleName() + "), so the missing trials cannot run what the finished ones ran. "
                        + "Put it back (a copy of what ran is " + copy + ") or start a new run.");
                continue;
            }
            if (!now.equals(m.get("sha256"))) {
                problems.add("--resume: the task file " + source + " of workload '" + w + "' changed since the run "
                        + "started (SHA-256 " + Num.shortHash(String.valueOf(m.get("sha256"))) + " then, " + Num.shortHash(now)
                        + " now), so the missing trials would measure another workload than the finished ones. Restore it "
                        + "(a copy of what ran is " + copy + ") or start a new run.");
            }
        }
        return problems;
    }


    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256.", e);
        }
    }
}
