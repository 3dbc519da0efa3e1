package dev.strata.jobs.internal.archive;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.strata.api.StorageException;

/**
 * Hands full blocks from the thread that reads a store (and encodes its entries) to a thread of the archive's own
 * that digests, compresses, seals and writes them, so that reading and writing overlap instead of taking turns. The
 * queue between them is bounded ({@value #DEPTH} full blocks), so a slow disk slows the reader down rather than
 * filling memory, and the blocks are recycled (no new block per chunk). Blocks are written strictly in the order they
 * were handed over. A failure of the writing thread reaches the reading thread at its next hand-over or at
 * {@link #finish}.
 */
final class ChunkPipeline implements AutoCloseable {

    /** What the writing thread does with each block, in order. */
    interface Sink {
        void write(EntryBlock block) throws IOException;
    }

    static final int DEPTH = 2;
    private static final long POLL_MILLIS = 50;

    private final EntryBlock end = new EntryBlock();
    private final BlockingQueue<EntryBlock> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<EntryBlock> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private final Sink sink;
    private volatile Throwable failure;
    private volatile boolean aborted;

    ChunkPipeline(String name, Sink sink) {
        this.sink = sink;
        for (int i = 0; i < DEPTH + 1; i++) {
            free.add(new EntryBlock());
        }
        thread = new Thread(this::writeBlocks, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The first block to fill. */
    EntryBlock first() {
        return take(free);
    }

    /** Queues the full block to be written and returns an empty one to fill next (waits while the queue is full). */
    EntryBlock handOver(EntryBlock block) {
        put(block);
        return take(free);
    }

    /**
     * Waits until every block handed over is written.
     *
     * @throws StorageException when one could not be
     */
    void finish() {
        put(end);
        join();
        rethrow();
    }

    /** Stops the writing thread without writing what is still queued (a cancelled or failed archive). */
    @Override
    public void close() {
        aborted = true;
        thread.interrupt();
        join();
    }

    private void writeBlocks() {
        try {
            while (!aborted) {
                EntryBlock block = full.take();
                if (block == end) {
                    return;
                }
                sink.write(block);
                block.reset();
                free.put(block);
            }
        } catch (InterruptedException e) {
            // close(): the archive is abandoned
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void put(EntryBlock block) {
        try {
            while (!full.offer(block, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while writing an archive", e);
        }
    }

    private EntryBlock take(BlockingQueue<EntryBlock> queue) {
        try {
            EntryBlock block;
            while ((block = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                rethrow();
            }
            return block;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while writing an archive", e);
        }
    }

    private void rethrow() {
        Throwable e = failure;
        if (e instanceof StorageException s) {
            throw s;
        }
        if (e instanceof IOException io) {
            throw new StorageException("cannot write the archive: " + io.getMessage(), io);
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new StorageException("cannot write the archive: " + e, e);
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the writing thread is about to end: wait for it, then keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
