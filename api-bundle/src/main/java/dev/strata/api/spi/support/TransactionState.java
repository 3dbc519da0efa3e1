package dev.strata.api.spi.support;

import dev.strata.api.ReadOnlyException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.TransactionMode;

/**
 * The life of one engine transaction and the checks each call makes, with the errors the SPI and the conformance
 * kit expect:
 * <ul>
 * <li>after commit or abort, every call but {@code abort}/{@code close} is {@link IllegalStateException};</li>
 * <li>once the engine closed, every call but {@code abort}/{@code close} is {@link StoreUnavailableException} and
 * the transaction counts as aborted (a transaction left open by {@code close()} never commits);</li>
 * <li>a write in a read-only transaction is {@link ReadOnlyException}.</li>
 * </ul>
 * Not thread-safe: a transaction is used by one thread at a time.
 */
public final class TransactionState {

    /** Where a transaction is in its life. */
    public enum Phase {
        OPEN, COMMITTED, ABORTED
    }

    private final EngineState engine;
    private final TransactionMode mode;
    private Phase phase = Phase.OPEN;
    /** Whether the engine's close rolled this transaction back (later calls keep saying so). */
    private boolean closedWithEngine;

    public TransactionState(EngineState engine, TransactionMode mode) {
        if (mode == null) {
            throw new dev.strata.api.InvalidArgumentException("transaction mode must not be null");
        }
        this.engine = engine;
        this.mode = mode;
    }

    public TransactionMode mode() {
        return mode;
    }

    public Phase phase() {
        return phase;
    }

    public boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /**
     * For reads (and the first step of everything else).
     *
     * @throws IllegalStateException     after commit or abort
     * @throws StoreUnavailableException once the engine closed; the transaction is aborted then
     */
    public void checkReadable() {
        if (closedWithEngine || phase == Phase.OPEN && engine.isClosed()) {
            phase = Phase.ABORTED;
            closedWithEngine = true;
            throw new StoreUnavailableException("store '" + engine.storeName()
                    + "' was closed; the transaction was rolled back");
        }
        if (phase != Phase.OPEN) {
            throw new IllegalStateException("the transaction on store '" + engine.storeName() + "' is already "
                    + (phase == Phase.COMMITTED ? "committed" : "rolled back"));
        }
    }

    /**
     * For puts and deletes.
     *
     * @throws ReadOnlyException in a read-only transaction (and see {@link #checkReadable()})
     */
    public void checkWritable() {
        checkReadable();
        if (mode == TransactionMode.READ_ONLY) {
            throw new ReadOnlyException("a read-only transaction on store '" + engine.storeName() + "' cannot write");
        }
    }

    /** Records a successful commit. */
    public void committed() {
        phase = Phase.COMMITTED;
    }

    /**
     * Ends the transaction without applying anything (abort, close, a failed commit).
     *
     * @return whether it was open until now: release what it holds only then
     */
    public boolean abort() {
        if (phase != Phase.OPEN) {
            return false;
        }
        phase = Phase.ABORTED;
        return true;
    }
}
