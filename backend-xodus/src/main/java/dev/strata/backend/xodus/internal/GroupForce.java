package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.util.function.LongSupplier;

import dev.strata.api.StorageException;

/**
 * Group commit: a committer whose commit Xodus has written waits here until a force covers it. One waiter at a
 * time is the leader: it reads the sequence of the last written commit, forces the log (outside every lock, so
 * later commits are written meanwhile), and then releases everyone whose commit that force covered; the rest elect
 * the next leader. A failed force fails every commit waiting and every later one: the engine goes read-only.
 */
final class GroupForce {

    /** Forces everything written to the log so far. */
    @FunctionalInterface
    interface Force {
        void run() throws IOException;
    }

    private final String storeName;
    private final LongSupplier lastWritten;
    private final Force force;
    private long forced;
    private boolean forcing;
    private StorageException failure;
    private long forces;

    /** @param lastWritten the sequence of the last commit Xodus has written (read before each force) */
    GroupForce(String storeName, long forcedAlready, LongSupplier lastWritten, Force force) {
        this.storeName = storeName;
        this.forced = forcedAlready;
        this.lastWritten = lastWritten;
        this.force = force;
    }

    /**
     * Returns once a force that began after commit {@code sequence} was written has completed.
     *
     * @throws StorageException when the force failed (the commit was written but is not known to be durable)
     */
    void awaitForced(long sequence) {
        synchronized (this) {
            while (true) {
                if (failure != null) {
                    throw new StorageException("store '" + storeName + "': commit " + sequence
                            + " was written but not forced: " + failure.getMessage(), failure);
                }
                if (forced >= sequence) {
                    return;
                }
                if (!forcing) {
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("store '" + storeName + "': interrupted while commit " + sequence
                            + " waited for its force; it is written but not known to be durable", e);
                }
            }
            forcing = true;
        }
        long target = lastWritten.getAsLong();
        StorageException failed = null;
        try {
            force.run();
        } catch (IOException | RuntimeException e) {
            failed = new StorageException("store '" + storeName + "': forcing the log failed: " + e, e);
        }
        synchronized (this) {
            forcing = false;
            forces++;
            if (failed == null) {
                forced = Math.max(forced, target);
            } else if (failure == null) {
                failure = failed;
            }
            notifyAll();
        }
        if (failed != null) {
            throw new StorageException("store '" + storeName + "': commit " + sequence + " was written but not forced: "
                    + failed.getMessage(), failed);
        }
    }

    /** The first failed force, or {@code null}. */
    synchronized StorageException failure() {
        return failure;
    }

    synchronized long forces() {
        return forces;
    }
}
