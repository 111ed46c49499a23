package org.tracebench.loadgen.task;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean ...?" for unknown keys and names: the nearest candidate by edit distance (ignoring case, '-' and
 * '_'), if near enough. Public so that the harness's suite files suggest the same way as task files.
 */
public final class Suggest {
    /** Words from loder or habit that are far from their v2 name by spelling. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("kind", "op"), Map.entry("files", "paths"), Map.entry("file", "path"),
            Map.entry("scale", "repeat"), Map.entry("count", "repeat"), Map.entry("threads", "workers"),
            Map.entry("runtime", "duration"), Map.entry("run-time", "duration"), Map.entry("time", "duration"),
            Map.entry("operation", "op"), Map.entry("action", "op"), Map.entry("dir", "workRoot"),
            Map.entry("bs", "blockSize"), Map.entry("length", "size"), Map.entry("argv", "args"),
            Map.entry("arguments", "args"), Map.entry("permissions", "mode"), Map.entry("perm", "mode"),
            Map.entry("symlink", "soft-link"), Map.entry("link", "hard-link"), Map.entry("unlink", "remove"),
            Map.entry("rmdir", "remove"), Map.entry("delete", "remove"), Map.entry("exec", "execute-subproc"),
            Map.entry("spawn", "execute-subproc"), Map.entry("syscall-fork", "fork"), Map.entry("list", "readdir"),
            Map.entry("ls", "readdir"), Map.entry("create", "create-delete"), Map.entry("sync", "fsync"));

    private Suggest() {}

    /** The candidate nearest to {@code word}, or empty when none is plausibly meant. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        if (word == null) return Optional.empty();
        String w = squash(word);
        for (String c : candidates) if (squash(c).equals(w)) return Optional.of(c);
        String syn = SYNONYMS.get(word.toLowerCase(Locale.ROOT));
        if (syn != null && candidates.contains(syn)) return Optional.of(syn);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, squash(c));
            if (d < bestD) { bestD = d; best = c; }
        }
        int limit = Math.max(2, w.length() / 3);
        if (best != null && bestD <= limit) return Optional.of(best);
        for (String c : candidates) {
            String s = squash(c);
            if (w.length() >= 3 && (s.startsWith(w) || w.startsWith(s))) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** " Did you mean `x`?" or "". */
    public static String didYouMean(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> " Did you mean `" + s + "`?").orElse("");
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
