package dev.strata.backend.file.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.backend.file.internal.memtable.MemTable;
import dev.strata.backend.file.internal.read.EntryIterator;
import dev.strata.backend.file.internal.segment.BloomFilter;
import dev.strata.backend.file.internal.segment.DataBlock;
import dev.strata.backend.file.internal.segment.SegmentReader;

/**
 * One immutable arrangement of the store's data: the memory tables (the active one first, then those waiting
 * for flush, newest first) and the live segments (newest first). A snapshot reads one view for its whole life;
 * the view holds its segments open (reference counts), so compaction can replace them without disturbing it.
 */
final class ReadView {

    private final List<MemTable> memtables;
    private final List<SegmentReader> segments;
    private final AtomicInteger references = new AtomicInteger(1);

    ReadView(List<MemTable> memtables, List<SegmentReader> segments) {
        this.memtables = List.copyOf(memtables);
        this.segments = List.copyOf(segments);
        this.segments.forEach(SegmentReader::retain);
    }

    List<MemTable> memtables() {
        return memtables;
    }

    List<SegmentReader> segments() {
        return segments;
    }

    void retain() {
        references.incrementAndGet();
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            segments.forEach(SegmentReader::release);
        }
    }

    /** The value as of {@code snapshot}, or {@code null} when absent or deleted. */
    byte[] get(byte[] key, long snapshot) {
        long hash = BloomFilter.hash(key);
        for (MemTable memtable : memtables) {
            MemTable.Version version = memtable.find(key, hash, snapshot);
            if (version != null) {
                return version.value();
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        DataBlock.Cursor entry = new DataBlock.Cursor();
        for (SegmentReader segment : segments) {
            if (segment.find(key, hash, entry)) {
                return entry.value();
            }
        }
        return null;
    }

    /** One iterator per source, newest first, over {@code [lower, upper)} as of {@code snapshot}. */
    List<EntryIterator> iterators(byte[] lower, byte[] upper, boolean reverse, long snapshot) {
        List<EntryIterator> sources = new ArrayList<>(memtables.size() + segments.size() + 1);
        for (MemTable memtable : memtables) {
            sources.add(memtable.iterator(lower, upper, reverse, snapshot));
        }
        for (SegmentReader segment : segments) {
            sources.add(segment.iterator(lower, upper, reverse, true));
        }
        return sources;
    }

    ReadView withActive(MemTable active) {
        List<MemTable> tables = new ArrayList<>(memtables.size() + 1);
        tables.add(active);
        tables.addAll(memtables);
        return new ReadView(tables, segments);
    }

    /** After a flush: the table is gone, its segment is the newest. */
    ReadView withFlushed(MemTable flushed, SegmentReader segment) {
        List<MemTable> tables = new ArrayList<>(memtables);
        tables.remove(flushed);
        List<SegmentReader> live = new ArrayList<>(segments.size() + 1);
        if (segment != null) {
            live.add(segment);
        }
        live.addAll(segments);
        return new ReadView(tables, live);
    }

    /** After a compaction: the inputs are replaced by the output (or dropped when it is {@code null}). */
    ReadView withCompacted(List<SegmentReader> inputs, SegmentReader output) {
        List<SegmentReader> live = new ArrayList<>(segments.size());
        boolean placed = false;
        for (SegmentReader segment : segments) {
            if (inputs.contains(segment)) {
                if (!placed && output != null) {
                    live.add(output);
                }
                placed = true;
            } else {
                live.add(segment);
            }
        }
        return new ReadView(memtables, live);
    }
}
