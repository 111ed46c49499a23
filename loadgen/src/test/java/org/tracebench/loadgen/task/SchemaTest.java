package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.op.OpKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The JSON schemas describe exactly what the parser accepts. */
class SchemaTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name) throws Exception {
        Path p = TaskFileTesting.repoRoot().resolve("tasks/schema/" + name);
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... keys) {
        Map<String, Object> cur = m;
        for (String k : keys) cur = (Map<String, Object>) cur.get(k);
        return cur;
    }

    private static List<String> opNames() {
        return Arrays.stream(OpKind.values()).map(OpKind::yamlName).toList();
    }

    @Test
    void v2OpAndLaunchEnumsEqualTheCode() throws Exception {
        Map<String, Object> s = load("task-v2.schema.json");
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema"));
        assertEquals(opNames(), map(s, "$defs", "op").get("enum"));
        assertEquals(Arrays.stream(Launch.values()).map(Launch::yamlName).toList(), map(s, "$defs", "launch").get("enum"));
        assertEquals(TaskFileParser.SETUP_TYPES, map(s, "$defs", "setupEntry", "properties", "type").get("enum"));
        assertEquals(TaskFileParser.CONTENTS, map(s, "$defs", "setupEntry", "properties", "content").get("enum"));
    }

    @Test
    void v2PropertyNamesEqualWhatTheParserAccepts() throws Exception {
        Map<String, Object> s = load("task-v2.schema.json");
        assertEquals(new TreeSet<>(TaskFileParser.TOP_LEVEL_KEYS), new TreeSet<>(map(s, "properties").keySet()));
        assertEquals(new TreeSet<>(TaskFileParser.TASK_KEYS),
                new TreeSet<>(map(s, "$defs", "task", "properties").keySet()));
        assertEquals(new TreeSet<>(TaskFileParser.SETUP_KEYS),
                new TreeSet<>(map(s, "$defs", "setupEntry", "properties").keySet()));
        for (Map<String, Object> obj : List.of(s, map(s, "$defs", "task"), map(s, "$defs", "setupEntry"))) {
            assertEquals(false, obj.get("additionalProperties"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void v2OptionApplicabilityEqualsTheParser() throws Exception {
        List<Object> allOf = (List<Object>) map(load("task-v2.schema.json"), "$defs", "task").get("allOf");
        assertEquals(TaskFileParser.OPTION_OPS.size(), allOf.size());
        for (Object o : allOf) {
            Map<String, Object> rule = (Map<String, Object>) o;
            String key = ((List<String>) map(rule, "if").get("required")).get(0);
            List<String> ops = (List<String>) map(rule, "then", "properties", "op").get("enum");
            Set<String> expected = new TreeSet<>();
            TaskFileParser.OPTION_OPS.get(key).forEach(k -> expected.add(k.yamlName()));
            assertEquals(expected, new TreeSet<>(ops), key);
        }
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        List<String> missing = new ArrayList<>();
        Map<String, Object> s = load("task-v2.schema.json");
        for (String path : List.of("properties", "$defs/task/properties", "$defs/setupEntry/properties")) {
            Map<String, Object> props = map(s, path.split("/"));
            props.forEach((k, v) -> {
                @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) v;
                boolean described = p.containsKey("description") || p.containsKey("$ref");
                if (!described) missing.add(path + "/" + k);
            });
        }
        map(s, "$defs").forEach((k, v) -> {
            @SuppressWarnings("unchecked") Map<String, Object> d = (Map<String, Object>) v;
            if (!d.containsKey("description")) missing.add("$defs/" + k);
        });
        assertTrue(missing.isEmpty(), "undescribed: " + missing);
    }

    @Test
    void legacySchemaMatchesTheLegacyParser() throws Exception {
        Map<String, Object> s = load("task-legacy.schema.json");
        Map<String, Object> item = map(s, "items");
        assertEquals(new TreeSet<>(TaskFileParser.LEGACY_KEYS), new TreeSet<>(map(item, "properties").keySet()));
        List<String> kinds = new ArrayList<>(opNames());
        kinds.add("syscall-fork"); // loder's early name of fork, accepted with a warning
        assertEquals(kinds, map(item, "properties", "kind").get("enum"));
        assertFalse((Boolean) item.get("additionalProperties"));
    }

    /**
     * Text modes agree exactly. An integer is what a YAML 1.2 editor reads from an unquoted mode: {@code 644} and
     * {@code 0644} are 644, {@code 0o755} is 493. The schema accepts an integer when some way of writing it is a mode
     * the parser accepts (it cannot tell {@code 0o755} from {@code 493}).
     */
    @Test
    @SuppressWarnings("unchecked")
    void v2ModeAcceptsWhatTheParserAcceptsAsEditorsReadIt() throws Exception {
        List<Object> oneOf = (List<Object>) map(load("task-v2.schema.json"), "$defs", "mode").get("oneOf");
        java.util.regex.Pattern text = java.util.regex.Pattern.compile(
                (String) ((Map<String, Object>) oneOf.get(0)).get("pattern"));
        Set<Object> integers = new java.util.HashSet<>((List<Object>) ((Map<String, Object>) oneOf.get(1)).get("enum"));
        for (int i = 0; i <= 9999; i++) {
            for (String prefix : List.of("", "0", "00", "0o", "0O")) {
                String v = prefix + i;
                assertEquals(parses(v, org.yaml.snakeyaml.nodes.Tag.STR), text.matcher(v).find(), "\"" + v + "\"");
            }
            boolean written = parses(Integer.toString(i), org.yaml.snakeyaml.nodes.Tag.INT)
                    || parses("0o" + Integer.toOctalString(i), org.yaml.snakeyaml.nodes.Tag.STR);
            assertEquals(written, integers.contains(i), "the number " + i);
        }
        assertTrue(integers.contains(0755) && integers.contains(0644) && integers.contains(755), "0o755, 0o644, 755");
    }

    private static boolean parses(String value, org.yaml.snakeyaml.nodes.Tag tag) {
        Problems problems = new Problems(Path.of("t.yaml"));
        return new Values(problems).mode(new org.yaml.snakeyaml.nodes.ScalarNode(tag, value, null, null,
                org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN), "mode").isPresent();
    }

    /** Every $ref to another schema, resolved against its schema's $id as validators do, is that schema's $id. */
    @Test
    void refsToOtherSchemasResolveThroughTheirIds() throws Exception {
        List<String> refs = new ArrayList<>();
        for (String name : List.of("suite.schema.json", "task-v2.schema.json", "task-legacy.schema.json")) {
            Map<String, Object> s = load(name);
            java.net.URI id = java.net.URI.create((String) s.get("$id"));
            assertEquals(name, Path.of(id.getPath()).getFileName().toString(), "the $id names its own file");
            collectRefs(s, refs);
            for (String ref : refs) {
                if (ref.startsWith("#")) continue;
                String file = ref.replaceFirst("#.*", "");
                assertEquals(load(file).get("$id"), id.resolve(file).toString(), name + ": " + ref);
            }
            refs.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("$ref") instanceof String r) refs.add(r);
            m.values().forEach(v -> collectRefs(v, refs));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectRefs(v, refs));
        }
    }
}
