package org.tracebench.harness.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** system.csv's number format must stay exactly String.format's "%.4f" (reports and golden files read it). */
class SamplerFormatTest {
    @Test
    void matchesStringFormatOnEdgesAndRandomValues() {
        double[] edges = {0, 1, 2, 0.00004, 0.00005, 0.99995, 1.23456, -0.00005, -1.5, 123456.78901, 1e13, 3e14,
                Double.NaN, Double.POSITIVE_INFINITY};
        for (double v : edges) assertEquals(String.format(Locale.ROOT, "%.4f", v), Sampler.fmt(v), "value " + v);
        assertEquals("0.0000", Sampler.fmt(-0.0));     // String.format writes -0.0000
        assertEquals("0.0000", Sampler.fmt(-0.00004));
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double v = (r.nextDouble() - 0.2) * Math.pow(10, r.nextInt(8) - 3);
            String expected = String.format(Locale.ROOT, "%.4f", v);
            if (expected.equals("-0.0000")) expected = "0.0000"; // a sign on zero says nothing in a CSV of rates
            assertEquals(expected, Sampler.fmt(v), "value " + v);
        }
    }
}
