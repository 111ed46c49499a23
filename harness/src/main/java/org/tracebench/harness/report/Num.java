package org.tracebench.harness.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Locale-independent number formatting ('.' decimals, never an exponent), and the short lists reports name. */
public final class Num {
    private Num() {}

    /** "a, b, c" for up to {@code shown} items, else the first {@code shown} and "and N more". */
    public static String firstOf(java.util.List<String> items, int shown) {
        return items.size() <= shown ? String.join(", ", items)
                : String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
    }

    /**
     * A commit or digest shortened to its first 12 hex digits, enough to tell versions apart; what follows the hex
     * (a commit's "-dirty") is kept, and text that does not start with one ("unknown") is returned as it is.
     */
    public static String shortHash(String s) {
        return s.replaceFirst("^([0-9a-f]{12})[0-9a-f]+", "$1");
    }

    /**
     * A measured value for a data file, in plain notation to 12 significant digits: 1.5, 100, 0.0001; 908.4, not the
     * 908.3999999999997 that 4542 / 5.0 leaves in binary (no measurement here has 12 meaningful digits); NaN/infinite
     * as empty.
     */
    public static String plain(double d) {
        if (!Double.isFinite(d)) return "";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return new BigDecimal(Double.toString(d)).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /** d rounded to {@code sig} significant digits, plain notation; "–" for NaN, "∞"/"-∞" when infinite. */
    public static String sig(double d, int sig) {
        if (Double.isNaN(d)) return "–";
        if (Double.isInfinite(d)) return d > 0 ? "∞" : "-∞";
        if (d == 0) return "0";
        BigDecimal b = new BigDecimal(d).round(new MathContext(sig));
        String s = b.toPlainString();
        if (s.contains(".") && b.scale() > 0 && Math.abs(d) >= Math.pow(10, sig)) s = b.setScale(0).toPlainString();
        return s;
    }

    /** Fixed decimals, e.g. fixed(0.1234, 2) = "0.12". */
    public static String fixed(double d, int decimals) {
        if (Double.isNaN(d)) return "–";
        if (Double.isInfinite(d)) return d > 0 ? "∞" : "-∞";
        String s = String.format(Locale.ROOT, "%." + decimals + "f", d);
        // -0.0002 at 3 decimals: "0.000", not "-0.000" (a residual such as other processes' CPU can dip below 0)
        return s.startsWith("-") && s.chars().noneMatch(c -> c >= '1' && c <= '9') ? s.substring(1) : s;
    }

    /** A ratio as a percentage with one decimal, e.g. 0.9876 → "98.8%". */
    public static String percent(double ratio) {
        return Double.isNaN(ratio) ? "–" : fixed(100 * ratio, 1) + "%";
    }
}
