package dev.strata.timeseries.internal;

import java.nio.ByteBuffer;

import dev.strata.api.timeseries.TimeSeries;

/**
 * The store keys of the layer (all under {@value TimeSeries#KEY_PREFIX}). Fixed-width hex keeps numeric order in the
 * store's byte order; window starts are flipped at the sign bit so negative timestamps sort before positive ones.
 * <pre>
 * $ts/next-id                               next series id (8 bytes)
 * $ts/s/metric{tag=value,...}               series id (8 bytes)                       the series dictionary
 * $ts/i/ID                                  canonical series text                     id to series
 * $ts/t/metric/tag=value/ID                 empty                                     the tag index
 * $ts/c/ID/WINDOW                           Gorilla chunk: the raw points of a 2 h window
 * $ts/r/ID/WIDTH/WINDOW                     Gorilla chunk of count,sum,min,max per bucket (120 buckets a chunk)
 * $ts/low/ID                                raw points before this time were dropped by retention (8 bytes)
 * $ts/p/metric  ($ts/p/* for the store)     retention and rollup policy (text)
 * </pre>
 */
final class KeyLayout {

    static final String PREFIX = TimeSeries.KEY_PREFIX;
    static final String NEXT_ID = PREFIX + "next-id";
    static final String DICTIONARY = PREFIX + "s/";
    static final String SERIES_BY_ID = PREFIX + "i/";
    static final String TAG_INDEX = PREFIX + "t/";
    static final String CHUNKS = PREFIX + "c/";
    static final String ROLLUPS = PREFIX + "r/";
    static final String LOW_WATERMARK = PREFIX + "low/";
    static final String POLICIES = PREFIX + "p/";

    /** Raw points are chunked per series into windows of this many milliseconds (two hours, as in Prometheus). */
    static final long WINDOW_MILLIS = 2 * 60 * 60 * 1000L;
    /**
     * A rollup chunk holds this many buckets' worth of time (1m: 2 h, the raw window; 1h: 5 days). Small enough that
     * the read-modify-write of the rollup chunk an append touches costs about what its raw chunk costs.
     */
    static final int BUCKETS_PER_ROLLUP_CHUNK = 120;

    private KeyLayout() {
    }

    static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0000000000000000".substring(digits.length()) + digits;
    }

    static long parseHex(String digits) {
        return Long.parseUnsignedLong(digits, 16);
    }

    static String timeHex(long time) {
        return hex(time ^ Long.MIN_VALUE);
    }

    static long parseTimeHex(String digits) {
        return parseHex(digits) ^ Long.MIN_VALUE;
    }

    static long windowStart(long timestamp, long window) {
        return Math.floorDiv(timestamp, window) * window;
    }

    static String dictionaryKey(String canonical) {
        return DICTIONARY + canonical;
    }

    static String dictionaryPrefix(String metric) {
        return DICTIONARY + metric + "{";
    }

    static String seriesKey(long id) {
        return SERIES_BY_ID + hex(id);
    }

    static String tagIndexPrefix(String metric, String tag) {
        return TAG_INDEX + metric + "/" + tag + "=";
    }

    static String tagIndexKey(String metric, String tag, String value, long id) {
        return tagIndexPrefix(metric, tag) + SeriesNames.escape(value) + "/" + hex(id);
    }

    static String chunkPrefix(long id) {
        return CHUNKS + hex(id) + "/";
    }

    static String chunkKey(long id, long windowStart) {
        return chunkPrefix(id) + timeHex(windowStart);
    }

    static String rollupPrefix(long id, long width) {
        return ROLLUPS + hex(id) + "/" + hex(width) + "/";
    }

    static String rollupKey(long id, long width, long windowStart) {
        return rollupPrefix(id, width) + timeHex(windowStart);
    }

    static long rollupWindow(long width) {
        return width * BUCKETS_PER_ROLLUP_CHUNK;
    }

    static String lowWatermarkKey(long id) {
        return LOW_WATERMARK + hex(id);
    }

    static String policyKey(String metric) {
        return POLICIES + metric;
    }

    /** The window start encoded at the end of a chunk key. */
    static long windowOf(String key) {
        return parseTimeHex(key.substring(key.length() - 16));
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long bytesLong(byte[] bytes, String key) {
        if (bytes.length != 8) {
            throw new dev.strata.api.timeseries.TimeSeriesCorruptionException("expected 8 bytes, found "
                    + bytes.length, key);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }
}
