package dev.strata.timeseries.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.strata.api.ReadOperations;
import dev.strata.api.timeseries.Point;
import dev.strata.api.timeseries.TimeSeriesCorruptionException;

/** Reading, decoding and merging raw chunks. */
final class Chunks {

    private Chunks() {
    }

    static Optional<ChunkData> read(ReadOperations reads, String key, int columns) {
        return reads.get(key).map(bytes -> decode(key, bytes, columns));
    }

    static ChunkData decode(String key, byte[] bytes, int columns) {
        try {
            ChunkData data = GorillaCodec.decode(bytes);
            if (data.columns().length != columns) {
                throw new ChunkFormatException("expected " + columns + " columns, found " + data.columns().length);
            }
            return data;
        } catch (ChunkFormatException e) {
            throw new TimeSeriesCorruptionException("chunk cannot be decoded: " + e.getMessage(), key);
        }
    }

    /**
     * Merges new points (in the order they were given) into a window's existing samples: the result is sorted by
     * timestamp with one sample per timestamp, and where timestamps meet the newer write wins (a later point of the
     * batch over an earlier one, any point of the batch over the stored sample).
     */
    static ChunkData merge(ChunkData existing, List<Point> additions) {
        int n = additions.size();
        long[] addTimes = new long[n];
        double[] addValues = new double[n];
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = additions.get(i - 1).timestamp() < additions.get(i).timestamp();
        }
        List<Point> ordered = additions;
        if (!sorted) {
            // stable: equal timestamps keep batch order, so the last of them is the one kept below
            ordered = new ArrayList<>(additions);
            ordered.sort(Comparator.comparingLong(Point::timestamp));
        }
        int unique = 0;
        for (int i = 0; i < n; i++) {
            Point point = ordered.get(i);
            if (unique > 0 && addTimes[unique - 1] == point.timestamp()) {
                addValues[unique - 1] = point.value();
            } else {
                addTimes[unique] = point.timestamp();
                addValues[unique] = point.value();
                unique++;
            }
        }
        if (existing == null || existing.count() == 0) {
            return new ChunkData(addTimes, new double[][] {addValues}, unique);
        }
        long[] oldTimes = existing.timestamps();
        double[] oldValues = existing.values();
        int oldCount = existing.count();
        long[] times = new long[oldCount + unique];
        double[] values = new double[oldCount + unique];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < oldCount || j < unique) {
            if (j >= unique || (i < oldCount && oldTimes[i] < addTimes[j])) {
                times[k] = oldTimes[i];
                values[k++] = oldValues[i++];
            } else {
                if (i < oldCount && oldTimes[i] == addTimes[j]) {
                    i++;
                }
                times[k] = addTimes[j];
                values[k++] = addValues[j++];
            }
        }
        return new ChunkData(times, new double[][] {values}, k);
    }

    /** The first index whose timestamp is at or after {@code time}. */
    static int lowerBound(long[] times, int count, long time) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
