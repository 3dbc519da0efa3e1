package dev.strata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;

/**
 * JetBrains Xodus used directly: one environment, one Patricia store ({@code WITHOUT_DUPLICATES_WITH_PREFIXING},
 * measured faster than the B-tree, see TOOLCHAIN.md), durable writes off, every other setting Xodus's default.
 * Like the Strata API, each get is its own read-only transaction and values come back as fresh byte arrays.
 */
final class RawXodusTarget implements KeyValueTarget {

    private final ScratchDirectory directory = new ScratchDirectory("raw-xodus-");
    private final Environment environment;
    private final Store store;

    RawXodusTarget() {
        try {
            environment = Environments.newInstance(directory.path().toFile(),
                    new EnvironmentConfig().setLogDurableWrite(false));
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        store = environment.computeInTransaction(txn ->
                environment.openStore("bench", StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn));
    }

    @Override
    public void putBatch(String[] keys, int from, int to, byte[] value) {
        environment.executeInTransaction(txn -> {
            ArrayByteIterable wrappedValue = new ArrayByteIterable(value);
            for (int i = from; i < to; i++) {
                store.put(txn, new ArrayByteIterable(keys[i].getBytes(StandardCharsets.UTF_8)), wrappedValue);
            }
        });
    }

    @Override
    public byte[] get(String key) {
        ByteIterable found = environment.computeInReadonlyTransaction(txn ->
                store.get(txn, new ArrayByteIterable(key.getBytes(StandardCharsets.UTF_8))));
        return found == null ? null : Arrays.copyOf(found.getBytesUnsafe(), found.getLength());
    }

    @Override
    public long scanAll() {
        return environment.computeInReadonlyTransaction(txn -> {
            long count = 0;
            try (Cursor cursor = store.openCursor(txn)) {
                while (cursor.getNext()) {
                    ByteIterable key = cursor.getKey();
                    ByteIterable value = cursor.getValue();
                    byte[] keyBytes = Arrays.copyOf(key.getBytesUnsafe(), key.getLength());
                    byte[] valueBytes = Arrays.copyOf(value.getBytesUnsafe(), value.getLength());
                    count += keyBytes.length > 0 && valueBytes.length > 0 ? 1 : 0;
                }
            }
            return count;
        });
    }

    @Override
    public void close() {
        try {
            environment.close();
        } finally {
            directory.close();
        }
    }
}
