package dev.strata.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for core's own threads: daemons, so a stuck store never keeps the JVM from exiting. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> named(task, prefix + "-" + count.incrementAndGet());
    }

    /** Every thread named {@code name} (for single-threaded executors). */
    static ThreadFactory single(String name) {
        return task -> named(task, name);
    }

    private static Thread named(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
