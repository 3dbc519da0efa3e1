package dev.strata.backend.xodus.internal;

import jetbrains.exodus.core.dataStructures.Pair;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.io.Block;
import jetbrains.exodus.io.DataReader;
import jetbrains.exodus.io.DataReaderWriterProvider;
import jetbrains.exodus.io.DataWriter;
import jetbrains.exodus.io.FileDataReaderWriterProvider;
import jetbrains.exodus.io.RemoveBlockType;

/**
 * Xodus's pluggable I/O ({@code EnvironmentConfig.setLogDataReaderWriterProvider}, found through
 * {@code META-INF/services}): its file provider, with a writer that tells the {@link SimulatedDisk} of the store's
 * directory every write, sync, directory sync, removal and truncation, so that a test can cut a crash image that
 * keeps only what was forced.
 */
public final class PowerLossProvider extends DataReaderWriterProvider {

    /** The class name Xodus looks the provider up by. */
    static final String NAME = PowerLossProvider.class.getName();

    private final FileDataReaderWriterProvider files = new FileDataReaderWriterProvider();

    @Override
    public Pair<DataReader, DataWriter> newReaderWriter(String location) {
        Pair<DataReader, DataWriter> real = files.newReaderWriter(location);
        return new Pair<>(real.getFirst(), new RecordingWriter(real.getSecond(), SimulatedDisk.of(location)));
    }

    @Override
    public void onEnvironmentCreated(Environment environment) {
        files.onEnvironmentCreated(environment);
    }

    /** Passes everything on to Xodus's file writer, and tells the disk what reached it. */
    private static final class RecordingWriter implements DataWriter {
        private final DataWriter real;
        private final SimulatedDisk disk;

        RecordingWriter(DataWriter real, SimulatedDisk disk) {
            this.real = real;
            this.disk = disk;
        }

        @Override
        public boolean isOpen() {
            return real.isOpen();
        }

        @Override
        public Block write(byte[] bytes, int offset, int length) {
            Block block = real.write(bytes, offset, length);
            disk.written(length);
            return block;
        }

        @Override
        public void sync() {
            real.sync();
            disk.synced();
        }

        @Override
        public void syncDirectory() {
            real.syncDirectory();
            disk.directorySynced();
        }

        @Override
        public void close() {
            real.close();
        }

        @Override
        public void clear() {
            real.clear();
        }

        @Override
        public Block openOrCreateBlock(long address, long length) {
            Block block = real.openOrCreateBlock(address, length);
            disk.blockOpened(address, length);
            return block;
        }

        @Override
        public void removeBlock(long address, RemoveBlockType type) {
            real.removeBlock(address, type);
            disk.removed(address);
        }

        @Override
        public void truncateBlock(long address, long length) {
            real.truncateBlock(address, length);
            disk.truncated(address, length);
        }

        @Override
        public boolean lock(long timeout) {
            return real.lock(timeout);
        }

        @Override
        public boolean release() {
            return real.release();
        }

        @Override
        public String lockInfo() {
            return real.lockInfo();
        }
    }
}
