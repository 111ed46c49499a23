package org.tracebench.loadgen.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void prettyPrintsInInsertionOrderWithPlainNumbers() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("b", 1.5e10);
            m.put("a", List.of(1, 0.0001, "x\"y\n"));
            m.put("n", Double.NaN);
            m.put("e", Map.of());
            m.put("t", Arrays.asList(true, null));
            assertEquals("{\n  \"b\": 15000000000.0,\n  \"a\": [\n    1,\n    0.0001,\n    \"x\\\"y\\n\"\n  ],\n"
                    + "  \"n\": null,\n  \"e\": {},\n  \"t\": [\n    true,\n    null\n  ]\n}", Json.write(m));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void rejectsOtherTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
