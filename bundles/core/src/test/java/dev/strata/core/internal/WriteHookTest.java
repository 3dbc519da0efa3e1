package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.InvalidArgumentException;
import dev.strata.api.Transaction;
import dev.strata.api.WriteHook;
import dev.strata.backend.memory.MemoryBackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write hooks' contract: called in the writing transaction before each put and delete it wants (store
 * filter included), its own writes not offered again, and a hook that throws leaves neither its writes nor the key.
 */
class WriteHookTest {

    @TempDir
    Path dir;

    /** Counts writes of "a.*" keys into "count.{key}"; refuses the value "bad" after writing its count. */
    static final class CountingHook implements WriteHook {
        final List<String> offered = new ArrayList<>();

        @Override
        public boolean wants(String store, Transaction tx, String key) {
            offered.add(key);
            return key.startsWith("a.");
        }

        @Override
        public void beforeWrite(String store, Transaction tx, String key, byte[] value) {
            int count = tx.get("count." + key).map(b -> Integer.parseInt(new String(b, StandardCharsets.UTF_8))).orElse(0);
            tx.put("count." + key, Integer.toString(count + 1).getBytes(StandardCharsets.UTF_8));
            if (value != null && new String(value, StandardCharsets.UTF_8).equals("bad")) {
                throw new InvalidArgumentException("hook refuses 'bad'");
            }
        }
    }

    private ManagedStore open(ChangeHub hub, String name) {
        MemoryBackend backend = new MemoryBackend();
        ManagedStore store = new ManagedStore(MemoryStores.definition(name, "memory"), dir.resolve(name),
                Clock.systemUTC(), hub);
        store.attach(backend, MemoryStores.info(backend, "memory"));
        return store;
    }

    @Test
    void aHookWritesInTheWritersTransactionAndARefusalLeavesNothing() {
        ChangeHub hub = new ChangeHub((message, failure) -> { });
        CountingHook hook = new CountingHook();
        hub.addWriteHook(hook, Map.of(WriteHook.STORE_PROPERTY, "hooked"));
        ManagedStore store = open(hub, "hooked");
        ManagedStore other = open(hub, "other");
        try {
            store.put("a.1", "x".getBytes(StandardCharsets.UTF_8));
            store.delete("a.1");
            store.put("b.1", "x".getBytes(StandardCharsets.UTF_8));
            assertEquals("2", new String(store.get("count.a.1").orElseThrow(), StandardCharsets.UTF_8));
            assertFalse(hook.offered.contains("count.a.1"), "a hook's own writes are not offered again");
            assertTrue(hook.offered.contains("b.1"));

            store.inTransaction(tx -> {
                assertThrows(InvalidArgumentException.class, () -> tx.put("a.2", "bad".getBytes(StandardCharsets.UTF_8)));
                tx.put("b.2", "kept".getBytes(StandardCharsets.UTF_8)); // the transaction goes on and commits
            });
            assertTrue(store.get("a.2").isEmpty(), "the refused key is not written");
            assertTrue(store.get("count.a.2").isEmpty(), "the refusing hook's write is undone");
            assertTrue(store.get("b.2").isPresent());

            try (Transaction tx = store.begin(dev.strata.api.TransactionMode.READ_WRITE)) {
                tx.put("a.3", "x".getBytes(StandardCharsets.UTF_8));
                tx.rollback();
            }
            assertTrue(store.get("count.a.3").isEmpty(), "rolled back with the write");

            int before = hook.offered.size();
            other.put("a.9", "x".getBytes(StandardCharsets.UTF_8));
            assertEquals(before, hook.offered.size(), "a hook for one store never sees another's writes");
            assertTrue(other.get("count.a.9").isEmpty());
        } finally {
            store.detach("test over", 1000);
            other.detach("test over", 1000);
        }
    }
}
