package dev.strata.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A position in an ordered key range. Call {@link #next()} before the first entry; {@link #key()} and
 * {@link #value()} return the current entry until the next call.
 */
@ConsumerType
public interface EngineCursor extends AutoCloseable {

    /** Moves to the next entry; false when the range is exhausted. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
