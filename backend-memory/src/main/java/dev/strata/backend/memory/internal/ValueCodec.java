package dev.strata.backend.memory.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.strata.api.CorruptionException;

/**
 * Turns client values into stored form and back: a private copy, deflated (JDK {@link Deflater}, level 1) when
 * compression is on, the value is larger than {@link #COMPRESSION_THRESHOLD} and deflating actually shrinks it.
 * Deflaters and inflaters hold native memory and are slow to create, so a few are pooled in lock-free slots; a
 * thread that finds its slot empty makes a new one, and a surplus one is ended on return.
 */
final class ValueCodec implements AutoCloseable {

    /** Values up to this many bytes are never compressed: the saving would not pay for the work. */
    static final int COMPRESSION_THRESHOLD = 64;

    private final boolean deflate;
    private final AtomicReferenceArray<Deflater> deflaters;
    private final AtomicReferenceArray<Inflater> inflaters;
    private final int slotMask;

    ValueCodec(boolean deflate) {
        this.deflate = deflate;
        int slots = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2);
        this.slotMask = slots - 1;
        this.deflaters = new AtomicReferenceArray<>(slots);
        this.inflaters = new AtomicReferenceArray<>(slots);
    }

    /** The client value as a pending version in stored form; never shares the caller's array. */
    Version encode(byte[] value) {
        if (!deflate || value.length <= COMPRESSION_THRESHOLD) {
            return Version.pending(value.clone(), -1);
        }
        int slot = slot();
        Deflater deflater = deflaters.getAndSet(slot, null);
        if (deflater == null) {
            deflater = new Deflater(1);
        }
        try {
            deflater.setInput(value);
            deflater.finish();
            // one byte smaller than the value: if the output does not fit, deflating does not pay
            byte[] out = new byte[value.length - 1];
            int length = 0;
            while (!deflater.finished() && length < out.length) {
                length += deflater.deflate(out, length, out.length - length);
            }
            if (!deflater.finished()) {
                return Version.pending(value.clone(), -1);
            }
            return Version.pending(Arrays.copyOf(out, length), value.length);
        } finally {
            deflater.reset();
            if (!deflaters.compareAndSet(slot, null, deflater)) {
                deflater.end();
            }
        }
    }

    /** A fresh copy of the client value held in stored form. */
    byte[] decode(byte[] stored, int rawLength) {
        if (rawLength < 0) {
            return stored.clone();
        }
        int slot = slot();
        Inflater inflater = inflaters.getAndSet(slot, null);
        if (inflater == null) {
            inflater = new Inflater();
        }
        try {
            inflater.setInput(stored);
            byte[] value = new byte[rawLength];
            int length = 0;
            while (!inflater.finished() && length < rawLength) {
                int n = inflater.inflate(value, length, rawLength - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                length += n;
            }
            if (length != rawLength || !inflater.finished()) {
                throw new CorruptionException("a deflated value in memory does not inflate to its recorded "
                        + rawLength + " bytes", null, -1);
            }
            return value;
        } catch (DataFormatException e) {
            throw new CorruptionException("a deflated value in memory is damaged: " + e.getMessage(), null, -1, e);
        } finally {
            inflater.reset();
            if (!inflaters.compareAndSet(slot, null, inflater)) {
                inflater.end();
            }
        }
    }

    private int slot() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) & slotMask;
    }

    /** Releases the pooled native resources; a later call creates new ones, so a racing thread stays safe. */
    @Override
    public void close() {
        for (int i = 0; i <= slotMask; i++) {
            Deflater deflater = deflaters.getAndSet(i, null);
            if (deflater != null) {
                deflater.end();
            }
            Inflater inflater = inflaters.getAndSet(i, null);
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
