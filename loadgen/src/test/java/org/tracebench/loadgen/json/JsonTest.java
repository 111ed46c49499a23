package org.tracebench.loadgen.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class JsonTest {
    static Object parse(String json) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
    }

    @Test void prettyPrintsWithTwoSpacesInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(1, 2));
        m.put("c", Map.of());
        m.put("d", List.of(Map.of("x", true)));
        assertEquals("{\n  \"b\": 1,\n  \"a\": [1, 2],\n  \"c\": {},\n  \"d\": [\n    {\n      \"x\": true\n    }\n  ]\n}",
                Json.write(m));
    }

    @Test void escapesAndRoundTripsThroughSnakeYaml() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" back\\ nl\n tab\t ctl\u0001 µ");
        m.put("n", null);
        m.put("d", 1.5);
        m.put("whole", 2.0);
        m.put("nan", Double.NaN);
        m.put("l", 123456789012L);
        m.put("arr", new long[] {3, 4});
        Object back = parse(Json.write(m));
        Map<String, Object> expect = new LinkedHashMap<>(m);
        expect.put("nan", null);
        expect.put("l", 123456789012L);
        expect.put("arr", Arrays.asList(3, 4));
        assertEquals(expect, back);
    }

    @Test void scalarsAtTopLevel() {
        assertEquals("null", Json.write(null));
        assertEquals("\"x\"", Json.write("x"));
        assertEquals("[]", Json.write(List.of()));
    }
}
