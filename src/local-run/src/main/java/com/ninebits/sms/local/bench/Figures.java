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
        return summary(runs, unit, 2);
    }

    /** The same, with {@code decimals} digits after the point. */
    static String summary(List<Double> runs, String unit, int decimals) {
        double[] v = runs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        String n = "%." + decimals + "f";
        return String.format(Locale.ROOT, n + " %s (runs " + n + "–" + n + ", n=%d)", percentile(v, 50), unit, v[0],
                v[v.length - 1], v.length);
    }

    /** The median of a over the median of b, with the spread of the run-by-run ratios. */
    static String ratio(List<Double> a, List<Double> b) {
        List<Double> perRun = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            perRun.add(a.get(i) / b.get(i));
        }
        double[] sorted = perRun.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f× (run by run %.2f–%.2f)", median(a) / median(b), sorted[0],
                sorted[sorted.length - 1]);
    }

    static double median(List<Double> runs) {
        return percentile(runs.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }
}
