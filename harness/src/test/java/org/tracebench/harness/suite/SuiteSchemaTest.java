package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
