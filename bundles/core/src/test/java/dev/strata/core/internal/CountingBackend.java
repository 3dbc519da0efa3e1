package dev.strata.core.internal;

import java.util.concurrent.atomic.AtomicLong;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineMetrics;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/** Wraps a backend and counts how far its cursors advance and how many transactions stay open. */
final class CountingBackend implements StorageBackend {

    final AtomicLong cursorSteps = new AtomicLong();
    final AtomicLong openTransactions = new AtomicLong();
    private final StorageBackend delegate;

    CountingBackend(StorageBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public BackendCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        StorageEngine engine = delegate.open(config);
        return new StorageEngine() {
            @Override
            public EngineTransaction begin(TransactionMode mode) {
                openTransactions.incrementAndGet();
                return new CountingTransaction(engine.begin(mode));
            }

            @Override
            public EngineTransaction begin(TransactionMode mode, dev.strata.api.IsolationLevel isolation) {
                openTransactions.incrementAndGet();
                return new CountingTransaction(engine.begin(mode, isolation));
            }

            @Override
            public EngineMetrics metrics() {
                return engine.metrics();
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }

    private final class CountingTransaction implements EngineTransaction {
        private final EngineTransaction tx;
        private boolean closed;

        CountingTransaction(EngineTransaction tx) {
            this.tx = tx;
        }

        @Override
        public TransactionMode mode() {
            return tx.mode();
        }

        @Override
        public dev.strata.api.IsolationLevel isolation() {
            return tx.isolation();
        }

        @Override
        public long snapshotSequence() {
            return tx.snapshotSequence();
        }

        @Override
        public byte[] get(byte[] key) {
            return tx.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            tx.put(key, value);
        }

        @Override
        public boolean delete(byte[] key) {
            return tx.delete(key);
        }

        @Override
        public EngineCursor cursor(KeyRange range, boolean reverse) {
            EngineCursor cursor = tx.cursor(range, reverse);
            return new EngineCursor() {
                @Override
                public boolean next() {
                    cursorSteps.incrementAndGet();
                    return cursor.next();
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
            };
        }

        @Override
        public long commit() {
            long sequence = tx.commit();
            finished();
            return sequence;
        }

        @Override
        public void abort() {
            tx.abort();
            finished();
        }

        @Override
        public void close() {
            tx.close();
            finished();
        }

        private void finished() {
            if (!closed) {
                closed = true;
                openTransactions.decrementAndGet();
            }
        }
    }
}
