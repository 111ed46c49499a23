package org.tracebench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StudentTTest {
    /** Reference values: t(0.975, df) from standard tables (R: qt(0.975, df)). */
    @ParameterizedTest
    @CsvSource({"1,12.706204736", "2,4.302652730", "3,3.182446305", "4,2.776445105", "5,2.570581836",
        "7,2.364624252", "10,2.228138852", "20,2.085963447", "30,2.042272456", "100,1.983971519",
        "1000000,1.959966"})
    void t975MatchesTables(double df, double expected) {
        assertEquals(expected, StudentT.t975(df), 1e-6);
    }

    @Test
    void otherQuantilesAndFractionalDf() {
        assertEquals(2.353363435, StudentT.quantile(0.95, 3), 1e-8);      // qt(0.95, 3)
        assertEquals(-2.353363435, StudentT.quantile(0.05, 3), 1e-8);
        assertEquals(3.747, StudentT.quantile(0.99, 4), 1e-3);             // qt(0.99, 4) = 3.746947
        assertEquals(2.3646, StudentT.t975(7), 1e-4);
        assertEquals(3.574654842, StudentT.t975(2.5), 1e-7);              // scipy.stats.t.ppf(0.975, 2.5)
        assertEquals(0, StudentT.quantile(0.5, 9), 0);
    }

    @Test
    void cdfMatchesKnownValues() {
        assertEquals(0.9490302605, StudentT.cdf(2.0, 5), 1e-9);           // pt(2, 5)
        assertEquals(0.75, StudentT.cdf(1.0, 1), 1e-9);                   // Cauchy: 1/2 + atan(1)/π
        assertEquals(0.5, StudentT.cdf(0, 3), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.9, 0));
    }
}
