package dev.strata.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.KeyOrder;
import dev.strata.api.KeyValueOperations;
import dev.strata.api.Savepoint;
import dev.strata.api.Scan;
import dev.strata.api.Transaction;
import dev.strata.api.spi.StorageBackend;
import dev.strata.backend.file.internal.FileBackend;
import dev.strata.backend.memory.MemoryBackend;
import dev.strata.backend.xodus.internal.XodusBackend;
import dev.strata.core.internal.StoreOps.Delete;
import dev.strata.core.internal.StoreOps.Get;
import dev.strata.core.internal.StoreOps.InTransaction;
import dev.strata.core.internal.StoreOps.Op;
import dev.strata.core.internal.StoreOps.Put;
import dev.strata.core.internal.StoreOps.PutAll;
import dev.strata.core.internal.StoreOps.ScanOp;
import dev.strata.core.internal.StoreOps.Step;

import org.example.strata.sortedfile.internal.SortedFileBackend;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * A model-based test of the whole public {@code Store} API: random programs of puts, deletes, batches, reads,
 * scans (prefix, range, pattern, direction and limit together) and transactions (explicit and retried, committed
 * and rolled back, with savepoints and reads of their own writes) run against a store and against a sorted map,
 * on every engine we ship and the example backend; every answer must be the model's. jqwik shrinks a failing
 * program to a minimal one and prints the seed that reproduces it.
 */
class StoreModelTest {

    private static final String NO_SUCH_ENTRY = "-";

    @Provide
    Arbitrary<List<Op>> programs() {
        return StoreOps.programs();
    }

    @Property(tries = 100, seed = "20261201", shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void memoryMatchesTheModel(@ForAll("programs") List<Op> program) {
        run(new MemoryBackend(), "memory", "none", program);
    }

    @Property(tries = 100, seed = "20261201", shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void fileMatchesTheModel(@ForAll("programs") List<Op> program) {
        run(new FileBackend(List.of(), null, null), "file", "os", program, "compression", "none");
    }

    @Property(tries = 100, seed = "20261201", shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void xodusMatchesTheModel(@ForAll("programs") List<Op> program) {
        run(new XodusBackend(), "xodus", "os", program);
    }

    @Property(tries = 100, seed = "20261201", shrinking = ShrinkingMode.BOUNDED, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void exampleMatchesTheModel(@ForAll("programs") List<Op> program) {
        run(new SortedFileBackend(), "example", "os", program);
    }

    private static void run(StorageBackend backend, String type, String durability, List<Op> program,
            Object... settings) {
        Path directory;
        try {
            directory = Files.createTempDirectory("strata-model-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("durability", durability),
                java.util.Arrays.stream(settings)).toArray();
        ManagedStore store = new ManagedStore(MemoryStores.definition("model", type, all), directory.resolve("model"));
        try {
            store.attach(backend, MemoryStores.info(backend, type));
            NavigableMap<String, String> model = new TreeMap<>(KeyOrder::compare);
            int step = 0;
            for (Op op : program) {
                apply(store, model, op, "step " + step++ + " " + op);
            }
            assertEquals(model, scan(store, Scan.all()), "the whole store at the end");
        } finally {
            store.detach("test over", 10_000);
            deleteRecursively(directory);
        }
    }

    private static void apply(ManagedStore store, NavigableMap<String, String> model, Op op, String where) {
        if (op instanceof PutAll putAll) {
            Map<String, byte[]> entries = new java.util.HashMap<>();
            putAll.entries().forEach((key, value) -> entries.put(key, bytes(value)));
            store.putAll(entries);
            model.putAll(putAll.entries());
        } else if (op instanceof InTransaction tx) {
            transaction(store, model, tx, where);
        } else {
            step(store, model, (Step) op, where);
        }
    }

    private static void transaction(ManagedStore store, NavigableMap<String, String> model, InTransaction tx,
            String where) {
        NavigableMap<String, String> view = new TreeMap<>(model);
        switch (tx.ending()) {
            case COMMIT, ROLLBACK -> {
                try (Transaction transaction = store.begin()) {
                    run(transaction, view, tx.steps(), where);
                    if (tx.ending() == StoreOps.Ending.COMMIT) {
                        transaction.commit();
                        model.clear();
                        model.putAll(view);
                    } else {
                        transaction.rollback();
                    }
                }
            }
            case RETRIED -> {
                store.inTransaction(transaction -> {
                    view.clear();
                    view.putAll(model);
                    run(transaction, view, tx.steps(), where);
                });
                model.clear();
                model.putAll(view);
            }
            case RETRIED_THROWING -> {
                try {
                    store.inTransaction(transaction -> {
                        run(transaction, new TreeMap<>(model), tx.steps(), where);
                        throw new IllegalStateException("the work gives up");
                    });
                    throw new AssertionError(where + ": inTransaction swallowed the work's exception");
                } catch (IllegalStateException expected) {
                    // rolled back: the model does not change
                }
            }
            default -> throw new IllegalArgumentException(tx.ending().name());
        }
        assertEquals(model, scan(store, Scan.all()), where + ": the store after the transaction ended");
    }

    private static void run(Transaction transaction, NavigableMap<String, String> view, List<Step> steps,
            String where) {
        Deque<Map.Entry<Savepoint, NavigableMap<String, String>>> savepoints = new ArrayDeque<>();
        for (Step step : steps) {
            savepointStep(transaction, view, savepoints, step, where);
        }
    }

    private static void savepointStep(Transaction transaction, NavigableMap<String, String> view,
            Deque<Map.Entry<Savepoint, NavigableMap<String, String>>> savepoints, Step step, String where) {
        if (step instanceof StoreOps.SetSavepoint) {
            savepoints.push(Map.entry(transaction.setSavepoint(), new TreeMap<>(view)));
        } else if (step instanceof StoreOps.RollbackToSavepoint) {
            if (!savepoints.isEmpty()) {
                transaction.rollbackTo(savepoints.peek().getKey());
                view.clear();
                view.putAll(savepoints.peek().getValue());
                assertEquals(view, scan(transaction, Scan.all()), where + ": the view after rolling back to "
                        + "savepoint " + savepoints.peek().getKey().id());
            }
        } else if (step instanceof StoreOps.ReleaseSavepoint) {
            if (!savepoints.isEmpty()) {
                transaction.release(savepoints.pop().getKey());
            }
        } else {
            step(transaction, view, step, where + " in a transaction");
        }
    }

    private static void step(KeyValueOperations target, NavigableMap<String, String> model, Step step,
            String where) {
        if (step instanceof Put put) {
            target.put(put.key(), bytes(put.value()));
            model.put(put.key(), put.value());
        } else if (step instanceof Delete delete) {
            boolean present = model.remove(delete.key()) != null;
            assertEquals(present, target.delete(delete.key()), where + ": whether the key was there");
        } else if (step instanceof Get get) {
            assertEquals(Optional.ofNullable(model.get(get.key())), target.get(get.key()).map(StoreModelTest::text),
                    where);
        } else if (step instanceof ScanOp scan) {
            assertEquals(expected(model, scan.scan()), scanKeys(target, scan.scan()), where);
        } else {
            throw new IllegalArgumentException(step.toString());
        }
    }

    /** What the model says a scan returns: keys in bounds, accepted, in order, limited. */
    private static List<String> expected(NavigableMap<String, String> model, Scan scan) {
        List<String> keys = new ArrayList<>();
        for (String key : scan.descending() ? model.descendingKeySet() : model.navigableKeySet()) {
            boolean inBounds = (scan.from() == null || KeyOrder.compare(key, scan.from()) >= 0)
                    && (scan.to() == null || KeyOrder.compare(key, scan.to()) < 0);
            if (inBounds && scan.accepts(key) && (scan.maxEntries() == 0 || keys.size() < scan.maxEntries())) {
                keys.add(key + "=" + model.get(key));
            }
        }
        return keys;
    }

    private static List<String> scanKeys(KeyValueOperations target, Scan scan) {
        List<String> keys = new ArrayList<>();
        try (EntryCursor cursor = target.scan(scan)) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                keys.add(entry.key() + "=" + text(entry.value()));
            }
        }
        return keys;
    }

    private static Map<String, String> scan(KeyValueOperations target, Scan scan) {
        Map<String, String> entries = new TreeMap<>(KeyOrder::compare);
        try (EntryCursor cursor = target.scan(scan)) {
            while (cursor.hasNext()) {
                Entry entry = cursor.next();
                entries.put(entry.key(), text(entry.value()));
            }
        }
        return entries;
    }

    private static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? NO_SUCH_ENTRY : new String(value, StandardCharsets.UTF_8);
    }
}
