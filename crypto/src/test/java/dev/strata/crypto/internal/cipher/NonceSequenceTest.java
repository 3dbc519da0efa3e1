package dev.strata.crypto.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.api.CorruptionException;

class NonceSequenceTest {

    @TempDir
    Path folder;

    @Test
    void nonceIsAFixedPrefixAndAnIncreasingCounter() {
        NonceSequence sequence = NonceSequence.open(folder.resolve("n.state"), 16, new Random(1));
        ByteBuffer first = ByteBuffer.wrap(sequence.next());
        ByteBuffer second = ByteBuffer.wrap(sequence.next());
        assertEquals(12, first.capacity());
        assertEquals(first.getInt(0), second.getInt(0));
        assertEquals(first.getLong(4) + 1, second.getLong(4));
    }

    @Test
    void manyCallsFromManyThreadsNeverRepeat() throws Exception {
        NonceSequence sequence = NonceSequence.open(folder.resolve("n.state"), 1000, new Random(2));
        Set<ByteBuffer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        assertTrue(seen.add(ByteBuffer.wrap(sequence.next())));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200_000, seen.size());
    }

    @Test
    void restartsAndConcurrentInstancesOnOneStateFileNeverShareACounterEvenWithTheSamePrefix() {
        Path state = folder.resolve("shared.state");
        // equal seeds give equal prefixes: only the state file keeps these sequences apart
        NonceSequence first = NonceSequence.open(state, 10, new Random(3));
        NonceSequence second = NonceSequence.open(state, 10, new Random(3));
        Set<Long> counters = new HashSet<>();
        List<ByteBuffer> nonces = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            nonces.add(ByteBuffer.wrap(first.next()));
            nonces.add(ByteBuffer.wrap(second.next()));
        }
        // a restart: the old instances are gone (as after a crash, nothing was flushed) and a new one opens
        NonceSequence restarted = NonceSequence.open(state, 10, new Random(3));
        for (int i = 0; i < 95; i++) {
            nonces.add(ByteBuffer.wrap(restarted.next()));
        }
        for (ByteBuffer nonce : nonces) {
            assertEquals(nonces.get(0).getInt(0), nonce.getInt(0), "same prefix by construction");
            assertTrue(counters.add(nonce.getLong(4)), "counter " + nonce.getLong(4) + " repeated");
        }
        assertEquals(3 * 95, counters.size());
    }

    @Test
    void instancesWithoutSharedStateGetDifferentPrefixes() {
        NonceSequence one = NonceSequence.open(folder.resolve("a/n.state"));
        NonceSequence other = NonceSequence.open(folder.resolve("b/n.state"));
        byte[] a = one.next();
        byte[] b = other.next();
        assertEquals(ByteBuffer.wrap(a).getLong(4), ByteBuffer.wrap(b).getLong(4), "both counters start at 0");
        assertNotEquals(ByteBuffer.wrap(a).getInt(0), ByteBuffer.wrap(b).getInt(0), "fails with chance 2^-32");
    }

    @Test
    void aDamagedStateFileStopsEncryptionInsteadOfGuessing() throws Exception {
        Path state = folder.resolve("n.state");
        NonceSequence.open(state, 10, new Random(4));
        byte[] content = Files.readAllBytes(state);
        content[7] ^= 1;
        Files.write(state, content);
        CorruptionException refused = assertThrows(CorruptionException.class,
                () -> NonceSequence.open(state, 10, new Random(4)));
        assertEquals(state.toAbsolutePath().toString(), refused.file().orElseThrow());
    }

    @Test
    void stateFileRecordsTheReservedLimitBeforeNoncesAreUsed() throws Exception {
        Path state = folder.resolve("n.state");
        NonceSequence sequence = NonceSequence.open(state, 100, new Random(5));
        assertEquals(100, ByteBuffer.wrap(Files.readAllBytes(state)).getLong(4));
        for (int i = 0; i < 101; i++) {
            sequence.next();
        }
        assertEquals(200, ByteBuffer.wrap(Files.readAllBytes(state)).getLong(4));
    }

    @Test
    void eachAlgorithmHasItsOwnStateFile() {
        NonceSequence.open(folder, AeadAlgorithm.AES_256_GCM);
        NonceSequence.open(folder, AeadAlgorithm.CHACHA20_POLY1305);
        assertTrue(Files.exists(folder.resolve("nonces-aes-256-gcm.state")));
        assertTrue(Files.exists(folder.resolve("nonces-chacha20-poly1305.state")));
    }
}
