package dev.strata.backend.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.strata.api.CorruptionException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.spi.EngineConfig;
import dev.strata.backend.file.internal.cache.BlockCache;
import dev.strata.backend.file.internal.codec.BlockCodec;
import dev.strata.backend.file.internal.codec.Codecs;
import dev.strata.backend.file.internal.codec.KeyRing;
import dev.strata.backend.file.internal.io.ChannelFactory;
import dev.strata.backend.file.internal.io.IoFailures;
import dev.strata.backend.file.internal.io.StoreLock;
import dev.strata.backend.file.internal.manifest.Manifest;
import dev.strata.backend.file.internal.manifest.ManifestStore;
import dev.strata.backend.file.internal.segment.DataBlock;
import dev.strata.backend.file.internal.wal.WalCodec;
import dev.strata.backend.file.internal.wal.WalFormat;

/**
 * Opens a store directory: lock, manifest, key check, then hands over to {@link Recovery} to open the segments
 * and replay the log. Everything opened is closed again when a step fails.
 */
final class StoreOpener {

    private StoreOpener() {
    }

    /** @param ciphers the installed AEAD ciphers by algorithm name ({@code strata.cipher} service property) */
    static FileEngine open(EngineConfig config, Codecs codecs, java.util.Map<String, AeadCipher> ciphers,
            KeyProvider keyProvider, ChannelFactory channels) {
        EngineSettings settings = EngineSettings.from(config);
        Path directory = config.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw IoFailures.failed("creating the store directory", directory, e);
        }
        StoreLock lock = StoreLock.acquire(directory, channels);
        try {
            ManifestStore manifests = new ManifestStore(directory, channels);
            ManifestStore.Loaded loaded = manifests.load(hasDataFiles(directory));
            CorruptionException damage = loaded.damage();
            Manifest previous = loaded.previous();
            Optional<Manifest> stored = Optional.ofNullable(loaded.current());
            if (damage != null) {
                // safe mode: open read-only from the last good generation, or from the segments found
                stored = Optional.of(previous != null ? previous : SafeMode.fromSegmentFiles(directory));
                previous = null;
            }
            String recordedCipher = stored.map(m -> m.identity().cipher()).orElse(null);
            String configuredCipher = settings.cipher();
            String algorithm = settings.keyAlias() == null ? null
                    : CipherChoice.algorithm(config.storeName(), configuredCipher, recordedCipher);
            KeyRing keyRing = keyRing(config, settings, stored.orElse(null), algorithm, ciphers, keyProvider);
            long nextFile = Math.max(stored.map(Manifest::nextFileNumber).orElse(1L), highestFileNumber(directory) + 1);
            Manifest manifest = stored.orElseGet(() -> Manifest.empty(settings.keyAlias(),
                    keyRing == null ? List.of() : keyRing.checks(), algorithm));
            if (damage == null && (stored.isEmpty() || (keyRing != null && (!keyRing.checks().equals(manifest.keyChecks())
                    || !settings.keyAlias().equals(manifest.keyAlias()) || !algorithm.equals(recordedCipher))))) {
                Manifest replaced = stored.orElse(null);
                if (keyRing != null) {
                    manifest = manifest.withKeys(settings.keyAlias(), keyRing.checks());
                    if (!algorithm.equals(manifest.identity().cipher())) { // encryption turned on, or recorded now
                        manifest = manifest.withCipher(algorithm, nextFile);
                    }
                }
                manifests.write(manifest);
                previous = replaced;
            }
            Manifest.Identity identity = manifest.identity();
            BlockCodec blockCodec = new BlockCodec(codecs, codecs.forWriting(settings.compression()), keyRing,
                    identity.storeId(), identity.encryptedSince());
            BlockCache<DataBlock> cache = new BlockCache<>(settings.cacheBytes(), DataBlock::weight);
            nextFile = Math.max(manifest.nextFileNumber(), nextFile);
            EngineContext context = new EngineContext(config.storeName(), directory, config.durability(), settings,
                    channels, blockCodec, new WalCodec(keyRing, identity.storeId(), identity.encryptedSince()), keyRing,
                    cache, manifests, manifest, previous, nextFile, manifest.flushedSeq());
            if (damage != null) {
                context.reportDamage(SafeMode.describe(damage, loaded.previous() != null));
            }
            return Recovery.recover(context, lock);
        } catch (IOException e) {
            lock.close();
            throw IoFailures.failed("opening the store", directory, e);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static boolean hasDataFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> {
                String name = file.getFileName().toString();
                return WalFormat.numberOf(name) >= 0 || WalFormat.segmentNumberOf(name) >= 0;
            });
        }
    }

    private static KeyRing keyRing(EngineConfig config, EngineSettings settings, Manifest manifest, String algorithm,
            java.util.Map<String, AeadCipher> ciphers, KeyProvider keyProvider) {
        String storedAlias = manifest == null ? null : manifest.keyAlias();
        String alias = settings.keyAlias();
        if (storedAlias != null && alias == null) {
            throw new WrongKeyException("store '" + config.storeName() + "' is encrypted with key alias '"
                    + storedAlias + "': set encryption.keyAlias to open it");
        }
        if (storedAlias != null && !storedAlias.equals(alias)) {
            throw new WrongKeyException("store '" + config.storeName() + "' is encrypted with key alias '"
                    + storedAlias + "', not '" + alias + "'");
        }
        if (alias == null) {
            return null;
        }
        AeadCipher cipher = CipherChoice.service(ciphers, algorithm);
        if (cipher == null) {
            throw CipherChoice.missing(config.storeName(), alias, algorithm);
        }
        if (keyProvider == null) {
            throw new StoreUnavailableException("store '" + config.storeName() + "' needs encryption (key alias '"
                    + alias + "') but no key provider service is installed");
        }
        return KeyRing.open(cipher, keyProvider, alias, manifest == null ? List.of() : manifest.keyChecks());
    }

    private static long highestFileNumber(Path directory) throws IOException {
        long highest = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                highest = Math.max(highest, Math.max(WalFormat.numberOf(name), WalFormat.segmentNumberOf(name)));
            }
        }
        return highest;
    }

    /** Log files from {@code walStart} on, by number. */
    static List<Path> logFiles(Path directory, long walStart) throws IOException {
        TreeMap<Long, Path> logs = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long number = WalFormat.numberOf(file.getFileName().toString());
                if (number >= walStart) {
                    logs.put(number, file);
                }
            }
        }
        return new ArrayList<>(logs.values());
    }

    /**
     * Deletes what a crash may leave: a half-written manifest or log header, segments that neither the manifest
     * nor its previous generation names.
     */
    static void deleteOrphans(Path directory, EngineContext context) throws IOException {
        Files.deleteIfExists(directory.resolve(ManifestStore.TEMP_NAME));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("wal-") && name.endsWith(".log.tmp")) {
                    Files.deleteIfExists(file); // a log file whose creation did not complete: it held no record
                    continue;
                }
                long number = WalFormat.segmentNumberOf(name);
                if (number >= 0 && !context.names(number)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
