package dev.strata.jobs.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The chunk format writes a key's length as a u16 and a key's tag count and each tag's length as a u8: an entry
 * beyond them is refused by name, leaving the block as it was, and one at the limits reads back as written.
 */
class EntryBlockTest {

    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

    @Test
    void entriesAtEveryLimitOfTheFormatReadBackAsWritten() {
        String longestKey = "k".repeat(EntryBlock.MAX_KEY_BYTES);
        Set<String> mostTags = tags(EntryBlock.MAX_TAGS, "t");
        String longestTag = "é".repeat(EntryBlock.MAX_TAG_BYTES / 2) + "x"; // 255 bytes in UTF-8
        EntryBlock block = new EntryBlock();
        add(block, longestKey, 0, Set.of());
        add(block, "m", 1_700_000_000_000L, mostTags);
        add(block, "n", 0, Set.of(longestTag));
        List<KeyRecord> read = encodeAndDecode(block);
        assertEquals(List.of(new KeyRecord(longestKey, VALUE, 0, Set.of()),
                new KeyRecord("m", VALUE, 1_700_000_000_000L, mostTags), new KeyRecord("n", VALUE, 0,
                        Set.of(longestTag))), read);
    }

    @Test
    void theDigestReadBackFromTheBlockIsTheDigestOfItsKeysAndValues() {
        EntryBlock block = new EntryBlock();
        ContentDigest expected = new ContentDigest();
        for (int i = 0; i < 500; i++) {
            String key = String.format("key.%04d", i);
            // values around the digest's buffer size too: hashed straight from the block or gathered first
            byte[] value = i % 50 == 7 ? new byte[ContentDigest.BUFFER - 8 + i % 17]
                    : ("value " + i).repeat(i % 7).getBytes(StandardCharsets.UTF_8);
            Set<String> tags = i % 3 == 0 ? Set.of("t" + i, "u") : Set.of();
            block.add(bytes(key), key, value, 0, value.length, i % 2 == 0 ? 0 : 1_700_000_000_000L + i, tags);
            expected.update(bytes(key), value);
        }
        ContentDigest read = new ContentDigest();
        block.digest(read);
        assertEquals(expected.finish(), read.finish());
    }

    @Test
    void aKeyOverItsU16LengthIsRefusedAndTheBlockIsUnchanged() {
        EntryBlock block = blockWithOneEntry();
        String key = "é".repeat(EntryBlock.MAX_KEY_BYTES / 2 + 1); // 65,536 bytes in UTF-8, 32,768 characters
        UnarchivableEntryException e = assertThrows(UnarchivableEntryException.class,
                () -> add(block, key, 0, Set.of()));
        assertTrue(e.getMessage().contains("is 65536 bytes in UTF-8; an archive holds keys of at most 65535 bytes"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 200, "one short line: " + e.getMessage());
        assertUnchanged(block);
    }

    @Test
    void moreTagsThanTheirU8CountIsRefusedAndTheBlockIsUnchanged() {
        EntryBlock block = blockWithOneEntry();
        UnarchivableEntryException e = assertThrows(UnarchivableEntryException.class,
                () -> add(block, "b", 0, tags(EntryBlock.MAX_TAGS + 1, "t")));
        assertEquals("key 'b' has 256 tags; an archive holds at most 255 per key", e.getMessage());
        assertUnchanged(block);
    }

    @Test
    void aTagOverItsU8LengthIsRefusedAndTheBlockIsUnchanged() {
        EntryBlock block = blockWithOneEntry();
        String tag = "é".repeat(128); // 256 bytes in UTF-8
        UnarchivableEntryException e = assertThrows(UnarchivableEntryException.class,
                () -> add(block, "b", 0, Set.of("ok", tag)));
        assertTrue(e.getMessage().endsWith("of key 'b' is 256 bytes in UTF-8; an archive holds tags of at most 255 "
                + "bytes"), e.getMessage());
        assertUnchanged(block);
    }

    @Test
    void anEntryThatWouldTakeItsChunkPastWhatAReaderAcceptsIsLeftForTheNextChunk() {
        EntryBlock block = new EntryBlock();
        byte[] big = new byte[ChunkFrame.MAX_PLAIN / 2];
        assertTrue(block.add(bytes("a"), "a", big, 0, big.length, 0, Set.of()));
        int size = block.size();
        assertFalse(block.add(bytes("b"), "b", big, 0, big.length, 0, Set.of()));
        assertEquals(1, block.entries());
        assertEquals(size, block.size());
    }

    @Test
    void anEntryOverWhatAReaderAcceptsOfAChunkOnItsOwnIsRefused() {
        EntryBlock block = new EntryBlock();
        byte[] tooBig = new byte[ChunkFrame.MAX_PLAIN];
        UnarchivableEntryException e = assertThrows(UnarchivableEntryException.class,
                () -> block.add(bytes("a"), "a", tooBig, 0, tooBig.length, 0, Set.of()));
        assertTrue(e.getMessage().contains("the most a chunk of an archive holds"), e.getMessage());
        assertEquals(0, block.entries());
    }

    @Test
    void anExpiryBeforeTheEpochIsRefused() {
        EntryBlock block = blockWithOneEntry();
        assertThrows(UnarchivableEntryException.class, () -> add(block, "b", -1, Set.of()));
        assertUnchanged(block);
    }

    private static EntryBlock blockWithOneEntry() {
        EntryBlock block = new EntryBlock();
        add(block, "a", 0, Set.of("x"));
        return block;
    }

    /** Still exactly the one entry of {@link #blockWithOneEntry}, and it encodes and reads back. */
    private static void assertUnchanged(EntryBlock block) {
        assertEquals(1, block.entries());
        assertEquals("a", block.lastKey());
        assertEquals(List.of(new KeyRecord("a", VALUE, 0, Set.of("x"))), encodeAndDecode(block));
    }

    private static void add(EntryBlock block, String key, long expiresAt, Set<String> tags) {
        block.add(bytes(key), key, VALUE, 0, VALUE.length, expiresAt, tags);
    }

    private static List<KeyRecord> encodeAndDecode(EntryBlock block) {
        byte[] plain = java.util.Arrays.copyOf(block.array(), block.size());
        return EntryBlock.decode(plain, block.entries(), ArchiveHeader.FORMAT_VERSION);
    }

    private static Set<String> tags(int n, String prefix) {
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            tags.add(prefix + i);
        }
        return tags;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
