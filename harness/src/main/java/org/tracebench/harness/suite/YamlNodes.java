package org.tracebench.harness.suite;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Safe YAML composition (no object construction, limits on aliases, depth and size) and error-message helpers. */
final class YamlNodes {
    static final int MAX_CODE_POINTS = 1 << 20;

    private YamlNodes() {}

    /** A YAML instance that only composes nodes: no tags are constructed, duplicate keys are errors. */
    static Yaml safeYaml() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        o.setMaxAliasesForCollections(20);
        o.setNestingDepthLimit(20);
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(o), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), o);
    }

    /** {@code file:line:column} of a node (1-based). */
    static String at(Path file, Node node) {
        return at(file, node.getStartMark());
    }

    static String at(Path file, Mark mark) {
        if (mark == null) return String.valueOf(file);
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    /** The scalar's text, or null when the node is not a scalar. */
    static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** The candidate nearest to {@code word} by edit distance, when close enough to be a plausible typo. */
    static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if (best != null && bestD <= Math.max(2, word.length() / 3)) return best;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (w.length() >= 3 && (lc.startsWith(w) || w.startsWith(lc))) return c;
        }
        return null;
    }

    /** " Did you mean 'x'?" or empty. */
    static String suggestion(String word, Collection<String> candidates) {
        String n = nearest(word, candidates);
        return n == null ? "" : " Did you mean '" + n + "'?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
