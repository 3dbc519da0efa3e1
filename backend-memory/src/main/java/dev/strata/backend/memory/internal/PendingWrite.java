package dev.strata.backend.memory.internal;

/**
 * A write buffered in a transaction until commit, already in stored form (copied, and deflated when that pays).
 *
 * @param stored    the bytes to store, or {@code null} for a deletion
 * @param rawLength the original length when {@code stored} is deflated, else {@code -1}
 */
record PendingWrite(byte[] stored, int rawLength) {

    static final PendingWrite DELETION = new PendingWrite(null, -1);

    boolean isDeletion() {
        return stored == null;
    }
}
