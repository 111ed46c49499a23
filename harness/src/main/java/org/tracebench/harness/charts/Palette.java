package org.tracebench.harness.charts;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * One fixed colour per tracer from the Okabe-Ito colour-blind-safe palette, the same in every chart. Known tracers
 * have fixed colours; other names take the remaining colours in the order given.
 */
public final class Palette {
    private Palette() {}

    public static final Color BLACK = new Color(0x000000);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color YELLOW = new Color(0xF0E442);
    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);

    private static final Map<String, Color> FIXED = Map.of("none", BLACK, "strace", VERMILLION,
            "fatrace", BLUE, "ftrace", BLUISH_GREEN, "bpftrace", ORANGE);
    private static final List<Color> SPARE = List.of(REDDISH_PURPLE, SKY_BLUE, YELLOW);

    /**
     * Shades of one backend's colour for its configurations ({@code bpftrace[mode=paths perfRbPages=64]}), in the
     * order they appear: lighter and darker steps, so a fidelity suite's twelve configurations read as five hues
     * instead of three spare colours repeated. Positive = towards white, negative = towards black.
     */
    private static final double[] SHADES = {0.0, 0.45, -0.4, 0.7, -0.65, 0.25, -0.2, 0.85};

    /**
     * The colour of {@code tracer} among {@code allTracers} (the run's tracers in display order). A configuration
     * {@code name[...]} of a known backend takes a shade of that backend's colour, the first one the colour itself
     * unless the plain backend is drawn too.
     */
    public static Color of(String tracer, List<String> allTracers) {
        Color c = FIXED.get(tracer);
        if (c != null) return c;
        String backend = org.tracebench.harness.suite.Suite.TracerSpec.backendOf(tracer);
        Color base = backend.equals(tracer) ? null : FIXED.get(backend);
        if (base != null) {
            int step = allTracers.contains(backend) ? 1 : 0;
            for (String t : allTracers) {
                if (t.equals(tracer)) break;
                if (t.startsWith(backend + "[")) step++;
            }
            return shade(base, SHADES[step % SHADES.length]);
        }
        int i = 0;
        for (String t : allTracers) {
            if (FIXED.containsKey(t)) continue;
            if (t.equals(tracer)) return SPARE.get(i % SPARE.size());
            i++;
        }
        return SPARE.get(Math.floorMod(tracer.hashCode(), SPARE.size()));
    }

    private static Color shade(Color c, double amount) {
        if (amount >= 0) return light(c, amount);
        double k = 1 + amount;
        return new Color((int) Math.round(c.getRed() * k), (int) Math.round(c.getGreen() * k), (int) Math.round(c.getBlue() * k));
    }

    /** The colour lightened towards white by {@code amount} (0..1), for a secondary part of the same tracer. */
    public static Color light(Color c, double amount) {
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
    }
}
