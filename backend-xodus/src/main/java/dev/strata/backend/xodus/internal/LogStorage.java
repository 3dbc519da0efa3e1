package dev.strata.backend.xodus.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations {@link PreallocatedLog} makes, so that a power-loss test can stand between it and the disk
 * and remember what was written and what was forced. {@link #FILES} is the real thing.
 */
interface LogStorage {

    /** One open log file: positional reads and writes, and a force of its data. */
    interface LogChannel extends Closeable {
        int read(ByteBuffer target, long position) throws IOException;

        int write(ByteBuffer source, long position) throws IOException;

        /** {@code fdatasync}: the data written so far, and the file size when it changed, are on the device. */
        void force() throws IOException;

        long size() throws IOException;

        void truncate(long size) throws IOException;
    }

    /** Opens a log file for reading and writing, creating it when {@code create}. */
    LogChannel open(Path file, boolean create) throws IOException;

    /** Makes the directory's entries (files created, deleted, renamed) durable. */
    void forceDirectory(Path directory) throws IOException;

    /** Deletes a log file, or renames it to {@code renamed} when that is not {@code null}. */
    void remove(Path file, Path renamed) throws IOException;

    /** File channels: forces without metadata ({@code force(false)}). */
    LogStorage FILES = new LogStorage() {
        @Override
        public LogChannel open(Path file, boolean create) throws IOException {
            FileChannel channel = create
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE_NEW)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new LogChannel() {
                @Override
                public int read(ByteBuffer target, long position) throws IOException {
                    return channel.read(target, position);
                }

                @Override
                public int write(ByteBuffer source, long position) throws IOException {
                    return channel.write(source, position);
                }

                @Override
                public void force() throws IOException {
                    channel.force(false);
                }

                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    channel.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }

        @Override
        public void remove(Path file, Path renamed) throws IOException {
            if (renamed == null) {
                Files.deleteIfExists(file);
            } else {
                Files.move(file, renamed, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    };
}
