package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads JSON with SnakeYAML and gives typed, tolerant access to its maps. SnakeYAML follows YAML 1.1, which reads
 * some JSON numbers (e.g. {@code 1e5}) as strings, so numeric accessors parse strings too.
 */
final class JsonMaps {
    private JsonMaps() {}

    /** Parses a JSON file whose top level is an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(Path file) throws IOException {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(64 * 1024 * 1024);
        Object o;
        try {
            o = new Yaml(new SafeConstructor(opts)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(org.tracebench.harness.results.ResultsDir.jsonError(file, e), e);
        }
        if (o == null) throw new IOException(file + " is empty.");
        if (!(o instanceof Map)) throw new IOException(file + " does not hold a JSON object.");
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    static String str(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o == null ? null : String.valueOf(o);
    }

    /** The number at key, or NaN when absent, null or not a number. */
    static double num(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The integer at key, or null. */
    static Long lng(Map<String, Object> m, String key) {
        double d = num(m, key);
        return Double.isNaN(d) ? null : (long) d;
    }

    static Boolean bool(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        if (o instanceof Boolean b) return b;
        if (o instanceof String s) return Boolean.parseBoolean(s);
        return null;
    }
}
