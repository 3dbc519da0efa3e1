package dev.strata.timeseries.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GorillaCodecTest {

    private static void assertRoundTrip(long[] times, double[]... columns) {
        byte[] encoded = GorillaCodec.encode(times, columns, times.length);
        ChunkData decoded = GorillaCodec.decode(encoded);
        assertEquals(times.length, decoded.count());
        assertArrayEquals(times, Arrays.copyOf(decoded.timestamps(), decoded.count()));
        assertEquals(columns.length, decoded.columns().length);
        for (int c = 0; c < columns.length; c++) {
            for (int i = 0; i < times.length; i++) {
                // raw bits: NaN payloads and the sign of zero must survive, which equals() on doubles would hide
                assertEquals(Double.doubleToRawLongBits(columns[c][i]),
                        Double.doubleToRawLongBits(decoded.columns()[c][i]), "column " + c + " sample " + i);
            }
        }
    }

    @Test
    void emptyAndSingleSample() {
        assertRoundTrip(new long[0], new double[0]);
        assertRoundTrip(new long[] {1_700_000_000_000L}, new double[] {42.5});
    }

    @Test
    void specialValuesKeepTheirBits() {
        double otherNaN = Double.longBitsToDouble(0x7ff8_dead_beef_0001L);
        double[] values = {0.0, -0.0, Double.NaN, otherNaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, 1.0, -0.0, 0.0};
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1000L * i;
        }
        assertRoundTrip(times, values);
    }

    @Test
    void timestampExtremesLargeGapsAndEqualTimes() {
        long[] times = {Long.MIN_VALUE, -1, 0, 0, 0, 1, Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 5, 5 + (1 << 13),
            5 + (1 << 13) + (1 << 16) + 3, 123_456_789_012L, 123_456_789_012L - 1_000_000, 7};
        double[] values = new double[times.length];
        Arrays.fill(values, 3.25);
        assertRoundTrip(times, values);
    }

    @Test
    void everyDeltaOfDeltaBucketBoundary() {
        long[] dods = {0, 1, -1, 8191, -8192, 8192, -8193, 65535, -65536, 65536, -65537, 524287, -524288, 524288,
            -524289, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE / 4};
        long[] times = new long[dods.length + 2];
        long delta = 10_000;
        times[0] = 1_700_000_000_000L;
        times[1] = times[0] + delta;
        for (int i = 0; i < dods.length; i++) {
            delta += dods[i];
            times[i + 2] = times[i + 1] + delta;
        }
        double[] values = new double[times.length];
        assertRoundTrip(times, values);
    }

    @Test
    void randomColumnsRoundTrip() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(300);
            int width = 1 + random.nextInt(4);
            long[] times = new long[n];
            double[][] columns = new double[width][n];
            long t = random.nextLong();
            for (int i = 0; i < n; i++) {
                t += random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(20_000) - 5_000;
                times[i] = t;
                for (int c = 0; c < width; c++) {
                    columns[c][i] = switch (random.nextInt(4)) {
                        case 0 -> random.nextGaussian();
                        case 1 -> Double.longBitsToDouble(random.nextLong());
                        case 2 -> i > 0 ? columns[c][i - 1] : 0.0;
                        default -> Math.round(random.nextDouble() * 100) / 4.0;
                    };
                }
            }
            assertRoundTrip(times, columns);
        }
    }

    @Test
    void aRegularTenSecondSeriesCostsUnderTwoBytesAPoint() {
        // one day at 10 s, a gauge that moves by quarter steps now and then (temperature-like): the size is a fact
        // of the encoding, so it is asserted here; throughput lives in the benchmarks
        int n = 8640;
        long[] times = new long[n];
        double[] values = new double[n];
        Random random = new Random(1);
        double value = 21.0;
        for (int i = 0; i < n; i++) {
            times[i] = 1_700_000_000_000L + 10_000L * i;
            if (random.nextInt(10) == 0) {
                value += (random.nextInt(3) - 1) * 0.25;
            }
            values[i] = value;
        }
        long bytes = 0;
        for (int from = 0; from < n; from += 720) {
            bytes += GorillaCodec.encode(Arrays.copyOfRange(times, from, from + 720),
                    new double[][] {Arrays.copyOfRange(values, from, from + 720)}, 720).length;
        }
        double perPoint = (double) bytes / n;
        assertTrue(perPoint <= 2.0, "bytes per point " + perPoint);
        assertTrue(perPoint >= 0.1, "implausibly small: " + perPoint);
    }

    @Test
    void truncatedOrForeignBytesAreAFormatErrorNotGarbage() {
        long[] times = {1, 2, 3, 4};
        byte[] encoded = GorillaCodec.encode(times, new double[][] {{1.5, 2.5, 3.5, 4.5}}, 4);
        assertThrows(ChunkFormatException.class, () -> GorillaCodec.decode(Arrays.copyOf(encoded, encoded.length - 4)));
        byte[] wrongVersion = encoded.clone();
        wrongVersion[0] = 9;
        assertThrows(ChunkFormatException.class, () -> GorillaCodec.decode(wrongVersion));
        assertThrows(ChunkFormatException.class, () -> GorillaCodec.decode(new byte[] {1}));
    }
}
