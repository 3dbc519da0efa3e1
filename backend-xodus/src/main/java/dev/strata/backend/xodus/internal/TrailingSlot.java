package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;

/**
 * End slots beside the data, for stores whose commits are forced: a force writes its slot into the first empty page
 * after Xodus's bytes, so that the slot and the data's last page are neighbours on the device and one write request
 * carries both (an end slot in the header, pages away, costs a second request per commit).
 * <p>
 * A trailing slot belongs to one <em>generation</em>: the header slot ({@link LogFileHeader}) newest when it was
 * written. It vouches for every byte from that header slot's end to its own end by one CRC32C, so it can be checked
 * without any other trailing slot, and it carries a sequence number within its generation. Its place follows from
 * its end and sequence: the page {@link #slotPage} after the data's last page, at one of two offsets in different
 * sectors (by the sequence's parity), so that slot {@code n} never overwrites slot {@code n-1}.
 * <p>
 * The data that follows overwrites those pages. {@link PreallocatedLog} keeps the newest durable trailing slot, and
 * the one a force is writing, out of the way of every write: a write that would reach their region first makes a
 * header slot durable ({@link #regionStart}). One force runs at a time, so after a power loss the newest trailing
 * slot of the generation either vouches for whole data or was being written; then the one before it (or the
 * generation's header slot, when it was the first) is whole. Anything else is damage. A store's last file starts a
 * new generation each time it opens, and a header slot after a truncation does too, so no slot of an older
 * generation is ever taken.
 */
final class TrailingSlot {

    static final int BYTES = 56;
    /** The two offsets in a slot page, in different 512-byte sectors: odd sequences at the high one. */
    private static final int HIGH = LogFileHeader.PAGE - BYTES;
    private static final int LOW = LogFileHeader.PAGE - 512 - BYTES;
    private static final long MAGIC = 0x5354524154415452L; // "STRATATR"
    /**
     * The most bytes a force vouches for by a trailing slot. Writes of that much after it still stay below its
     * region (which begins at least this far past its end); a force of more vouches by a header slot, so that a
     * store committing large values does not make a header slot durable before each of them.
     */
    static final int MOST_BYTES_PER_FORCE = LOW;
    /**
     * How far past its generation's header slot a trailing slot may vouch: a force beyond it writes a header slot
     * (one extra page per 4 MiB), which bounds the scan for trailing slots when the file opens.
     */
    static final long GENERATION_SPAN = 4L << 20;

    /**
     * One trailing slot: of the generation of header slot {@code generation}, number {@code sequence} in it,
     * vouching for {@code [prevEnd, end)} (prevEnd being that header slot's end) by {@code spanCrc}.
     */
    record Slot(long generation, long sequence, long prevEnd, long end, int spanCrc) {
    }

    private TrailingSlot() {
    }

    /** The physical page, as a file position, of a slot vouching up to logical {@code end}: the first empty one. */
    static long slotPage(long end) {
        long physical = LogFileHeader.BYTES + end;
        return (physical + LogFileHeader.PAGE - 1) / LogFileHeader.PAGE * LogFileHeader.PAGE;
    }

    static long position(long end, long sequence) {
        return slotPage(end) + ((sequence & 1) == 1 ? HIGH : LOW);
    }

    /** Where the slots vouching up to {@code end} begin: writes must stay below it while such a slot is relied on. */
    static long regionStart(long end) {
        return slotPage(end) + LOW;
    }

    static ByteBuffer encode(long fileAddress, Slot slot) {
        ByteBuffer bytes = ByteBuffer.allocate(BYTES);
        bytes.putLong(MAGIC).putLong(fileAddress).putLong(slot.generation()).putLong(slot.sequence())
                .putLong(slot.prevEnd()).putLong(slot.end()).putInt(slot.spanCrc());
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, bytes.position());
        bytes.putInt((int) crc.getValue());
        return bytes.clear();
    }

    /** The slot at index {@code at} of {@code chunk}, file position {@code position}, or {@code null}. */
    private static Slot decode(long fileAddress, long lengthBound, ByteBuffer chunk, int at, long position) {
        ByteBuffer bytes = chunk.duplicate().position(at).limit(at + BYTES).slice();
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().limit(BYTES - 4));
        if (bytes.getLong() != MAGIC || bytes.getLong() != fileAddress) {
            return null;
        }
        Slot slot = new Slot(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getInt());
        boolean sane = slot.sequence() > 0 && slot.prevEnd() >= 0 && slot.prevEnd() < slot.end()
                && slot.end() <= lengthBound && position(slot.end(), slot.sequence()) == position;
        return bytes.getInt() == (int) crc.getValue() && sane ? slot : null;
    }

    /**
     * The end the trailing slots of {@code header}'s generation vouch for, as a header slot to write next (sequence
     * {@code header.sequence() + 1}, the same span), or {@code null} when the generation has none.
     *
     * @throws CorruptionException when neither the newest nor the one before it vouches for whole data
     */
    static LogFileHeader.Slot recover(LogStorage.LogChannel channel, long fileAddress, long lengthBound,
            LogFileHeader.Slot header, String file) throws IOException {
        List<Slot> found = candidates(channel, fileAddress, lengthBound, header);
        if (found.isEmpty()) {
            return null;
        }
        found.sort(Comparator.comparingLong(Slot::sequence).reversed());
        Slot newest = found.get(0);
        Slot chosen = null;
        if (spanIsWhole(channel, newest)) {
            chosen = newest;
        } else if (found.size() > 1 && found.get(1).sequence() == newest.sequence() - 1
                && spanIsWhole(channel, found.get(1))) {
            chosen = found.get(1); // the newest was being forced when the power went
        } else if (newest.sequence() > 1) {
            throw new CorruptionException("Xodus log file " + file + ": trailing end slot " + newest.sequence()
                    + " of generation " + header.sequence() + " does not vouch for whole data, and no slot before it"
                    + " does; the file is damaged", file, position(newest.end(), newest.sequence()));
        }
        return chosen == null ? null
                : new LogFileHeader.Slot(header.sequence() + 1, header.end(), chosen.end(), chosen.spanCrc());
    }

    /**
     * Whether any trailing slot of {@code header}'s generation is there. Trailing slots of a generation are written
     * only once its header slot is durable, so one proves that the header slot's force completed.
     */
    static boolean anyOf(LogStorage.LogChannel channel, long fileAddress, long lengthBound, LogFileHeader.Slot header)
            throws IOException {
        return !candidates(channel, fileAddress, lengthBound, header).isEmpty();
    }

    /** Every whole trailing slot of the header slot's generation, read from the pages its span may reach. */
    private static List<Slot> candidates(LogStorage.LogChannel channel, long fileAddress, long lengthBound,
            LogFileHeader.Slot header) throws IOException {
        List<Slot> found = new ArrayList<>();
        long from = slotPage(header.end());
        long to = Math.min(channel.size(), slotPage(Math.min(lengthBound, header.end() + GENERATION_SPAN)) + 1);
        ByteBuffer chunk = ByteBuffer.allocate(64 * LogFileHeader.PAGE);
        for (long at = from; at < to; at += chunk.capacity()) {
            chunk.clear();
            while (chunk.hasRemaining() && channel.read(chunk, at + chunk.position()) > 0) {
                // read the whole chunk, or up to the end of the file
            }
            int pages = chunk.position() / LogFileHeader.PAGE;
            for (int page = 0; page < pages; page++) {
                for (int offset : new int[] {LOW, HIGH}) {
                    int index = page * LogFileHeader.PAGE + offset;
                    Slot slot = decode(fileAddress, lengthBound, chunk, index, at + index);
                    if (slot != null && slot.generation() == header.sequence() && slot.prevEnd() == header.end()) {
                        found.add(slot);
                    }
                }
            }
        }
        return found;
    }

    private static boolean spanIsWhole(LogStorage.LogChannel channel, Slot slot) throws IOException {
        return LogFileHeader.spanIsWhole(channel,
                new LogFileHeader.Slot(slot.sequence(), slot.prevEnd(), slot.end(), slot.spanCrc()));
    }
}
