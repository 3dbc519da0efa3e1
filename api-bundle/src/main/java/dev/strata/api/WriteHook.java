package dev.strata.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register a service of this type (the whiteboard pattern) to take part in writes, inside the writing transaction:
 * a layer that keeps derived keys (an index over some keys' values) updates them in the same transaction as the
 * write, so they commit, roll back and conflict together, on any engine. The document layer's key-value indexes are
 * kept this way.
 * <p>
 * For every put or delete of a key through a {@link Transaction} (so through {@link Store#put} and the other
 * single-operation forms too, which run in a transaction of their own), the store first asks {@link #wants}; when it
 * says yes, it calls {@link #beforeWrite} before applying the write, with the transaction (whose reads still see the
 * key's value before the write). If the hook throws, every write it made is undone (a savepoint around the hook and
 * the write), the key is not written and the exception reaches the caller: the refused write changes nothing.
 * Writes a hook makes are not offered to hooks again. Keys removed by the expiry purge, and writes applied by
 * rolling back to a savepoint, are not offered (the hook's own writes roll back with them). Service property
 * {@value #STORE_PROPERTY} limits the hook to one store (absent: every store).
 */
@ConsumerType
public interface WriteHook {

    String STORE_PROPERTY = "strata.store";

    /**
     * Whether the hook takes part in this write. Called for every write of every store it is registered for, so it
     * must be cheap; {@code tx} identifies the writing transaction (do not write in it here).
     */
    boolean wants(String store, Transaction tx, String key);

    /**
     * Called in the writing transaction before the write is applied.
     *
     * @param value the value being put, or {@code null} for a delete
     */
    void beforeWrite(String store, Transaction tx, String key, byte[] value);
}
