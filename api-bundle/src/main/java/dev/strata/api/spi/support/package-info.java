/**
 * Building blocks every engine needs and no engine should have to re-derive: the own-writes buffer of a
 * transaction with its overlay cursor ({@link dev.strata.api.spi.support.WriteSet},
 * {@link dev.strata.api.spi.support.OverlayCursor}), first-committer-wins conflict detection and serializable
 * read-set validation ({@link dev.strata.api.spi.support.ConflictTracker},
 * {@link dev.strata.api.spi.support.ReadSet}, {@link dev.strata.api.spi.support.OpenSnapshots}), and the state
 * checks with their typed errors ({@link dev.strata.api.spi.support.TransactionState},
 * {@link dev.strata.api.spi.support.EngineState}).
 * <p>
 * A minimal engine over an immutable sorted map (as the example backend is) becomes:
 *
 * <pre>{@code
 * // per transaction
 * TransactionState state = new TransactionState(engineState, mode);
 * WriteSet writes = new WriteSet();
 * ReadSet reads = isolation == IsolationLevel.SERIALIZABLE ? new ReadSet() : null;
 *
 * byte[] get(byte[] key) {
 *     state.checkReadable();
 *     ByteKeys.checkKey(key);
 *     if (reads != null) reads.recordKey(key);
 *     byte[] value = writes.read(key, snapshot::get);
 *     return value == null ? null : value.clone();
 * }
 *
 * // at commit, under the engine's commit lock
 * tracker.checkWrites(writes.keys(), snapshotSequence);
 * if (reads != null) tracker.checkReads(reads, snapshotSequence);
 * long sequence = ++lastSequence;
 * apply(writes.entries());                       // null value: delete
 * tracker.recordCommit(writes.keys(), sequence);
 * tracker.forgetUpTo(openSnapshots.oldest(sequence));
 * }</pre>
 *
 * <h2>Typed settings and their metatype</h2>
 * A backend declares the keys it reads as one annotation interface that is both its typed configuration and its
 * {@code @ObjectClassDefinition}, designated under {@link dev.strata.api.spi.support.BackendSettings#metatypePid
 * dev.strata.backend.&lt;type&gt;} (the PID a metatype-aware tool, such as the console over JMX, derives from the
 * {@code strata.backend} property of the backend's service, looking in that service's bundle):
 *
 * <pre>{@code
 * @ObjectClassDefinition(pid = "dev.strata.backend.mine", name = "Strata store on mine")
 * public @interface MyStoreConfiguration {
 *     @AttributeDefinition(name = "Page size", description = "Bytes per page: a size such as 4k")
 *     String mine_pageSize() default "4k";               // the key mine.pageSize
 * }
 *
 * // in open(EngineConfig config), before touching any file
 * MyStoreConfiguration typed = BackendSettings.read(config, MyStoreConfiguration.class);
 * long pageBytes = SettingValues.size("mine.pageSize", typed.mine_pageSize());
 * }</pre>
 *
 * bnd generates {@code OSGI-INF/metatype/} from the annotation; {@code BackendSettings.read} refuses keys that are
 * neither core's ({@link dev.strata.api.spi.support.BackendSettings#STORE_KEYS}) nor the backend's, and values that
 * do not convert, with an {@link dev.strata.api.InvalidArgumentException} naming the key. Sizes and durations are
 * {@code String} attributes parsed with {@link dev.strata.api.spi.support.SettingValues}. Nothing reads a
 * configuration of the designated PID: the values live in each store's configuration (factory PID
 * {@code dev.strata.store}).
 * <p>
 * The classes are not thread-safe unless their documentation says so: a transaction is used by one thread at a
 * time (the SPI's rule), and an engine guards its {@link dev.strata.api.spi.support.ConflictTracker} with the lock
 * that serialises its commits.
 */
@Export
@Version("0.2.0")
package dev.strata.api.spi.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
