package dev.strata.core.internal.metrics;

import java.util.List;

import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;

/**
 * Counts and times the operations of one engine transaction. Commits and rollbacks are those of read-write
 * transactions (a read-only one just ends); a rollback is counted only when the transaction really ends that way
 * (an {@link #abort} after a commit does nothing and counts nothing).
 */
final class MeasuredTransaction implements EngineTransaction, CoreAccess {

    private final EngineTransaction tx;
    private final StoreMeter meter;
    private boolean ended;

    MeasuredTransaction(EngineTransaction tx, StoreMeter meter) {
        this.tx = tx;
        this.meter = meter;
        // nothing of a read-only transaction's end is a commit or a rollback
        this.ended = tx.mode() == TransactionMode.READ_ONLY;
    }

    @Override
    public TransactionMode mode() {
        return tx.mode();
    }

    @Override
    public IsolationLevel isolation() {
        return tx.isolation();
    }

    @Override
    public long snapshotSequence() {
        return tx.snapshotSequence();
    }

    @Override
    public byte[] get(byte[] key) {
        meter.counted(Operation.GET);
        if (!StoreMeter.sampleRead()) {
            try {
                return tx.get(key);
            } catch (RuntimeException e) {
                meter.failed(Operation.GET, e);
                throw e;
            }
        }
        long start = System.nanoTime();
        try {
            return tx.get(key);
        } catch (RuntimeException e) {
            meter.failed(Operation.GET, e);
            throw e;
        } finally {
            meter.timed(Operation.GET, System.nanoTime() - start);
        }
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        long start = System.nanoTime();
        try {
            return tx.getAll(keys);
        } catch (RuntimeException e) {
            meter.failed(Operation.GET, e);
            throw e;
        } finally {
            // one batched read: counted per key, timed as one read
            for (int i = 0; i < keys.size(); i++) {
                meter.counted(Operation.GET);
            }
            meter.timed(Operation.GET, System.nanoTime() - start);
        }
    }

    @Override
    public byte[] readForWrite(byte[] key) {
        return tx.get(key);
    }

    @Override
    public List<byte[]> readAllForWrite(List<byte[]> keys) {
        return tx.getAll(keys);
    }

    /** Core's own records (the expiry index, the format marker) start with 0xFF: no user operation. */
    private static boolean isCoreRecord(byte[] key) {
        return key.length > 0 && key[0] == (byte) 0xFF;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        if (isCoreRecord(key)) {
            tx.put(key, value);
            return;
        }
        measured(Operation.PUT, () -> {
            tx.put(key, value);
            return null;
        });
    }

    /** A batched write: its keys counted as puts (core then puts the present ones itself), timed as one. */
    @Override
    public List<byte[]> putAllIfAbsent(List<byte[]> keys, List<byte[]> values) {
        long start = System.nanoTime();
        List<byte[]> current = null;
        try {
            current = tx.putAllIfAbsent(keys, values);
            return current;
        } catch (RuntimeException e) {
            meter.failed(Operation.PUT, e);
            throw e;
        } finally {
            for (int i = 0; i < keys.size(); i++) {
                if (current == null || current.get(i) == null) {
                    meter.counted(Operation.PUT);
                }
            }
            meter.timed(Operation.PUT, System.nanoTime() - start);
        }
    }

    @Override
    public boolean delete(byte[] key) {
        if (isCoreRecord(key)) {
            return tx.delete(key);
        }
        return measured(Operation.DELETE, () -> tx.delete(key));
    }

    @Override
    public long deleteRange(KeyRange range) {
        return measured(Operation.DELETE, () -> tx.deleteRange(range));
    }

    /** Counts the operation, times it and counts its failure; writes cost microseconds, so every one is timed. */
    private <T> T measured(Operation operation, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        meter.counted(operation);
        try {
            return call.get();
        } catch (RuntimeException e) {
            meter.failed(operation, e);
            throw e;
        } finally {
            meter.timed(operation, System.nanoTime() - start);
        }
    }

    /** A scan is counted when its cursor opens, and timed (sampled) to its first entry. */
    @Override
    public EngineCursor cursor(KeyRange range, boolean reverse) {
        meter.counted(Operation.SCAN);
        EngineCursor cursor;
        try {
            cursor = tx.cursor(range, reverse);
        } catch (RuntimeException e) {
            meter.failed(Operation.SCAN, e);
            throw e;
        }
        return StoreMeter.sampleRead() ? new FirstStepTimer(cursor, meter, System.nanoTime()) : cursor;
    }

    @Override
    public long commit() {
        if (ended) {
            return tx.commit();
        }
        long start = System.nanoTime();
        meter.counted(Operation.COMMIT);
        try {
            long sequence = tx.commit();
            ended = true;
            return sequence;
        } catch (RuntimeException e) {
            ended = true;
            meter.failed(Operation.COMMIT, e);
            throw e;
        } finally {
            meter.timed(Operation.COMMIT, System.nanoTime() - start);
        }
    }

    @Override
    public void abort() {
        if (!ended) {
            ended = true;
            meter.counted(Operation.ROLLBACK);
        }
        tx.abort();
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            meter.counted(Operation.ROLLBACK);
        }
        tx.close();
    }

    /** Times a scan from opening its cursor to its first step. */
    private static final class FirstStepTimer implements EngineCursor {
        private final EngineCursor cursor;
        private final StoreMeter meter;
        private long start;

        FirstStepTimer(EngineCursor cursor, StoreMeter meter, long start) {
            this.cursor = cursor;
            this.meter = meter;
            this.start = start;
        }

        @Override
        public boolean next() {
            try {
                return cursor.next();
            } catch (RuntimeException e) {
                meter.failed(Operation.SCAN, e);
                throw e;
            } finally {
                if (start != 0) {
                    meter.timed(Operation.SCAN, System.nanoTime() - start);
                    start = 0;
                }
            }
        }

        @Override
        public byte[] key() {
            return cursor.key();
        }

        @Override
        public byte[] value() {
            return cursor.value();
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
