package dev.strata.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.ConflictException;
import dev.strata.api.IsolationLevel;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineCursor;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.KeyRange;
import dev.strata.api.spi.StorageEngine;

/**
 * One run of a Hermitage case (github.com/ept/hermitage) at one isolation level: the test table of rows
 * {@code 1 -> 10, 2 -> 20} under a key prefix of its own, and named sessions that run the case's steps.
 * A conflict, whether an engine raises it at a write or at commit, ends a session: it is then "failed" and its
 * later steps are skipped, as a database client would do after a serialization failure.
 */
final class Hermit {

    private final StorageEngine engine;
    final IsolationLevel level;
    private final String prefix;

    Hermit(StorageEngine engine, IsolationLevel level) {
        this.engine = engine;
        this.level = level;
        this.prefix = "hermitage." + level.name().toLowerCase(java.util.Locale.ROOT) + "/";
    }

    /** Writes the test table: {@code 1 -> 10, 2 -> 20}. */
    Hermit setup() {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
            tx.put(key("1"), text("10"));
            tx.put(key("2"), text("20"));
            tx.commit();
        }
        return this;
    }

    Session begin(String name) {
        return new Session(name + " at " + level, engine.begin(TransactionMode.READ_WRITE, level));
    }

    /** The committed table, from a fresh snapshot. */
    Map<String, String> table() {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            return scan(tx);
        }
    }

    void assertTable(Map<String, String> expected, String why) {
        assertEquals(new TreeMap<>(expected), table(), "at " + level + ": " + why);
    }

    byte[] key(String row) {
        return text(prefix + row);
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> scan(EngineTransaction tx) {
        Map<String, String> rows = new TreeMap<>();
        try (EngineCursor cursor = tx.cursor(KeyRange.prefix(text(prefix)), false)) {
            while (cursor.next()) {
                rows.put(new String(cursor.key(), StandardCharsets.UTF_8).substring(prefix.length()),
                        new String(cursor.value(), StandardCharsets.UTF_8));
            }
        }
        return rows;
    }

    /** One client session: a transaction and whether a conflict has ended it. */
    final class Session {

        final String name;
        private final EngineTransaction tx;
        private boolean failed;
        private boolean committed;

        private Session(String name, EngineTransaction tx) {
            this.name = name;
            this.tx = tx;
        }

        /** The row's value as this session reads it, or {@code null} when absent (or the session failed). */
        String get(String row) {
            return step(() -> {
                byte[] value = tx.get(key(row));
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            });
        }

        /** Every row this session sees (a predicate read over the whole table). */
        Map<String, String> rows() {
            Map<String, String> rows = step(() -> scan(tx));
            return rows == null ? Map.of() : rows;
        }

        void put(String row, String value) {
            step(() -> {
                tx.put(key(row), text(value));
                return null;
            });
        }

        void delete(String row) {
            step(() -> tx.delete(key(row)));
        }

        /** @return true when the commit succeeded, false when the session had failed or the commit conflicted */
        boolean commit() {
            if (failed) {
                tx.close();
                return false;
            }
            try {
                tx.commit();
                committed = true;
                return true;
            } catch (ConflictException e) {
                failed = true;
                return false;
            } finally {
                tx.close();
            }
        }

        void abort() {
            tx.abort();
            tx.close();
        }

        boolean failed() {
            return failed;
        }

        boolean committed() {
            return committed;
        }

        private <T> T step(java.util.function.Supplier<T> work) {
            if (failed) {
                return null;
            }
            try {
                return work.get();
            } catch (ConflictException e) {
                failed = true;
                tx.abort();
                return null;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
