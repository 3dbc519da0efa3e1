package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A log channel that passes every call on to another; the tests' disks override the calls they watch. */
class ForwardingLogChannel implements LogStorage.LogChannel {

    private final LogStorage.LogChannel delegate;

    ForwardingLogChannel(LogStorage.LogChannel delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return delegate.read(target, position);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        return delegate.write(source, position);
    }

    @Override
    public void force() throws IOException {
        delegate.force();
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        delegate.truncate(size);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
