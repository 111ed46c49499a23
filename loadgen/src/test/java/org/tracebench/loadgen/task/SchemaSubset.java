package org.tracebench.loadgen.task;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A JSON-schema (2020-12) checker for exactly the keywords tracebench's task schemas use; any other keyword fails
 * loudly, so a schema change cannot slip past the tests unchecked. YAML values are typed as editors type them: by
 * YAML 1.2's core schema ({@code 0o10} is 8, {@code 010} is 10, {@code 1_0}, {@code 0b11} and {@code yes} are text).
 */
final class SchemaSubset {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
    private final Map<String, Object> root;

    SchemaSubset(Map<String, Object> root) { this.root = root; }

    private static final Pattern FLOAT_12 = Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");

    /** The node as JSON, as YAML 1.2's core schema reads it: maps, lists, strings, BigDecimal numbers, booleans, null. */
    static Object json(Node n) {
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.getValue().forEach(t -> out.put(((ScalarNode) t.getKeyNode()).getValue(), json(t.getValueNode())));
            return out;
        }
        if (n instanceof SequenceNode s) return s.getValue().stream().map(SchemaSubset::json).toList();
        ScalarNode s = (ScalarNode) n;
        String v = s.getValue();
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) return v; // quoted or block: text
        if (Set.of("", "~", "null", "Null", "NULL").contains(v)) return null;
        if (Set.of("true", "True", "TRUE", "false", "False", "FALSE").contains(v)) return v.equalsIgnoreCase("true");
        Long i = Values.yamlInt(v);
        if (i != null) return new BigDecimal(i);
        return FLOAT_12.matcher(v).matches() ? new BigDecimal(v) : v; // .inf, .nan: no JSON number
    }

    /** JSON equality: numbers by value (4096 and 4096.0 are one number). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return java.util.Objects.equals(a, b);
    }

    /** Every violation of the schema by {@code value}, as "path: keyword"; empty when valid. */
    List<String> errors(Object value) {
        List<String> out = new ArrayList<>();
        check(root, value, "$", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> s, Object v, String at, List<String> out) {
        for (var e : s.entrySet()) {
            String k = e.getKey();
            Object x = e.getValue();
            if (ANNOTATIONS.contains(k) || k.equals("$defs") || k.equals("then")) continue;
            boolean ok = switch (k) {
                case "$ref" -> errorsOf(resolve((String) x), v, at).isEmpty();
                case "type" -> (x instanceof List<?> l ? l : List.of(x)).stream().anyMatch(t -> isType((String) t, v));
                case "enum" -> ((List<Object>) x).stream().anyMatch(e2 -> same(e2, v));
                case "const" -> same(x, v);
                case "pattern" -> !(v instanceof String str) || Pattern.compile((String) x).matcher(str).find();
                case "minLength" -> !(v instanceof String str) || str.codePointCount(0, str.length()) >= num(x);
                case "minimum" -> !(v instanceof BigDecimal d) || d.doubleValue() >= num(x);
                case "maximum" -> !(v instanceof BigDecimal d) || d.doubleValue() <= num(x);
                case "exclusiveMinimum" -> !(v instanceof BigDecimal d) || d.doubleValue() > num(x);
                case "minItems" -> !(v instanceof List<?> l) || l.size() >= num(x);
                case "items" -> !(v instanceof List<?> l) || l.stream().allMatch(i -> errorsOf((Map<String, Object>) x, i, at).isEmpty());
                case "required" -> !(v instanceof Map<?, ?> m) || m.keySet().containsAll((List<String>) x);
                case "properties" -> {
                    if (v instanceof Map<?, ?> m) {
                        ((Map<String, Object>) x).forEach((p, ps) -> {
                            if (m.containsKey(p)) check((Map<String, Object>) ps, m.get(p), at + "." + p, out);
                        });
                    }
                    yield true;
                }
                case "additionalProperties" -> !(v instanceof Map<?, ?> m) || Boolean.TRUE.equals(x)
                        || ((Map<String, Object>) s.getOrDefault("properties", Map.of())).keySet().containsAll(m.keySet());
                case "allOf" -> ((List<Object>) x).stream().allMatch(o -> errorsOf((Map<String, Object>) o, v, at).isEmpty());
                case "anyOf" -> ((List<Object>) x).stream().anyMatch(o -> errorsOf((Map<String, Object>) o, v, at).isEmpty());
                case "oneOf" -> ((List<Object>) x).stream().filter(o -> errorsOf((Map<String, Object>) o, v, at).isEmpty()).count() == 1;
                case "not" -> !errorsOf((Map<String, Object>) x, v, at).isEmpty();
                case "if" -> !errorsOf((Map<String, Object>) x, v, at).isEmpty()
                        || errorsOf((Map<String, Object>) s.get("then"), v, at).isEmpty();
                default -> throw new IllegalArgumentException("keyword `" + k + "` at " + at + " is not checked here");
            };
            if (!ok) out.add(at + ": " + k);
        }
    }

    private List<String> errorsOf(Map<String, Object> s, Object v, String at) {
        List<String> out = new ArrayList<>();
        check(s, v, at, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/$defs/")) throw new IllegalArgumentException("$ref " + ref + " is not checked here");
        return (Map<String, Object>) ((Map<String, Object>) root.get("$defs")).get(ref.substring("#/$defs/".length()));
    }

    private static double num(Object x) { return ((Number) x).doubleValue(); }

    private static boolean isType(String t, Object v) {
        return switch (t) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "number" -> v instanceof BigDecimal;
            case "integer" -> v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
            case "boolean" -> v instanceof Boolean;
            default -> throw new IllegalArgumentException("type " + t + " is not checked here");
        };
    }
}
