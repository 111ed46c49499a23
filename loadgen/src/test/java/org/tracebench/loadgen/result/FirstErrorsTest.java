package org.tracebench.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The errors quoted beside the window's failure counts are the window's; warm-up ones only when it has none. */
class FirstErrorsTest {
    @Test
    void theWindowsSamplesComeBeforeWarmUpOnes() {
        List<Map.Entry<String, String>> samples = List.of(Map.entry("read", "(warm-up) NoSuchFileException: /a"),
                Map.entry("stat", "(warm-up) NoSuchFileException: /b"), Map.entry("read", "AccessDeniedException: /c"));
        assertEquals(List.of("read: AccessDeniedException: /c"), LoadResult.firstErrors(samples, 2));
    }

    @Test
    void warmUpSamplesAreQuotedWhenTheWindowHasNone() {
        List<Map.Entry<String, String>> samples = List.of(Map.entry("read", "(warm-up) NoSuchFileException: /a"),
                Map.entry("read", "(warm-up) NoSuchFileException: /a"), Map.entry("stat", "(warm-up) x"));
        assertEquals(List.of("read: (warm-up) NoSuchFileException: /a", "stat: (warm-up) x"),
                LoadResult.firstErrors(samples, 2));
    }
}
