package dev.strata.management.internal.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import dev.strata.api.BackendInfo;
import dev.strata.api.Durability;
import dev.strata.api.Entry;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyOrder;
import dev.strata.api.NotFoundException;
import dev.strata.api.Scan;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionMode;
import dev.strata.api.TransactionOptions;
import dev.strata.api.TransactionWork;
import dev.strata.api.management.StoreControl;
import dev.strata.api.spi.ByteKeys;

/**
 * A tiny StorageService for tests: each store is a TreeMap in key order, validating keys and values like core does.
 * A store defined with {@link StoreStatus#UNAVAILABLE} throws on every operation, like a store whose backend is
 * missing.
 */
public final class TreeMapStorageService implements StorageService, StoreControl {

    private final Map<String, TreeMapStore> stores = new TreeMap<>();
    private final List<BackendInfo> backends = new ArrayList<>();

    public TreeMapStore define(String name, String backend, StoreStatus status, String message) {
        TreeMapStore store = new TreeMapStore(new StoreInfo(name, backend, status, Durability.OS, message));
        stores.put(name, store);
        return store;
    }

    public void remove(String name) {
        stores.remove(name);
    }

    public void install(BackendInfo backend) {
        backends.add(backend);
    }

    @Override
    public List<StoreInfo> stores() {
        return stores.values().stream().map(TreeMapStore::info).toList();
    }

    @Override
    public Store store(String name) {
        return findStore(name).orElseThrow(() -> new NotFoundException("no store " + name));
    }

    @Override
    public Optional<Store> findStore(String name) {
        return Optional.ofNullable(stores.get(name));
    }

    @Override
    public List<BackendInfo> backends() {
        return List.copyOf(backends);
    }

    final List<String> reopened = new ArrayList<>();

    /** Like core after a successful reopen: the store comes back ONLINE. */
    @Override
    public void reopen(String name) {
        reopened.add(name);
        TreeMapStore store = stores.get(name);
        store.info = new StoreInfo(name, store.info.backend(), StoreStatus.ONLINE, store.info.durability(), "");
    }

    final List<String> actions = new ArrayList<>();

    /** Like core after a close: the store is UNAVAILABLE until reopened. */
    @Override
    public void close(String name) {
        actions.add("close " + name);
        TreeMapStore store = stores.get(name);
        store.info = new StoreInfo(name, store.info.backend(), StoreStatus.UNAVAILABLE, store.info.durability(),
                "closed by an operator");
    }

    @Override
    public void checkpoint(String name) {
        actions.add("checkpoint " + name);
    }

    @Override
    public void compact(String name) {
        actions.add("compact " + name);
    }

    public static final class TreeMapStore implements Store {

        public final NavigableMap<String, byte[]> data = new TreeMap<>(KeyOrder::compare);
        /** How many entries scans handed out, to tell a page from a whole-store read. */
        public int entriesRead;
        /** How many times the store's figures were read. */
        public int metricsReads;
        /** The options of each key's last put, for metadata; times are fixed, this fake has no clock. */
        final Map<String, dev.strata.api.PutOptions> options = new TreeMap<>(KeyOrder::compare);
        static final java.time.Instant NOW = java.time.Instant.parse("2026-12-01T12:00:00Z");
        private StoreInfo info;

        TreeMapStore(StoreInfo info) {
            this.info = info;
        }

        @Override
        public String name() {
            return info.name();
        }

        @Override
        public StoreInfo info() {
            return info;
        }

        private void checkAvailable() {
            if (info.status() == StoreStatus.UNAVAILABLE) {
                throw new StoreUnavailableException("Store '" + info.name() + "' is unavailable: " + info.message());
            }
        }

        private static String checkKey(String key) {
            if (key == null) {
                throw new InvalidArgumentException("key must not be null");
            }
            ByteKeys.checkKey(KeyOrder.encode(key));
            return key;
        }

        @Override
        public Optional<byte[]> get(String key) {
            checkAvailable();
            return Optional.ofNullable(data.get(checkKey(key))).map(byte[]::clone);
        }

        @Override
        public Map<String, byte[]> getAll(Collection<String> keys) {
            Map<String, byte[]> found = new LinkedHashMap<>();
            keys.forEach(key -> get(key).ifPresent(value -> found.put(key, value)));
            return found;
        }

        @Override
        public EntryCursor scan(Scan scan) {
            checkAvailable();
            NavigableMap<String, byte[]> bounded = data;
            if (scan.from() != null) {
                bounded = bounded.tailMap(scan.from(), true);
            }
            if (scan.to() != null) {
                bounded = bounded.headMap(scan.to(), false);
            }
            NavigableMap<String, byte[]> view = scan.descending() ? bounded.descendingMap() : bounded;
            Iterator<Entry> entries = view.entrySet().stream()
                    .filter(e -> scan.accepts(e.getKey()))
                    .limit(scan.maxEntries() == 0 ? Long.MAX_VALUE : scan.maxEntries())
                    .map(e -> new Entry(e.getKey(), e.getValue().clone()))
                    .iterator();
            return new EntryCursor() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Entry next() {
                    entriesRead++;
                    return entries.next();
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }

        @Override
        public void put(String key, byte[] value) {
            checkAvailable();
            checkKey(key);
            data.put(key, ByteKeys.checkValue(value).clone());
            options.remove(key);
        }

        @Override
        public void put(String key, byte[] value, dev.strata.api.PutOptions putOptions) {
            put(key, value);
            options.put(key, putOptions);
        }

        @Override
        public Optional<dev.strata.api.KeyMetadata> metadata(String key) {
            return get(key).map(value -> {
                dev.strata.api.PutOptions put = options.getOrDefault(key, dev.strata.api.PutOptions.DEFAULT);
                return new dev.strata.api.KeyMetadata(NOW, NOW, put.ttl() == null ? null : NOW.plus(put.ttl()),
                        put.tags(), 1, value.length);
            });
        }

        @Override
        public void putAll(Map<String, byte[]> entries) {
            entries.forEach(this::put);
        }

        @Override
        public boolean delete(String key) {
            checkAvailable();
            return data.remove(checkKey(key)) != null;
        }

        @Override
        public dev.strata.api.StoreMetrics metrics() {
            checkAvailable();
            metricsReads++;
            long bytes = data.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
            return new dev.strata.api.StoreMetrics(data.size(), bytes, -1, -1, -1, -1, "n/a", java.util.Map.of(),
                    java.util.Map.of(), 0, java.util.Map.of(), System.currentTimeMillis());
        }

        @Override
        public Transaction begin(TransactionOptions options) {
            throw new UnsupportedOperationException("the commands use single operations only");
        }

        @Override
        public <T> T inTransactionResult(TransactionOptions options, TransactionWork<T> work) {
            throw new UnsupportedOperationException("the commands use single operations only");
        }
    }
}
