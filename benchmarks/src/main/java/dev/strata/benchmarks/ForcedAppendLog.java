package dev.strata.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * The floor under any durable commit from Java on this disk: append the entry's bytes (16-byte key + 100-byte
 * value = 116 bytes) to a file and {@code FileChannel.force(false)}, once per commit, with no log format, checksum
 * or index. Commits are serialised, as one writer would be.
 */
final class ForcedAppendLog implements CommitTarget {

    private final ScratchDirectory directory = new ScratchDirectory("raw-force-");
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(4096);

    ForcedAppendLog() {
        try {
            channel = FileChannel.open(directory.path().resolve("log"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void commit(String key, byte[] value) {
        record.clear().put(key.getBytes(StandardCharsets.UTF_8)).put(value).flip();
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            directory.close();
        }
    }
}
