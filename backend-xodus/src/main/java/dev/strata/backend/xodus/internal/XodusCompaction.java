package dev.strata.backend.xodus.internal;

import dev.strata.api.StorageException;

import jetbrains.exodus.env.EnvironmentImpl;

/**
 * Xodus's log cleaner (its garbage collector, which is its compaction): run it now over the whole log, or pause it
 * (nested pauses count; a backup pauses it while it copies files the cleaner would otherwise delete).
 */
final class XodusCompaction {

    private final EnvironmentImpl environment;
    private int pauses;
    private boolean running;

    XodusCompaction(EnvironmentImpl environment) {
        this.environment = environment;
    }

    /** Moves every live record out of all but the newest log file and deletes the emptied files; waits for it. */
    void compactNow() {
        synchronized (this) {
            if (pauses > 0) {
                throw new StorageException("compaction is paused (by a backup or an operator); resume it first");
            }
            running = true;
        }
        try {
            environment.getGC().cleanEntireLog();
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }

    synchronized void pause() {
        if (pauses++ == 0) {
            environment.suspendGC();
        }
    }

    synchronized void resume() {
        if (pauses > 0 && --pauses == 0) {
            environment.resumeGC();
        }
    }

    void whilePaused(Runnable work) {
        pause();
        try {
            work.run();
        } finally {
            resume();
        }
    }

    /** {@code running}, {@code paused} or {@code idle} (also with xodus.gc=false, where only compactNow cleans). */
    synchronized String state() {
        if (running) {
            return "running";
        }
        return pauses > 0 ? "paused" : "idle";
    }
}
