package dev.strata.backend.xodus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

import dev.strata.api.CorruptionException;

/**
 * The header of a preallocated Xodus log file, and how its logical end is found after a crash.
 * <p>
 * Layout: page 0 holds a file magic, written once when the file is created; pages 1 and 2 hold two end slots
 * written alternately; Xodus's bytes follow from {@link #BYTES} on, and the file is zero-filled ahead of them (so
 * its physical length says nothing about where Xodus's data ends). A slot records a sequence number, the logical
 * end of the data it vouches for, the end its predecessor vouched for ({@code prevEnd}), and a CRC32C of the data
 * between the two ({@code span}); the slot is bound to its file by the file's address and guarded by a CRC of its
 * own. Slot {@code n} is written just before the force that makes it durable, into the page of slot {@code n-2},
 * and only after the force of slot {@code n-1} has completed: so at any moment the older slot and every byte up to
 * its end are on the device. After a power loss the newer slot counts only when it is whole and the data it vouches
 * for is whole (its span's CRC matches: no torn or missing page in it); otherwise the older slot's end is the log's
 * end. An acknowledged commit was covered by a completed force, so it lies below the end chosen either way; what a
 * torn force wrote is never taken for data.
 * <p>
 * Page 3 holds a hint for stores whose commits are not forced ({@code os}, {@code none}): rewritten after every
 * write, never forced, it vouches for the bytes written since the newest forced slot, so that a killed process (whose
 * writes the page cache keeps) loses nothing. It counts only when it continues the slot chosen above (the next
 * sequence number, from that slot's end) and its span is whole; otherwise it is ignored.
 */
final class LogFileHeader {

    static final int PAGE = 4096;
    /** Where Xodus's bytes begin in the file. */
    static final int BYTES = 4 * PAGE;
    /** The page of the unforced hint slot (see {@link #recover}). */
    static final long HINT_POSITION = 3 * PAGE;
    private static final byte[] FILE_MAGIC = "\0STRATA-XD-PREALLOC-1\0".getBytes(StandardCharsets.US_ASCII);
    private static final long SLOT_MAGIC = 0x5354524154414544L; // "STRATAED"
    private static final int SLOT_BYTES = 48;

    /** One end slot: vouches that the file's data up to {@code end} is whole, the span from {@code prevEnd} by CRC. */
    record Slot(long sequence, long prevEnd, long end, int spanCrc) {
    }

    private LogFileHeader() {
    }

    /** Whether a file's first page starts with the magic of a preallocated log file. */
    static boolean hasMagic(LogStorage.LogChannel channel) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(FILE_MAGIC.length);
        readFully(channel, start, 0);
        return start.position() == FILE_MAGIC.length && java.util.Arrays.equals(start.array(), FILE_MAGIC);
    }

    /** The first page: the file magic. Written once, at creation. */
    static ByteBuffer magicPage() {
        ByteBuffer page = ByteBuffer.allocate(PAGE);
        page.put(FILE_MAGIC).clear();
        return page;
    }

    /** The file position of the slot with this sequence number. */
    static long slotPosition(long sequence) {
        return PAGE * (1 + (sequence & 1));
    }

    static ByteBuffer encode(long fileAddress, Slot slot) {
        ByteBuffer bytes = ByteBuffer.allocate(SLOT_BYTES);
        bytes.putLong(SLOT_MAGIC).putLong(fileAddress).putLong(slot.sequence()).putLong(slot.prevEnd())
                .putLong(slot.end()).putInt(slot.spanCrc());
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, SLOT_BYTES - 4);
        bytes.putInt((int) crc.getValue());
        return bytes.flip();
    }

    /** The slot in these bytes, or {@code null} when they are not a whole slot of this file. */
    static Slot decode(long fileAddress, long lengthBound, ByteBuffer bytes) {
        if (bytes.remaining() < SLOT_BYTES) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), bytes.arrayOffset() + bytes.position(), SLOT_BYTES - 4);
        if (bytes.getLong() != SLOT_MAGIC || bytes.getLong() != fileAddress) {
            return null;
        }
        Slot slot = new Slot(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getInt());
        boolean sane = slot.sequence() > 0 && slot.prevEnd() >= 0 && slot.prevEnd() <= slot.end()
                && slot.end() <= lengthBound;
        return bytes.getInt() == (int) crc.getValue() && sane ? slot : null;
    }

    /**
     * The newest slot whose span is whole: the file's logical end and the sequence to continue from. When a
     * {@link TrailingSlot} of the chosen slot's generation or the hint is taken, the header slot that would follow
     * with the same span is returned: a slot whose position ({@link #slotPosition}) is not yet written.
     *
     * @throws CorruptionException when no slot is whole, or the older slot's data (durable by construction) is not
     */
    static Slot recover(LogStorage.LogChannel channel, long fileAddress, long lengthBound, String file)
            throws IOException {
        List<Slot> slots = new ArrayList<>(2);
        for (long position : new long[] {PAGE, 2 * PAGE}) {
            Slot slot = read(channel, fileAddress, lengthBound, position);
            if (slot != null && slotPosition(slot.sequence()) == position) {
                slots.add(slot);
            }
        }
        slots.sort(Comparator.comparingLong(Slot::sequence).reversed());
        Slot chosen = null;
        for (int i = 0; i < slots.size() && chosen == null; i++) {
            Slot slot = slots.get(i);
            if (spanIsWhole(channel, slot)) {
                chosen = slot;
            } else if (i > 0 || slots.size() < 2 || slots.get(1).sequence() != slot.sequence() - 1
                    || TrailingSlot.anyOf(channel, fileAddress, lengthBound, slot)) {
                // only the newest slot may be torn (its force did not complete), and only while no trailing slot
                // of its generation shows that its force did; the older one is durable
                break;
            }
        }
        if (chosen == null) {
            throw new CorruptionException("Xodus log file " + file + ": no end slot of its header vouches for whole"
                    + " data (slots found: " + slots + "); the file is damaged", file, PAGE);
        }
        Slot trailing = TrailingSlot.recover(channel, fileAddress, lengthBound, chosen, file);
        if (trailing != null) {
            return trailing; // vouched for by a trailing slot: the log writes it as its next header slot
        }
        Slot hint = read(channel, fileAddress, lengthBound, HINT_POSITION);
        if (hint != null && hint.sequence() == chosen.sequence() + 1 && hint.prevEnd() == chosen.end()
                && hint.end() > chosen.end() && spanIsWhole(channel, hint)) {
            return hint; // not yet durable: the log writes it as its next forced slot
        }
        return chosen;
    }

    private static Slot read(LogStorage.LogChannel channel, long fileAddress, long lengthBound, long position)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SLOT_BYTES);
        readFully(channel, bytes, position);
        return decode(fileAddress, lengthBound, bytes.flip());
    }

    /** Whether the file's logical bytes {@code [prevEnd, end)} are there and match the slot's CRC32C. */
    static boolean spanIsWhole(LogStorage.LogChannel channel, Slot slot) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (long at = slot.prevEnd(); at < slot.end(); ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), slot.end() - at));
            readFully(channel, buffer, BYTES + at);
            if (buffer.hasRemaining()) {
                return false; // the file ends before the span does
            }
            crc.update(buffer.array(), 0, buffer.position());
            at += buffer.position();
        }
        return (int) crc.getValue() == slot.spanCrc();
    }

    private static void readFully(LogStorage.LogChannel channel, ByteBuffer target, long position)
            throws IOException {
        while (target.hasRemaining()) {
            int read = channel.read(target, position + target.position());
            if (read < 0) {
                return;
            }
        }
    }
}
