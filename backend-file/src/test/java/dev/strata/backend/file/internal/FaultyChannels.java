package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import dev.strata.backend.file.internal.io.ChannelFactory;

/**
 * Channels that fail on purpose: once armed, the Nth write (or force) and every one after it throws, as a full or
 * broken disk would. A failing write may first write part of its bytes, like a real short write before ENOSPC.
 */
final class FaultyChannels implements ChannelFactory {

    enum Fault { WRITE, FORCE }

    private final AtomicInteger countdown = new AtomicInteger(Integer.MAX_VALUE);
    private volatile Fault fault;
    private volatile boolean failing;
    final AtomicInteger failures = new AtomicInteger();
    /** Failing writes that wrote part of their bytes first. */
    final AtomicInteger partialWrites = new AtomicInteger();
    /** Names of the files such a torn write hit. */
    final java.util.Set<String> tornFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The {@code nth} operation of this kind from now on fails, and all after it. */
    void arm(Fault kind, int nth) {
        fault = kind;
        countdown.set(nth);
    }

    private void check(Fault kind) throws IOException {
        if (kind != fault) {
            return;
        }
        if (failing || countdown.decrementAndGet() <= 0) {
            failing = true;
            failures.incrementAndGet();
            throw new IOException(kind == Fault.WRITE ? "No space left on device" : "Input/output error");
        }
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        return new Faulty(FileChannel.open(path, options), path.getFileName().toString());
    }

    private final class Faulty extends DelegatingChannel {
        private final String name;

        Faulty(FileChannel delegate, String name) {
            super(delegate);
            this.name = name;
        }

        private int partialThenFail(ByteBuffer source) throws IOException {
            try {
                check(Fault.WRITE);
            } catch (IOException e) {
                if (source.remaining() > 1) {
                    ByteBuffer half = source.duplicate();
                    half.limit(half.position() + source.remaining() / 2);
                    delegate.write(half);
                    partialWrites.incrementAndGet();
                    tornFiles.add(name);
                }
                throw e;
            }
            return delegate.write(source);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return partialThenFail(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                if (srcs[i].hasRemaining()) {
                    total += partialThenFail(srcs[i]);
                }
            }
            return total;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            try {
                check(Fault.WRITE);
            } catch (IOException e) {
                if (src.remaining() > 1) { // the log's writes are positional: they tear too
                    ByteBuffer half = src.duplicate();
                    half.limit(half.position() + src.remaining() / 2);
                    delegate.write(half, position);
                    partialWrites.incrementAndGet();
                    tornFiles.add(name);
                }
                throw e;
            }
            return delegate.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check(Fault.FORCE);
            delegate.force(metaData);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            check(Fault.WRITE);
            return delegate.transferFrom(src, position, count);
        }
    }
}
