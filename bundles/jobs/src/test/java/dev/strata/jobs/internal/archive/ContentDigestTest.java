package dev.strata.jobs.internal.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The buffered digest hashes exactly the bytes of its definition, whatever the sizes of keys and values. */
class ContentDigestTest {

    @Test
    void equalsSha256OverLengthsKeysAndValuesForEverySizeAroundTheBuffer() throws Exception {
        Random random = new Random(11);
        int[] sizes = {0, 1, 3, 100, ContentDigest.BUFFER - 5, ContentDigest.BUFFER - 4, ContentDigest.BUFFER - 1,
            ContentDigest.BUFFER, ContentDigest.BUFFER + 1, 3 * ContentDigest.BUFFER + 7};
        MessageDigest plain = MessageDigest.getInstance("SHA-256");
        ContentDigest digest = new ContentDigest();
        for (int round = 0; round < 400; round++) {
            byte[] key = bytes(random, 1 + random.nextInt(40));
            byte[] value = bytes(random, sizes[random.nextInt(sizes.length)]);
            plain.update(ByteBuffer.allocate(4).putInt(key.length).array());
            plain.update(key);
            plain.update(ByteBuffer.allocate(4).putInt(value.length).array());
            plain.update(value);
            digest.update(key, value);
        }
        assertEquals(ContentDigest.PREFIX + HexFormat.of().formatHex(plain.digest()), digest.finish());
        // finish resets: an empty content's digest next
        assertEquals(ContentDigest.PREFIX + HexFormat.of().formatHex(plain.digest()), digest.finish());
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
