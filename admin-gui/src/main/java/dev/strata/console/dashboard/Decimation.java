package dev.strata.console.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds a series for display: above {@code max} points, consecutive points are averaged in equal buckets (binjr
 * does the same above 1,500), so a chart of a day at one point a minute stays smooth with 20 stores. Points without
 * a value ({@code NaN}) are left out of a bucket's mean; a bucket of only such points is dropped.
 */
final class Decimation {

    private Decimation() {
    }

    static List<Point> bounded(long[] times, double[] values, int max) {
        List<Point> points = new ArrayList<>();
        if (times.length <= max) {
            for (int i = 0; i < times.length; i++) {
                if (!Double.isNaN(values[i])) {
                    points.add(new Point(times[i], values[i]));
                }
            }
            return points;
        }
        double bucket = (double) times.length / max;
        for (int b = 0; b < max; b++) {
            int from = (int) Math.floor(b * bucket);
            int to = (int) Math.min(times.length, Math.floor((b + 1) * bucket));
            double sum = 0;
            int seen = 0;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(values[i])) {
                    sum += values[i];
                    seen++;
                }
            }
            if (seen > 0) {
                points.add(new Point(times[(from + to - 1) / 2], sum / seen));
            }
        }
        return points;
    }
}
