package dev.strata.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.strata.api.BackendInfo;
import dev.strata.api.ChangePage;
import dev.strata.api.EntryCursor;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.KeyMetadata;
import dev.strata.api.PutOptions;
import dev.strata.api.Scan;
import dev.strata.api.StorageException;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.Transaction;
import dev.strata.api.TransactionOptions;
import dev.strata.api.TransactionWork;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.core.internal.fallback.FallbackRoute;
import dev.strata.core.internal.metrics.StoreMeter;

/**
 * One defined store. Its engine comes and goes with its backend ({@link #attach}, {@link #detach}); the store
 * object stays, so callers holding it get {@link StoreUnavailableException} while the backend is away and
 * carry on when it returns. Usable outside OSGi (tests, benchmarks): attach a backend instance directly.
 */
public final class ManagedStore implements Store {

    /** How long an operation waits for a store that is opening before it gives up with StoreUnavailableException. */
    static final long OPENING_WAIT_MILLIS = 3_000;

    private final StoreDefinition definition;
    private final StatusWatch status = new StatusWatch(this); // tells each status change (StatusHub)
    private final OpeningState opening = new OpeningState(status::check);
    private final Path directory;
    private final Object lifecycle = new Object();
    private volatile OpenEngine open;
    private volatile String unavailableReason;
    /** What the open engine last said about reaching its data ({@link EngineAvailability}); empty while it can. */
    private volatile String engineUnavailable = "";
    private volatile Runnable onEngineUnavailable = () -> { };
    /** Where operations go while the backend is away or its journal is replayed; null without a fallback store. */
    volatile FallbackRoute fallback;

    /** Store setting: {@code off} leaves the store's operations unmeasured (their counts and timings stay zero). */
    public static final String METRICS = "metrics";

    /** What core measures of this store's operations, kept across reopenings of its engine. */
    private final StoreMeter meter = new StoreMeter();

    /** The store's time: expiry checks, metadata times and the purge read it (tests replace it). */
    private final Clock clock;
    private final RecordSettings recordSettings;
    private final ExpiryPurge purge = new ExpiryPurge();
    private final ChangeFeed changes;

    public ManagedStore(StoreDefinition definition, Path directory) {
        this(definition, directory, Clock.systemUTC());
    }

    public ManagedStore(StoreDefinition definition, Path directory, Clock clock) {
        this(definition, directory, clock, ChangeHub.NONE);
    }

    ManagedStore(StoreDefinition definition, Path directory, Clock clock, ChangeHub changeHub) {
        this.changes = new ChangeFeed(definition.name(), changeHub, new ChangeDispatcher(changeHub));
        this.definition = definition;
        this.directory = directory;
        this.clock = clock;
        this.recordSettings = RecordSettings.from(definition);
        this.unavailableReason = "backend '" + definition.backend() + "' is not installed";
    }

    public StoreDefinition definition() {
        return definition;
    }

    /** Opens the store's engine on the backend (nothing when open); a failure leaves it unavailable, with why. */
    public void attach(StorageBackend backend, BackendInfo info) {
        synchronized (lifecycle) {
            if (open != null) {
                return;
            }
            try {
                engineUnavailable = "";
                open = StoreEngines.open(definition, directory, backend, info, clock, recordSettings, meter, changes,
                        () -> onEngineUnavailable.run());
                status.check();
            } catch (IOException e) {
                unavailableReason = "cannot create its directory " + directory + ": " + e.getMessage();
                throw new StorageException("store '" + name() + "': " + unavailableReason, e);
            } catch (StoreUnavailableException e) {
                unavailableReason = "backend '" + info.type() + "' is not ready to open it yet (" + e.getMessage()
                        + "); trying again shortly";
                throw e;
            } catch (RuntimeException e) {
                unavailableReason = "backend '" + info.type() + "' failed to open it: " + e.getMessage();
                throw Failures.translate(name(), e);
            }
        }
    }

    /**
     * Closes the engine after the operations inside it have left (waiting at most {@code graceMillis} for explicit
     * transactions), and makes the store unavailable with the reason given.
     *
     * @return how many operations were abandoned when the grace period ran out
     */
    public int detach(String reason, long graceMillis) {
        synchronized (lifecycle) {
            unavailableReason = reason;
            engineUnavailable = "";
            OpenEngine closing = open;
            if (closing == null) {
                return 0;
            }
            open = null;
            status.check();
            return closing.close(graceMillis);
        }
    }

    /** What the engine says about reaching its data: non-empty makes the store UNAVAILABLE (engine kept open). */
    void engineAvailability(String reason) {
        engineUnavailable = reason == null ? "" : reason.trim();
        status.check();
    }

    StatusWatch statusWatch() { // tells each status change; its catalog hands it the hub and asks it after its own
        return status;
    }

    String engineUnavailableReason() { // empty while it can reach its data
        return engineUnavailable;
    }

    void whenEngineUnavailable(Runnable hook) { // told when an operation met StoreUnavailableException (its catalog)
        onEngineUnavailable = hook;
    }

    OpeningState opening() { // whether the store is being opened; its catalog marks it, operations wait on it
        return opening;
    }

    /** The open engine (for metrics and maintenance), or empty while unavailable. */
    public Optional<StorageEngine> engine() {
        OpenEngine current = open;
        return current == null ? Optional.empty() : Optional.of(current.engine());
    }

    /** Runs an engine hook (checkpoint, compaction) inside the store, so the close waits; unavailable when closed. */
    public void maintain(java.util.function.Consumer<StorageEngine> hook) {
        inside(engine -> {
            hook.accept(engine.engine());
            return null;
        });
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public dev.strata.api.StoreMetrics metrics() {
        OpenEngine engine = enter(false); // figures are readable while the engine cannot reach its data
        try {
            return StoreFigures.of(engine.engine().metrics(), meter,
                    StoreFigures.core(purge, changes, engine.journal(), fallback, engine.records()),
                    engine.records().markers());
        } catch (RuntimeException e) {
            throw engine.translate(e);
        } finally {
            engine.leave();
        }
    }

    @Override
    public StoreInfo info() {
        OpenEngine current = open;
        String openingReason = opening.reason();
        String engineReason = engineUnavailable;
        StoreStatus status = openingReason != null ? StoreStatus.OPENING
                : current == null || !engineReason.isEmpty() ? StoreStatus.UNAVAILABLE
                : current.engine().isReadOnly() ? StoreStatus.READ_ONLY : StoreStatus.ONLINE;
        String message = switch (status) {
            case UNAVAILABLE -> current != null && !engineReason.isEmpty() ? engineReason : unavailableReason;
            case OPENING -> openingReason;
            case READ_ONLY -> readOnlyReason(current.engine());
            case ONLINE -> current.records().upgrade().note(current.records()); // the online format upgrade
            case FALLBACK -> "";
        };
        FallbackRoute route = fallback;
        if (route != null && (engineDown() || route.journaling())) {
            return FallbackStatus.of(this, route, status, message);
        }
        return new StoreInfo(name(), definition.backend(), status, definition.durability(), message);
    }

    @Override
    public Transaction begin(TransactionOptions options) {
        if (options == null) {
            throw new InvalidArgumentException("transaction options must not be null");
        }
        FallbackRoute route = routing();
        return route != null ? route.begin(options) : beginDirect(options);
    }

    /** A transaction on the store's own engine, whatever the fallback route says (the replay's). */
    ManagedTransaction beginDirect(TransactionOptions options) {
        return enter(true).begin(options.mode(), options.isolation());
    }

    Transaction beginSingleWrite(TransactionOptions options) { // the engine may take the snapshot with the first read
        FallbackRoute route = routing();
        return route != null ? route.begin(options) : enter(true).begin(options.mode(), options.isolation(), true);
    }

    /** The fallback route when operations go through it now, else null (the engine serves them). */
    private FallbackRoute routing() {
        FallbackRoute route = fallback;
        return route != null && route.serves() ? route : null;
    }

    /** Whether the engine cannot serve: none open and none opening, or one that cannot reach its data. */
    boolean engineDown() {
        return !opening.active() && (open == null || !engineUnavailable.isEmpty());
    }

    @Override
    public <T> T inTransactionResult(TransactionOptions options, TransactionWork<T> work) {
        return TransactionRunner.run(this, options, work);
    }

    @Override
    public Optional<byte[]> get(String key) {
        FallbackRoute route = routing();
        return route != null ? route.get(key) : directGet(key);
    }

    Optional<byte[]> directGet(String key) {
        byte[] encoded = Keys.encode(key);
        // one read of the newest committed state: the engine may do it without a transaction of its own
        return inside(engine -> Optional.ofNullable(engine.records().directGet(engine.engine(), encoded)));
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        Keys.checkKeys(keys);
        return read(tx -> tx.getAll(keys));
    }

    @Override
    public java.util.List<String> keysTagged(String tag, int limit) {
        TagIndex.check(tag, limit);
        return read(tx -> tx.keysTagged(tag, limit));
    }

    @Override
    public EntryCursor scan(Scan scan) {
        ScanPlan plan = ScanPlan.of(scan);
        if (plan.isEmpty()) {
            return ScanCursor.empty(plan);
        }
        FallbackRoute route = routing();
        if (route != null) {
            throw route.unavailable("scans wait for the replay of its journal");
        }
        return ScanCursor.over(enter(true), plan, scan.descending());
    }

    @Override
    public void put(String key, byte[] value) {
        put(key, value, PutOptions.DEFAULT);
    }

    @Override
    public void put(String key, byte[] value, PutOptions options) {
        Keys.encode(key);
        Keys.checkValue(key, value);
        if (options == null) {
            throw new InvalidArgumentException("put options must not be null");
        }
        TransactionRunner.singleWrite(this, tx -> tx.put(key, value, options));
    }

    @Override
    public Optional<KeyMetadata> metadata(String key) {
        Keys.encode(key);
        return read(tx -> tx.metadata(key));
    }

    /** Whether the purge has work now: an expiry noted by a put has come, or a while has passed since it last ran. */
    boolean purgeDue() {
        OpenEngine current = open;
        return current != null && !current.engine().isReadOnly() && purge.due(current.records());
    }

    /**
     * Removes expired keys for at most {@code budgetMillis} (see {@link ExpiryPurge}); called by core's maintenance.
     *
     * @return how many keys were removed
     */
    long purgeExpired(long budgetMillis) {
        return inside(engine -> engine.engine().isReadOnly() || !engine.records().writable() ? 0L
                : purge.run(engine.engine(), engine.records(), budgetMillis));
    }

    /** Whether older-format values wait for the online upgrade (cheap; core's maintenance asks every tick). */
    boolean formatUpgradeDue() {
        OpenEngine current = open;
        return current != null && !current.engine().isReadOnly() && current.records().upgrading()
                && current.records().writable();
    }

    /** Upgrades older-format values for at most {@code budgetMillis} ({@link FormatUpgrade}); maintenance calls it. */
    long upgradeFormat(long budgetMillis) {
        return inside(engine -> engine.engine().isReadOnly() ? 0L
                : engine.records().upgrade().run(engine.engine(), engine.records(), budgetMillis));
    }

    @Override
    public ChangePage changesAfter(long cursor, int limit) {
        return inside(engine -> engine.journal().read(engine.engine(), cursor, limit));
    }

    /** Whether the change feed holds more than its retention (cheap; core's maintenance asks every tick). */
    boolean changeFeedTrimDue() {
        OpenEngine current = open;
        return current != null && !current.engine().isReadOnly() && current.journal().trimDue();
    }

    /** Drops change feed entries beyond its retention for at most {@code budgetMillis}; core's maintenance calls it. */
    long trimChangeFeed(long budgetMillis) {
        return inside(engine -> engine.journal().trim(engine.engine(), clock.millis(), budgetMillis));
    }

    @Override
    public void putAll(Map<String, byte[]> entries) {
        // no check here: the transaction's putAll checks every entry (encoding each key once) before it writes any
        TransactionRunner.singleWrite(this, tx -> tx.putAll(entries));
    }

    @Override
    public boolean delete(String key) {
        Keys.encode(key);
        return TransactionRunner.singleWriteResult(this, tx -> tx.delete(key));
    }

    /** Runs work inside the open engine (its close waits for it), with the engine's failures translated. */
    private <T> T inside(java.util.function.Function<OpenEngine, T> work) {
        OpenEngine engine = enter(true);
        try {
            return work.apply(engine);
        } catch (RuntimeException e) {
            throw engine.translate(e);
        } finally {
            engine.leave();
        }
    }

    private OpenEngine enter(boolean needsData) {
        String engineReason = engineUnavailable;
        if (needsData && open != null && !engineReason.isEmpty()) {
            throw new StoreUnavailableException("store '" + name() + "' is unavailable: " + engineReason);
        }
        OpenEngine current = open;
        if (current == null && opening.active() && opening.awaitEnd(OPENING_WAIT_MILLIS)) {
            current = open;
        }
        if (current != null && current.enter()) {
            return current;
        }
        String openingReason = opening.reason();
        throw new StoreUnavailableException(openingReason != null
                ? "store '" + name() + "' is still opening (" + openingReason + "); try again shortly"
                : "store '" + name() + "' is unavailable: " + unavailableReason);
    }

    private static String readOnlyReason(StorageEngine engine) {
        String reason = engine.readOnlyReason();
        return reason == null || reason.isBlank() ? "the engine refuses writes after a failure; see the log" : reason;
    }

    @Override
    public String toString() {
        return "Store[" + name() + " on " + definition.backend() + "]";
    }
}
