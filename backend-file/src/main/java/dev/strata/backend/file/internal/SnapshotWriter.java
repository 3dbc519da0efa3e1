package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.strata.api.InvalidArgumentException;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.manifest.Manifest;
import dev.strata.backend.file.internal.manifest.ManifestStore;
import dev.strata.backend.file.internal.manifest.SegmentMeta;
import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.read.MergingIterator;
import dev.strata.backend.file.internal.segment.SegmentReader;
import dev.strata.backend.file.internal.segment.SegmentWriter;

/**
 * Writes a consistent copy of the store as of one snapshot, while it keeps serving: the snapshot's segments are
 * immutable, so they are hard-linked (copied where links are impossible); what the snapshot sees in memory tables
 * becomes one more segment; a manifest naming them all completes a store that opens like any other (with the same
 * keys, when encrypted). Nothing of the running store is flushed or blocked.
 */
final class SnapshotWriter {

    private SnapshotWriter() {
    }

    static void write(EngineContext context, Path target) {
        prepare(target);
        Views.Snapshot snapshot = context.views().acquire();
        try {
            List<SegmentMeta> segments = new ArrayList<>();
            long nextId = 1;
            for (SegmentReader segment : snapshot.view().segments()) {
                nextId = Math.max(nextId, segment.meta().id() + 1);
            }
            SegmentMeta memory = writeMemtables(context, snapshot, target, nextId);
            if (memory != null) {
                segments.add(memory);
            }
            for (SegmentReader segment : snapshot.view().segments()) {
                linkOrCopy(segment.file(), target.resolve(segment.meta().fileName()));
                segments.add(segment.meta());
            }
            long last = nextId + 1;
            Manifest manifest = new Manifest(1, last + 1, last, snapshot.seq(), context.manifest().keyAlias(),
                    context.keyRing == null ? List.of() : context.keyRing.checks(), segments,
                    context.manifest().identity()); // a copy of this store: its blocks are bound to its id
            new ManifestStore(target, context.channels).write(manifest);
        } catch (IOException e) {
            throw IoFailures.failed("writing a snapshot", target, e);
        } finally {
            context.views().release(snapshot);
        }
    }

    private static void prepare(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(target)) {
                if (files.findAny().isPresent()) {
                    throw new InvalidArgumentException("snapshot target " + target + " is not empty");
                }
            }
        } catch (IOException e) {
            throw IoFailures.failed("preparing the snapshot directory", target, e);
        }
    }

    /** What the snapshot sees in memory, tombstones included (they hide older segment data), as one segment. */
    private static SegmentMeta writeMemtables(EngineContext context, Views.Snapshot snapshot, Path target, long id)
            throws IOException {
        List<EntryIterator> sources = new ArrayList<>();
        for (MemTable table : snapshot.view().memtables()) {
            sources.add(table.iterator(null, null, false, snapshot.seq()));
        }
        try (SegmentWriter writer = new SegmentWriter(target.resolve(SegmentMeta.fileName(id)), id,
                context.channels, context.blockCodec, context.settings.blockSize(), context.settings.bloomBitsPerKey());
             MergingIterator merged = new MergingIterator(sources, false)) {
            while (merged.next()) {
                writer.add(merged.key(), merged.seq(), merged.value());
            }
            return writer.entries() == 0 ? null : writer.finish();
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
        }
    }
}
