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
 * The classes are not thread-safe unless their documentation says so: a transaction is used by one thread at a
 * time (the SPI's rule), and an engine guards its {@link dev.strata.api.spi.support.ConflictTracker} with the lock
 * that serialises its commits.
 */
@Export
@Version("0.1.0")
package dev.strata.api.spi.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
