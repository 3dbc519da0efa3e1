package dev.strata.jobs.internal.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Forces the bytes of an archive being written to disk as it grows, on a thread of its own, every
 * {@code everyBytes}, so that the force that makes the finished archive durable before it gets its name has only
 * the last few chunks left to write instead of the whole file (measured: see the bundle README). These forces are
 * extra: the file's bytes are the same, and the final force still comes before the rename. A failure of any of them
 * fails the archive: after a failed fsync the kernel may have dropped the dirty pages, so a later force that succeeds
 * proves nothing.
 */
final class BackgroundForce {

    private final FileChannel channel;
    private final String name;
    private final long everyBytes;
    /** On the writing thread only. */
    private long askedAt;
    private Thread thread;
    private boolean asked; // guarded by this
    private boolean stopped; // guarded by this
    private volatile IOException failure;

    BackgroundForce(FileChannel channel, String name, long everyBytes) {
        this.channel = channel;
        this.name = name;
        this.everyBytes = everyBytes;
    }

    /**
     * Told by the writing thread the file's length after each write; asks for a force every {@code everyBytes}.
     *
     * @throws IOException when a force has failed
     */
    void written(long length) throws IOException {
        rethrow();
        if (length - askedAt < everyBytes) {
            return;
        }
        askedAt = length;
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this::forceWhenAsked, name);
                thread.setDaemon(true);
                thread.start();
            }
            asked = true;
            notifyAll();
        }
    }

    /**
     * Waits for the force under way, stops the thread, and reports a failure of any force.
     *
     * @throws IOException when a force has failed
     */
    void finish() throws IOException {
        stop(false);
        rethrow();
    }

    /** Stops the thread of an abandoned archive (interrupting a force under way closes the channel). */
    void abandon() {
        stop(true);
    }

    private void stop(boolean interrupt) {
        Thread running;
        synchronized (this) {
            stopped = true;
            notifyAll();
            running = thread;
        }
        if (running == null) {
            return;
        }
        if (interrupt) {
            running.interrupt();
        }
        boolean interrupted = false;
        while (running.isAlive()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                interrupted = true; // it ends after its force: wait for it, then keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void forceWhenAsked() {
        try {
            while (true) {
                synchronized (this) {
                    while (!asked && !stopped) {
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    asked = false;
                }
                channel.force(false);
            }
        } catch (InterruptedException e) {
            // abandoned
        } catch (IOException e) {
            failure = e;
        }
    }

    private void rethrow() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException(e.getMessage() + " (forcing the archive to disk as it was written)", e);
        }
    }
}
