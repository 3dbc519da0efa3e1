package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.strata.api.ConflictException;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Savepoint;
import dev.strata.api.Transaction;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;

import org.example.strata.sortedfile.internal.SortedFileBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Savepoints, which core keeps over the engine transaction, on every engine. */
class SavepointTest {

    @TempDir
    Path dir;

    private ManagedStore store;

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("memory", new MemoryBackend(), "none"),
                Arguments.of("file", new FileBackend(List.of(), null, null), "os"),
                Arguments.of("xodus", new XodusBackend(), "os"),
                Arguments.of("example", new SortedFileBackend(), "os"));
    }

    private void open(String type, StorageBackend backend, String durability) {
        store = new ManagedStore(MemoryStores.definition("sp", type, "durability", durability, "compression", "none"),
                dir.resolve(type));
        store.attach(backend, MemoryStores.info(backend, type));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.detach("test over", 5_000);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void rollingBackToASavepointRestoresEveryKeyAsItWasThen(String type, StorageBackend backend, String durability) {
        open(type, backend, durability);
        store.put("kept", bytes("before"));
        store.put("changed", bytes("before"));
        store.put("deleted", bytes("before"));
        try (Transaction tx = store.begin()) {
            tx.put("early", bytes("early"));
            Savepoint outer = tx.setSavepoint();
            tx.put("changed", bytes("after"));
            tx.delete("deleted");
            tx.put("new", bytes("after"));
            Savepoint inner = tx.setSavepoint();
            tx.put("changed", bytes("inner"));
            tx.put("innerOnly", bytes("x"));
            tx.rollbackTo(inner);
            assertEquals(Optional.of("after"), text(tx.get("changed")), type + ": back at the inner savepoint");
            assertFalse(tx.get("innerOnly").isPresent(), type);
            tx.rollbackTo(outer);
            assertEquals(Optional.of("before"), text(tx.get("changed")), type + ": back at the outer savepoint");
            assertEquals(Optional.of("before"), text(tx.get("deleted")), type + ": a delete undone");
            assertFalse(tx.get("new").isPresent(), type + ": an insert undone");
            assertEquals(Optional.of("early"), text(tx.get("early")), type + ": writes before the savepoint stay");
            assertThrows(InvalidArgumentException.class, () -> tx.rollbackTo(inner),
                    type + ": the inner savepoint ended with the rollback to the outer one");
            tx.put("afterRollback", bytes("y"));
            tx.commit();
        }
        assertEquals(Optional.of("before"), text(store.get("changed")));
        assertEquals(Optional.of("before"), text(store.get("deleted")));
        assertFalse(store.get("new").isPresent());
        assertTrue(store.get("early").isPresent());
        assertTrue(store.get("afterRollback").isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void releasingKeepsTheWritesAndHandsTheUndoToTheOuterSavepoint(String type, StorageBackend backend,
            String durability) {
        open(type, backend, durability);
        store.put("k", bytes("0"));
        try (Transaction tx = store.begin()) {
            Savepoint outer = tx.setSavepoint();
            Savepoint inner = tx.setSavepoint();
            tx.put("k", bytes("2"));
            tx.release(inner);
            assertEquals(Optional.of("2"), text(tx.get("k")), type + ": release keeps the writes");
            assertThrows(InvalidArgumentException.class, () -> tx.release(inner), type);
            tx.rollbackTo(outer);
            assertEquals(Optional.of("0"), text(tx.get("k")), type + ": the outer savepoint undoes the inner's writes");
            tx.commit();
        }
        assertEquals(Optional.of("0"), text(store.get("k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aKeyWrittenAndRolledBackStillConflicts(String type, StorageBackend backend, String durability) {
        open(type, backend, durability);
        store.put("k", bytes("0"));
        try (Transaction tx = store.begin()) {
            Savepoint savepoint = tx.setSavepoint();
            tx.put("k", bytes("mine"));
            tx.rollbackTo(savepoint);
            store.put("k", bytes("concurrent"));
            assertThrows(ConflictException.class, tx::commit, type + ": the restoring write is still a write");
        }
        assertEquals(Optional.of("concurrent"), text(store.get("k")));
        try (Transaction other = store.begin(); Transaction mine = store.begin()) {
            assertThrows(InvalidArgumentException.class, () -> mine.rollbackTo(other.setSavepoint()),
                    type + ": a savepoint of another transaction");
        }
    }
}
