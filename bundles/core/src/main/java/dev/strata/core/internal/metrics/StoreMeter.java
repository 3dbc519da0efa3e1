package dev.strata.core.internal.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.strata.api.ConflictException;
import dev.strata.api.OperationStats;

/**
 * Everything core measures for one store, kept across reopenings of its engine (a figure since the store was
 * defined in this runtime). Every operation is counted; reads (get, scan) are timed one in {@value #READ_SAMPLE}
 * so that measuring costs the hottest path a few nanoseconds, while writes and commits, which cost microseconds, are
 * all timed. Percentiles cover the interval between two readings at least {@value #MIN_INTERVAL_MILLIS} ms apart.
 */
public final class StoreMeter {

    static final int READ_SAMPLE = 8;
    static final long MIN_INTERVAL_MILLIS = 1000;

    private final Map<Operation, OperationMeter> operations = new EnumMap<>(Operation.class);
    private final LongAdder conflicts = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private long rolledAt;

    public StoreMeter() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (tests pass their own) */
    StoreMeter(LongSupplier clock) {
        this.clock = clock;
        this.rolledAt = clock.getAsLong();
        for (Operation operation : Operation.values()) {
            operations.put(operation, new OperationMeter());
        }
    }

    /** Whether to time this read (one in {@value #READ_SAMPLE}). */
    static boolean sampleRead() {
        return ThreadLocalRandom.current().nextInt(READ_SAMPLE) == 0;
    }

    /** One kind's meter, for a hot path that keeps it instead of looking it up per operation. */
    OperationMeter meter(Operation operation) {
        return operations.get(operation);
    }

    void counted(Operation operation) {
        operations.get(operation).counted();
    }

    void timed(Operation operation, long nanos) {
        operations.get(operation).timed(nanos);
    }

    void failed(Operation operation, RuntimeException error) {
        if (error instanceof ConflictException) {
            conflicts.increment();
            return;
        }
        operations.get(operation).failed();
        errors.computeIfAbsent(error.getClass().getSimpleName(), type -> new LongAdder()).increment();
    }

    /** Per-operation figures; rolls the interval first when the last one is at least a second old. */
    public synchronized Map<String, OperationStats> operations() {
        long now = clock.getAsLong();
        if (now - rolledAt >= MIN_INTERVAL_MILLIS) {
            operations.values().forEach(OperationMeter::roll);
            rolledAt = now;
        }
        Map<String, OperationStats> stats = new LinkedHashMap<>();
        operations.forEach((operation, meter) -> stats.put(operation.label(), meter.stats()));
        return stats;
    }

    public long conflicts() {
        return conflicts.sum();
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new LinkedHashMap<>();
        errors.forEach((type, count) -> copy.put(type, count.sum()));
        return copy;
    }
}
