package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumTest {
    @Test
    void plainNeverUsesAnExponentOrTrailingZeros() {
        assertEquals("0.0001", Num.plain(1e-4));
        assertEquals("15000000000", Num.plain(1.5e10));
        assertEquals("2.5", Num.plain(2.5));
        assertEquals("", Num.plain(Double.NaN));
        assertEquals("908.4", Num.plain(908.3999999999997), "12 significant digits: a division's binary remainder goes");
        assertEquals("0.00396", Num.plain(0.00396));
    }

    @Test
    void significantDigitsAndPercent() {
        assertEquals("1230", Num.sig(1234.5678, 3));
        assertEquals("0.012", Num.sig(0.012345, 2));
        assertEquals("35100", Num.sig(35098.15, 3));
        assertEquals("–", Num.sig(Double.NaN, 3));
        assertEquals("23.6%", Num.percent(0.2357));
        assertEquals("0.050", Num.fixed(0.0499, 3));
    }

    @Test
    void aValueThatRoundsToZeroHasNoMinusSign() {
        assertEquals("0.000", Num.fixed(-0.00021, 3));
        assertEquals("-0.001", Num.fixed(-0.0007, 3));
        assertEquals("-0.014", Num.fixed(-0.014, 3));
        assertEquals("0.0", Num.fixed(-0.04, 1));
    }

    @Test
    void shortHashKeepsTwelveHexDigitsAndWhatFollowsThem() {
        assertEquals("fee014074620", Num.shortHash("fee01407462059db8cba9ab5f32b0273fbcb80e3"));
        assertEquals("fee014074620-dirty", Num.shortHash("fee01407462059db8cba9ab5f32b0273fbcb80e3-dirty"),
                "a dirty build must not read as the clean commit");
        assertEquals("unknown", Num.shortHash("unknown"));
        assertEquals("abc123", Num.shortHash("abc123"));
    }
}
