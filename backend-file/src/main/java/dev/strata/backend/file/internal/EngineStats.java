package dev.strata.backend.file.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** Counters since the engine opened, for metrics (write amplification, flushes, compactions, conflicts). */
final class EngineStats {

    final LongAdder commits = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    /** Key and value bytes the users committed. */
    final LongAdder userBytes = new LongAdder();
    final LongAdder walBytesWritten = new LongAdder();
    final LongAdder flushBytesWritten = new LongAdder();
    final LongAdder compactionBytesWritten = new LongAdder();
    final LongAdder flushes = new LongAdder();
    final LongAdder compactions = new LongAdder();
    final LongAdder walForces = new LongAdder();
    final AtomicBoolean compacting = new AtomicBoolean();
    volatile String lastBackgroundError = "";

    /** Bytes written to disk for each byte users wrote: log, flushes and compactions over user bytes. */
    double writeAmplification() {
        long user = userBytes.sum();
        if (user == 0) {
            return 0;
        }
        return (double) (walBytesWritten.sum() + flushBytesWritten.sum() + compactionBytesWritten.sum()) / user;
    }
}
