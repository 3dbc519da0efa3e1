package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import dev.strata.api.CorruptionException;

/**
 * How {@link PreallocatedLog} finds a log file's logical end when it opens: a preallocated file from its header
 * ({@link LogFileHeader#recover}), a plain Xodus file from its size. The last file is forced before anything is
 * written to it, so that what a killed process left in the page cache is durable before a slot is overwritten, and
 * an end its unforced hint or a {@link TrailingSlot} vouched for is written into a forced header slot; a header slot
 * the last file's end was taken from is followed by another with the same end, so that the trailing slots written
 * from now on are of a new generation and no slot of an earlier run is taken for one of this run.
 */
final class LogFileRecovery {

    /** The file, and whether it must be started again (a creation a crash interrupted: nothing in it was kept). */
    record Found(LogFile file, boolean restart) {
    }

    private LogFileRecovery() {
    }

    static Found recover(LogStorage storage, Path path, long address, long lengthBound, boolean last)
            throws IOException {
        LogStorage.LogChannel channel = storage.open(path, false);
        boolean preallocated = LogFileHeader.hasMagic(channel);
        LogFileHeader.Slot slot = null;
        if (preallocated) {
            try {
                slot = LogFileHeader.recover(channel, address, lengthBound, path.toString());
            } catch (CorruptionException e) {
                if (!last || !noDataWritten(channel)) {
                    channel.close();
                    throw e;
                }
            }
        }
        LogFile file;
        boolean restart = false;
        if (slot != null) {
            file = new LogFile(address, path, storage, true, slot.end(), channel);
            if (last) {
                file.force();
                if (slotWritten(channel, address, slot)) { // a header slot: the next one starts a new generation
                    slot = new LogFileHeader.Slot(slot.sequence() + 1, slot.end(), slot.end(), 0);
                } // else a trailing slot's or the hint's end, now vouched for by a forced header slot
                file.writeFully(LogFileHeader.encode(address, slot), LogFileHeader.slotPosition(slot.sequence()));
                file.force();
            }
            file.slotSequence = slot.sequence();
            file.slotEnd = slot.end();
            file.vouchedEnd = slot.end();
        } else if (last && (preallocated || unfinishedCreation(channel))) {
            file = new LogFile(address, path, storage, true, 0, channel);
            restart = true;
        } else {
            file = new LogFile(address, path, storage, false, channel.size(), channel);
        }
        file.zeroedTo = channel.size();
        return new Found(file, restart);
    }

    private static boolean slotWritten(LogStorage.LogChannel channel, long address, LogFileHeader.Slot slot)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(LogFileHeader.encode(address, slot).remaining());
        channel.read(bytes, LogFileHeader.slotPosition(slot.sequence()));
        return LogFileHeader.encode(address, slot).equals(bytes.flip());
    }

    /**
     * Xodus writes a new file only after its header's force completed, so a header with no whole slot over a first
     * data page of zeros is a creation that a crash interrupted, not damage.
     */
    private static boolean noDataWritten(LogStorage.LogChannel channel) throws IOException {
        ByteBuffer page = ByteBuffer.allocate(LogFileHeader.PAGE);
        while (page.hasRemaining() && channel.read(page, LogFileHeader.BYTES + page.position()) > 0) {
            // read what there is
        }
        for (int i = 0; i < page.position(); i++) {
            if (page.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Empty, or starting with a zero byte: Xodus's own files start with a loggable type, never with 0. */
    private static boolean unfinishedCreation(LogStorage.LogChannel channel) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(1);
        return channel.read(first, 0) <= 0 || first.get(0) == 0;
    }
}
