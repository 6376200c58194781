package com.ninebits.sms.local.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles and the median-with-spread summary every benchmark figure is printed as. */
final class Figures {

    private Figures() {
    }

    /** The p-th percentile (0..100) of the values, nearest-rank. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** "median (min–max, n runs)" of repeated measurements. */
    static String summary(List<Double> runs, String unit) {
        double[] v = runs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "%.2f %s (runs %.2f–%.2f, n=%d)", percentile(v, 50), unit, v[0], v[v.length - 1],
                v.length);
    }
}
