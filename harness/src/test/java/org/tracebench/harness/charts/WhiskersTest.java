package org.tracebench.harness.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Whiskers drawn where XChart draws the bars, from bound to bound: the chart is painted and its pixels read, the
 * value scale taken from the bars themselves (a bar of 1.0 and the zero line).
 */
class WhiskersTest {
    private static final int W = 600;
    private static final int H = 400;
    private static final Color[] FILLS = {Color.RED, Color.BLUE, Color.GREEN};

    @Test
    void eachBarGetsItsOwnIntervalFromLowerToUpperBoundAndACutOneEndsAtTheAxis() {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).build();
        c.getStyler().setAntiAlias(false);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setAvailableSpaceFill(0.8);
        List<String> cats = List.of("a", "b");
        double[][] values = {{1.0, 0.5}, {0.8, 1.0}, {1.0, 1.0}};
        for (int s = 0; s < 3; s++) {
            c.addSeries("s" + s, cats, List.of(values[s][0], values[s][1])).setFillColor(FILLS[s]);
        }
        Whiskers w = new Whiskers(0, 2, 1f, Color.DARK_GRAY);
        w.add(new double[] {0.5, 0.25}, new double[] {1.5, 0.6});                       // asymmetric around 1.0 and 0.5
        w.add(new double[] {Double.NaN, 0.9}, new double[] {Double.NaN, Double.POSITIVE_INFINITY}); // none; open
        w.add(new double[] {0.2, 0.7}, new double[] {0.3, 3.0});                        // below its bar; cut at 2
        w.attachTo(c);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.paint(g, W, H);
        g.dispose();

        int[][] centres = barCentres(img);
        // value scale from series 2's bar of 1.0 in category a: its top is 1.0, its bottom 0
        int[] bar = extent(img, centres[2][0], FILLS[2].getRGB());
        double y0 = bar[1] + 1;
        double y1 = bar[0];
        java.util.function.DoubleToIntFunction y = v -> (int) Math.round(y0 + (y1 - y0) * v);

        assertWhisker(img, centres[0][0], y.applyAsInt(1.5), y.applyAsInt(0.5), "s0 a [0.5, 1.5]");
        assertWhisker(img, centres[0][1], y.applyAsInt(0.6), y.applyAsInt(0.25), "s0 b [0.25, 0.6]");
        assertEquals(null, darkExtent(img, centres[1][0]), "s1 a has no interval: no whisker");
        assertWhisker(img, centres[1][1], y.applyAsInt(2.0), y.applyAsInt(0.9), "s1 b [0.9, ∞) up to the axis end");
        assertWhisker(img, centres[2][0], y.applyAsInt(0.3), y.applyAsInt(0.2), "s2 a [0.2, 0.3] inside its bar");
        assertWhisker(img, centres[2][1], y.applyAsInt(2.0), y.applyAsInt(0.7), "s2 b [0.7, 3] cut at 2");
        // a cut end has no cap: beside the whisker at the axis end there is no dark pixel, at an uncut end there is
        int top = y.applyAsInt(2.0);
        assertTrue(!dark(img, centres[2][1] + 2, top) && !dark(img, centres[2][1] + 2, top + 1), "no cap where cut");
        assertTrue(dark(img, centres[0][0] + 2, y.applyAsInt(1.5)), "a cap at an uncut end");
    }

    private static void assertWhisker(BufferedImage img, int x, int yTop, int yBottom, String what) {
        int[] e = darkExtent(img, x);
        assertTrue(e != null, what + ": no whisker at x=" + x);
        assertEquals(yTop, e[0], 2.0, what + ": upper end");
        assertEquals(yBottom, e[1], 2.0, what + ": lower end");
    }

    /** The centre column of each series' bar per category, from the bars' colour runs along a row just above 0. */
    private static int[][] barCentres(BufferedImage img) {
        int[][] out = new int[3][2];
        int row = -1;
        for (int yy = H - 1; yy > 0 && row < 0; yy--) {
            for (int x = 0; x < W; x++) if (img.getRGB(x, yy) == FILLS[0].getRGB()) { row = yy - 2; break; }
        }
        for (int s = 0; s < 3; s++) {
            List<Integer> starts = new ArrayList<>();
            int start = -1;
            for (int x = 0; x <= W; x++) {
                boolean in = x < W && img.getRGB(x, row) == FILLS[s].getRGB();
                if (in && start < 0) start = x;
                if (!in && start >= 0) {
                    starts.add((start + x - 1) / 2);
                    start = -1;
                }
            }
            assertEquals(2, starts.size(), "two bars of series " + s + " on row " + row);
            out[s][0] = starts.get(0);
            out[s][1] = starts.get(1);
        }
        return out;
    }

    /** The middle column of the first run of colour {@code c} along the row where it is widest. */
    static int centreOf(BufferedImage img, Color c) {
        int best = -1, bestWidth = 0;
        for (int yy = 0; yy < img.getHeight(); yy += 2) {
            int start = -1;
            for (int x = 0; x <= img.getWidth(); x++) {
                boolean in = x < img.getWidth() && img.getRGB(x, yy) == c.getRGB();
                if (in && start < 0) start = x;
                if (!in && start >= 0) {
                    if (x - start > bestWidth) {
                        bestWidth = x - start;
                        best = (start + x - 1) / 2;
                    }
                    break;
                }
            }
        }
        return best;
    }

    /** {top, bottom} rows of colour {@code rgb} in column x. */
    static int[] extent(BufferedImage img, int x, int rgb) {
        int top = -1, bottom = -1;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            if (img.getRGB(x, yy) == rgb) {
                if (top < 0) top = yy;
                bottom = yy;
            }
        }
        return new int[] {top, bottom};
    }

    /** {top, bottom} rows of whisker pixels in column x (or the one beside it), null when there are none. */
    static int[] darkExtent(BufferedImage img, int x) {
        int top = -1, bottom = -1;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            if (dark(img, x, yy) || dark(img, x - 1, yy) || dark(img, x + 1, yy)) {
                if (top < 0) top = yy;
                bottom = yy;
            }
        }
        return top < 0 ? null : new int[] {top, bottom};
    }

    /** {top, bottom} of the run of whisker pixels in column x (or beside it) through row y, null when y is not one. */
    static int[] darkRunThrough(BufferedImage img, int x, int y) {
        java.util.function.IntPredicate at = yy -> dark(img, x, yy) || dark(img, x - 1, yy) || dark(img, x + 1, yy);
        if (!at.test(y)) return null;
        int top = y, bottom = y;
        while (top > 0 && at.test(top - 1)) top--;
        while (bottom < img.getHeight() - 1 && at.test(bottom + 1)) bottom++;
        return new int[] {top, bottom};
    }

    private static boolean dark(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xffffff) == (Color.DARK_GRAY.getRGB() & 0xffffff);
    }
}
