package dev.strata.jobs.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import dev.strata.jobs.internal.archive.ArchiveFiles;

/**
 * A disk that fills up: archive files it creates are real files, but once {@link #fillAfter} bytes in all have
 * been written to them a write stops short there and every further one fails with "No space left on device", as
 * ENOSPC does. {@link #failForces} makes forces fail with an I/O error instead: those the writer makes in the
 * background as the file grows ({@code force(false)}) or the final one before the rename ({@code force(true)}).
 */
final class FailingDisk implements ArchiveFiles {

    private final AtomicLong room = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean backgroundForcesFail;
    private volatile boolean finalForceFails;

    /** From now on, {@code bytes} more are written and then the disk is full. */
    void fillAfter(long bytes) {
        room.set(bytes);
    }

    void failForces(boolean background, boolean last) {
        backgroundForcesFail = background;
        finalForceFails = last;
    }

    /** Room again, forces work. */
    void repair() {
        room.set(Long.MAX_VALUE);
        failForces(false, false);
    }

    @Override
    public FileChannel create(Path partial) throws IOException {
        return new Channel(DISK.create(partial));
    }

    private final class Channel extends FileChannel {
        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long left = room.get();
            if (left <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() <= left) {
                int n = file.write(src);
                room.addAndGet(-n);
                return n;
            }
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) left);
            int n = file.write(part);
            src.position(src.position() + n);
            room.addAndGet(-n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                while (srcs[i].hasRemaining()) {
                    if (n > 0 && room.get() <= 0) {
                        return n; // a short write; the next one fails
                    }
                    n += write(srcs[i]);
                }
            }
            return n;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (metaData ? finalForceFails : backgroundForcesFail) {
                throw new IOException("Input/output error");
            }
            file.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            throw new IOException("not used by the archive writer");
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
