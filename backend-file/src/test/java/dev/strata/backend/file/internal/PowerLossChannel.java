package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel of a file {@link PowerLossFiles} tracks: the engine's writes and truncations go to the real file (the
 * page cache, as it were) and are recorded as pending on the file's {@link SimulatedFile}; a force makes them
 * durable there. Every write, truncate and force is one event of the disk, where the simulated crash can strike;
 * after it, each fails as a dead disk's would. Reads pass through.
 */
final class PowerLossChannel extends DelegatingChannel {

    private final SimulatedFile node;
    private final PowerLossFiles disk;
    private final Object lock;

    PowerLossChannel(FileChannel delegate, SimulatedFile node, PowerLossFiles disk) {
        super(delegate);
        this.node = node;
        this.disk = disk;
        this.lock = disk.lock;
    }

    private int record(ByteBuffer src, long position, boolean relative) throws IOException {
        synchronized (lock) {
            disk.event();
            long at = relative ? delegate.position() : position;
            ByteBuffer copy = src.duplicate();
            int n = relative ? delegate.write(src) : delegate.write(src, position);
            byte[] bytes = new byte[n];
            copy.get(bytes);
            node.pending.add(new SimulatedFile.Op(at, bytes, -1, disk.nextWriteOrder()));
            return n;
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return record(src, -1, true);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                total += record(srcs[i], -1, true);
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return record(src, position, false);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        synchronized (lock) {
            disk.event();
            node.force();
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        synchronized (lock) {
            disk.event();
            delegate.truncate(size);
            node.pending.add(new SimulatedFile.Op(0, null, size, disk.nextWriteOrder()));
        }
        return this;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not simulated: the engine does not use it in a store directory");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw new UnsupportedOperationException("writable maps are not simulated");
        }
        return delegate.map(mode, position, size);
    }
}
