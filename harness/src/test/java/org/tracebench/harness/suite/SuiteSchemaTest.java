package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.results.ResultsDir;

/** tasks/schema/suite.schema.json, which editors check suites with, knows exactly the keys the parser knows. */
class SuiteSchemaTest {
    @Test @SuppressWarnings("unchecked")
    void theSchemaListsEveryKeyOfTheParserAndEveryPinning() throws Exception {
        Map<String, Object> schema = (Map<String, Object>) ResultsDir.readJson(Path.of("..", "tasks", "schema", "suite.schema.json"));
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertEquals(Set.copyOf(SuiteParser.KEYS), props.keySet());
        assertEquals(Pinning.names(), List.copyOf((List<String>) ((Map<String, Object>) props.get("pinning")).get("enum")));
    }

    @Test @SuppressWarnings("unchecked")
    void theSchemaKnowsEachBackendsOptionNamesSoEditorsFlagATypo() throws Exception {
        Map<String, Object> schema = (Map<String, Object>) ResultsDir.readJson(Path.of("..", "tasks", "schema", "suite.schema.json"));
        Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
        Map<String, Object> backends = (Map<String, Object>) ((Map<String, Object>) defs.get("backendOptions")).get("properties");
        Map<String, Object> entry = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) defs.get("tracerEntry")).get("oneOf")).get(1);
        java.util.Set<String> ruled = new java.util.TreeSet<>();
        for (Object o : (List<Object>) entry.get("allOf")) {
            Map<String, Object> rule = (Map<String, Object>) o;
            String name = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) rule.get("if"))
                    .get("properties")).get("name")).get("const");
            ruled.add(name);
            Map<String, Object> then = (Map<String, Object>) ((Map<String, Object>) rule.get("then")).get("properties");
            for (String part : List.of("options", "matrix")) {
                Map<String, Object> names = (Map<String, Object>) ((Map<String, Object>) then.get(part)).get("propertyNames");
                Object allowed = names.containsKey("enum") ? Set.copyOf((List<String>) names.get("enum")) : Set.of();
                assertEquals(((Map<String, Object>) ((Map<String, Object>) backends.get(name)).get("properties")).keySet(),
                        allowed, name + " " + part);
            }
        }
        for (org.tracebench.tracers.Tracer t : org.tracebench.tracers.Tracers.all()) {
            Map<String, Object> own = (Map<String, Object>) backends.get(t.name());
            assertEquals(t.options().keySet(), own == null ? null : ((Map<String, Object>) own.get("properties")).keySet(), t.name());
        }
        assertEquals(new java.util.TreeSet<>(org.tracebench.tracers.Tracers.names(org.tracebench.tracers.Tracers.all())), ruled);
        String described = (String) ((Map<String, Object>) ((Map<String, Object>) entry.get("properties")).get("options")).get("description");
        for (String word : described.split("[^A-Za-z]+")) { // the option names it gives as examples are real ones
            if (!word.matches("[a-z]+[A-Z]\\w*") || word.equals("backendOptions")) continue;
            assertTrue(backends.values().stream().anyMatch(b ->
                    ((Map<String, Object>) ((Map<String, Object>) b).get("properties")).containsKey(word)), word);
        }
    }
}
