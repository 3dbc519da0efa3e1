package dev.strata.backend.file.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import dev.strata.api.CorruptionException;
import dev.strata.api.Durability;
import dev.strata.api.ReadOnlyException;
import dev.strata.api.StorageException;
import dev.strata.api.spi.support.EngineState;
import dev.strata.backend.file.internal.cache.BlockCache;
import dev.strata.backend.file.internal.codec.BlockCodec;
import dev.strata.backend.file.internal.codec.KeyRing;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.manifest.Manifest;
import dev.strata.backend.file.internal.manifest.ManifestStore;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.segment.DataBlock;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.wal.WalCodec;

/**
 * What the parts of one open store share: its files and codecs, the manifest, the visible sequence number, the
 * views, the counters, and the store's health (read-only after a failure, with the damage found).
 */
final class EngineContext {

    final String storeName;
    final Path directory;
    final Durability durability;
    final EngineSettings settings;
    final ChannelFactory channels;
    final BlockCodec blockCodec;
    final WalCodec walCodec;
    final KeyRing keyRing;
    final BlockCache<DataBlock> cache;
    final ManifestStore manifestStore;
    final EngineStats stats = new EngineStats();
    final System.Logger log;
    private final AtomicLong nextFileNumber;
    private final AtomicLong visibleSeq;
    /** Guards {@link #appliedSeq} and {@link #durableSeq}: what may be published is the lesser of the two. */
    private final Object visibility = new Object();
    private long appliedSeq;
    private long durableSeq;
    private final List<CorruptionException> problems = new CopyOnWriteArrayList<>();
    private Views views;
    private Manifest manifest;
    /** The generation before {@link #manifest} ({@code MANIFEST.prev}), or {@code null}: its files are kept. */
    private Manifest previousManifest;
    /** Obsolete segment files no reader holds, kept while the previous generation still names them. */
    private final java.util.Set<Path> awaitingDeletion = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile StorageException readOnlyCause;
    /** Open or closed, with the SPI support's typed error; what transactions check ({@code TransactionState}). */
    final EngineState state;

    EngineContext(String storeName, Path directory, Durability durability, EngineSettings settings,
            ChannelFactory channels, BlockCodec blockCodec, WalCodec walCodec, KeyRing keyRing,
            BlockCache<DataBlock> cache, ManifestStore manifestStore, Manifest manifest, Manifest previousManifest,
            long nextFileNumber, long visibleSeq) {
        this.storeName = storeName;
        this.directory = directory;
        this.durability = durability;
        this.settings = settings;
        this.channels = channels;
        this.blockCodec = blockCodec;
        this.walCodec = walCodec;
        this.keyRing = keyRing;
        this.cache = cache;
        this.manifestStore = manifestStore;
        this.manifest = manifest;
        this.previousManifest = previousManifest;
        this.nextFileNumber = new AtomicLong(nextFileNumber);
        this.visibleSeq = new AtomicLong(visibleSeq);
        this.appliedSeq = visibleSeq;
        this.durableSeq = visibleSeq;
        this.log = System.getLogger("dev.strata.backend.file." + storeName);
        this.state = new EngineState(storeName);
    }

    void attach(Views views) {
        this.views = views;
    }

    Views views() {
        return views;
    }

    long nextFileNumber() {
        return nextFileNumber.getAndIncrement();
    }

    long peekNextFileNumber() {
        return nextFileNumber.get();
    }

    long visibleSeq() {
        return visibleSeq.get();
    }

    /**
     * The commits up to {@code seq} are in the memory table (the commit lock's holder says so after each commit, in
     * order). With {@code os} and {@code none} that makes them visible; with {@code fsync} they also wait for a force.
     */
    void applied(long seq) {
        synchronized (visibility) {
            appliedSeq = Math.max(appliedSeq, seq);
            publishLocked();
        }
    }

    /**
     * A force covered the log records up to {@code seq} (the log writer says so, from whichever thread led the
     * force). A record may be forced before its commit reached the memory table: the force leader runs outside the
     * commit lock and covers whatever was appended, so this alone never publishes beyond {@link #applied}.
     */
    void durable(long seq) {
        synchronized (visibility) {
            durableSeq = Math.max(durableSeq, seq);
            publishLocked();
        }
    }

    /** Recovery: everything replayed is applied and as durable as the store can make it. */
    void recovered(long seq) {
        synchronized (visibility) {
            appliedSeq = Math.max(appliedSeq, seq);
            durableSeq = Math.max(durableSeq, seq);
            publishLocked();
        }
    }

    /**
     * Makes commits visible to new snapshots once they are both in the memory table and as durable as the level
     * promises; under {@link #visibility}, so that the later of the two events publishes what both allow.
     */
    private void publishLocked() {
        long visible = durability == Durability.FSYNC ? Math.min(appliedSeq, durableSeq) : appliedSeq;
        visibleSeq.accumulateAndGet(visible, Math::max);
    }

    synchronized Manifest manifest() {
        return manifest;
    }

    /**
     * Replaces the manifest on disk, then in memory; a failure leaves both as they were. The replaced generation
     * becomes the previous one; segment files that neither names any more are deleted now.
     */
    synchronized Manifest updateManifest(UnaryOperator<Manifest> change) throws IOException {
        Manifest next = change.apply(manifest);
        manifestStore.write(next);
        previousManifest = manifest;
        manifest = next;
        for (Path file : awaitingDeletion) {
            if (!names(SegmentMeta.idOf(file))) {
                awaitingDeletion.remove(file);
                java.nio.file.Files.deleteIfExists(file);
            }
        }
        return next;
    }

    /** Whether the current or the previous manifest names the segment. */
    synchronized boolean names(long segmentId) {
        return manifest.names(segmentId) || (previousManifest != null && previousManifest.names(segmentId));
    }

    /** Log files from here on are kept: the previous generation may need them. */
    synchronized long logStartToKeep() {
        return previousManifest == null ? manifest.walStart() : Math.min(manifest.walStart(), previousManifest.walStart());
    }

    /** The last reader of an obsolete segment let go: delete it now unless the previous generation names it. */
    private synchronized boolean mayDelete(SegmentReader segment) {
        if (names(segment.meta().id())) {
            awaitingDeletion.add(segment.file());
            return false;
        }
        return true;
    }

    /** An empty memory table for the given log file, with a key filter sized for the configured table size. */
    MemTable newMemTable(long walNumber) {
        return new MemTable(walNumber, settings.memtableBytes(), settings.bloomBitsPerKey());
    }

    SegmentReader openSegment(SegmentMeta meta) {
        SegmentReader reader = SegmentReader.open(directory.resolve(meta.fileName()), meta, channels, blockCodec, cache);
        if (reader.problem() != null) {
            reportDamage(reader.problem());
        }
        reader.onDamage(this::reportDamage);
        reader.deleteWhen(this::mayDelete);
        return reader;
    }

    /**
     * Damage outside the log's tail, found at open or by a read: remembered for verify, logged once, and the store
     * turns read-only (safe mode), so that nothing more is written over or compacted away from damaged data.
     */
    void reportDamage(CorruptionException damage) {
        synchronized (problems) {
            if (problems.stream().anyMatch(p -> p.getMessage().equals(damage.getMessage()))) {
                return;
            }
            problems.add(damage);
        }
        log.log(Level.ERROR, "store '" + storeName + "' is damaged: " + damage.getMessage()
                + "; it stays open read-only (verify() lists the damage; reopen after repair)");
        turnReadOnly(damage);
    }

    List<CorruptionException> problems() {
        return List.copyOf(problems);
    }

    /** After a failure that may have lost writes (failed force, write, flush): no more writes until reopened. */
    void turnReadOnly(StorageException cause) {
        if (readOnlyCause == null) {
            synchronized (this) {
                if (readOnlyCause == null) {
                    readOnlyCause = cause;
                    if (!(cause instanceof CorruptionException)) {
                        log.log(Level.ERROR, "store '" + storeName + "' turned read-only: " + cause.getMessage());
                    }
                }
            }
        }
    }

    boolean isReadOnly() {
        return readOnlyCause != null;
    }

    StorageException readOnlyCause() {
        return readOnlyCause;
    }

    void checkWritable() {
        checkOpen();
        StorageException cause = readOnlyCause;
        if (cause != null) {
            throw new ReadOnlyException("store '" + storeName + "' is read-only after a failure: " + cause.getMessage(), cause);
        }
    }

    void checkOpen() {
        state.checkOpen();
    }

    boolean isClosed() {
        return state.isClosed();
    }

    void markClosed() {
        state.close();
    }
}
