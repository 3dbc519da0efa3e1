package dev.strata.backend.file.internal.read;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sources ordered newest first into one walk with one entry per key: where several sources hold a key,
 * the newest source wins. Tombstones are passed through; readers skip them, compaction decides whether to keep
 * them.
 */
public final class MergingIterator implements EntryIterator {

    private final List<? extends EntryIterator> sources;
    private final PriorityQueue<Head> heap;
    private final boolean reverse;
    private boolean started;
    private byte[] key;
    private long seq;
    private byte[] value;

    /** @param sources newest first; the merger closes them */
    public MergingIterator(List<? extends EntryIterator> sources, boolean reverse) {
        this.sources = sources;
        this.reverse = reverse;
        this.heap = new PriorityQueue<>(Math.max(1, sources.size()), this::compare);
    }

    private int compare(Head a, Head b) {
        int order = Arrays.compareUnsigned(a.source.key(), b.source.key());
        if (order != 0) {
            return reverse ? -order : order;
        }
        return Integer.compare(a.priority, b.priority);
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < sources.size(); i++) {
                EntryIterator source = sources.get(i);
                if (source.next()) {
                    heap.add(new Head(source, i));
                }
            }
        }
        Head top = heap.poll();
        if (top == null) {
            key = null;
            value = null;
            return false;
        }
        key = top.source.key();
        seq = top.source.seq();
        value = top.source.value();
        while (!heap.isEmpty() && Arrays.equals(heap.peek().source.key(), key)) {
            Head shadowed = heap.poll();
            if (shadowed.source.next()) {
                heap.add(shadowed);
            }
        }
        if (top.source.next()) {
            heap.add(top);
        }
        return true;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (EntryIterator source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private record Head(EntryIterator source, int priority) {
    }
}
