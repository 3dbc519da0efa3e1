package dev.strata.core.internal.metrics;

/**
 * Engine reads core makes for its own bookkeeping (the read of a key's current record before a write replaces it),
 * which are not operations of the user's: a measured transaction forwards them without counting. Writes of core's
 * own records (keys starting with 0xFF) are not counted either (see {@link MeasuredTransaction}).
 */
public interface CoreAccess {

    /** Reads the key like {@code get}, without counting it as a get. */
    byte[] readForWrite(byte[] key);

    /** Reads the keys like {@code getAll} (one batched engine read), without counting them as gets. */
    java.util.List<byte[]> readAllForWrite(java.util.List<byte[]> keys);
}
