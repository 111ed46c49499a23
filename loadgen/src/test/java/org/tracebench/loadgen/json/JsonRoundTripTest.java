package org.tracebench.loadgen.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What {@link Json} writes, SnakeYAML (the project's JSON reader) reads back unchanged. */
class JsonRoundTripTest {
    static Object parse(String json) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
    }

    @Test void escapesAndNumbersRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" back\\ nl\n tab\t ctl\u0001 µ");
        m.put("n", null);
        m.put("d", 1.5);
        m.put("small", 0.0001);
        m.put("whole", 2.0);
        m.put("nan", Double.NaN);
        m.put("l", 123456789012L);
        m.put("list", List.of(3, 4));
        m.put("nested", List.of(Map.of("x", true)));
        Map<String, Object> expect = new LinkedHashMap<>(m);
        expect.put("nan", null);
        assertEquals(expect, parse(Json.write(m)));
    }

    @Test void scalarsAtTopLevel() {
        assertEquals("null", Json.write(null));
        assertEquals("\"x\"", Json.write("x"));
        assertEquals("[]", Json.write(List.of()));
        assertEquals("{}", Json.write(Map.of()));
    }
}
