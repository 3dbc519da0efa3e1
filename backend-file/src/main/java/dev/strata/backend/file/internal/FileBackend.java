package dev.strata.backend.file.internal;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.BackendCapabilities;
import dev.strata.api.Durability;
import dev.strata.api.IsolationLevel;
import dev.strata.api.StorageException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.spi.StrataBackend;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;
import dev.strata.backend.file.internal.codec.Codecs;
import dev.strata.backend.file.internal.io.ChannelFactory;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The log-structured engine as a backend service ({@code strata.backend=file}). Compression codecs and the
 * optional cipher and key provider come from the crypto bundle's services, bound dynamically: a store needs only
 * the codec it is configured with (and, when encrypted, a cipher and key provider) at the time it opens.
 * <p>
 * Logging goes through {@link System.Logger}: the engine classes are also used outside OSGi (tests, tools), and
 * the bundle then needs no log service.
 */
@Component(service = StorageBackend.class, immediate = true)
@StrataBackend("file")
public class FileBackend implements StorageBackend {

    private static final BackendCapabilities CAPABILITIES = new BackendCapabilities(
            EnumSet.of(IsolationLevel.READ_COMMITTED, IsolationLevel.SNAPSHOT, IsolationLevel.SERIALIZABLE),
            EnumSet.allOf(Durability.class), true, true, true, false, true, Set.of(BackendCapabilities.KEYS));

    private final Codecs codecs = new Codecs();
    private final Set<StorageEngine> engines = ConcurrentHashMap.newKeySet();
    /** Installed AEAD ciphers by algorithm ({@code strata.cipher} service property): a store picks its own by name. */
    private final Map<String, AeadCipher> ciphers = new ConcurrentHashMap<>();
    private volatile KeyProvider keyProvider;
    private volatile ChannelFactory channels = ChannelFactory.DEFAULT;

    /** For Declarative Services. */
    public FileBackend() {
    }

    /** Outside OSGi (tests, tools): with these codecs and, optionally ({@code null}), a cipher and key provider. */
    public FileBackend(Collection<? extends Compressor> compressors, AeadCipher cipher, KeyProvider keyProvider) {
        compressors.forEach(codecs::add);
        if (cipher != null) {
            ciphers.put(cipher.algorithm(), cipher);
        }
        this.keyProvider = keyProvider;
    }

    /** Outside OSGi, with several ciphers, each known by its {@link AeadCipher#algorithm()}. */
    public static FileBackend withCiphers(Collection<? extends Compressor> compressors,
            Collection<? extends AeadCipher> ciphers, KeyProvider keyProvider) {
        FileBackend backend = new FileBackend(compressors, (AeadCipher) null, keyProvider);
        ciphers.forEach(cipher -> backend.ciphers.put(cipher.algorithm(), cipher));
        return backend;
    }

    /** Opens files through another factory from now on (tests inject faults this way). */
    public FileBackend withChannels(ChannelFactory factory) {
        this.channels = factory;
        return this;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCompressor(Compressor compressor) {
        codecs.add(compressor);
    }

    void removeCompressor(Compressor compressor) {
        codecs.remove(compressor);
    }

    /**
     * Every cipher service, keyed by its {@value AeadCipher#ALGORITHM_PROPERTY} property: a store uses the one its
     * manifest names, so the order or ranking of the services never decides. A service without the property is
     * ignored (it could not be told apart).
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCipher(AeadCipher service, Map<String, Object> properties) {
        Object algorithm = properties.get(AeadCipher.ALGORITHM_PROPERTY);
        if (algorithm instanceof String name && !name.isBlank()) {
            ciphers.put(name, service);
        } else {
            System.getLogger(FileBackend.class.getName()).log(Level.WARNING, "ignoring an AEAD cipher service without"
                    + " the " + AeadCipher.ALGORITHM_PROPERTY + " property (" + service.algorithm() + ")");
        }
    }

    void removeCipher(AeadCipher service, Map<String, Object> properties) {
        Object algorithm = properties.get(AeadCipher.ALGORITHM_PROPERTY);
        if (algorithm instanceof String name) {
            ciphers.remove(name, service);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setKeyProvider(KeyProvider service) {
        this.keyProvider = service;
    }

    void unsetKeyProvider(KeyProvider service) {
        if (this.keyProvider == service) {
            this.keyProvider = null;
        }
    }

    @Override
    public BackendCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public StorageEngine open(EngineConfig config) {
        FileEngine engine = StoreOpener.open(config, codecs, ciphers, keyProvider, channels);
        engines.add(engine);
        engine.whenClosed(() -> engines.remove(engine));
        return engine;
    }

    /** Closes stores core left open (the bundle is stopping): their locks and threads must not outlive it. */
    @Deactivate
    void deactivate() {
        for (StorageEngine engine : engines) {
            try {
                engine.close();
            } catch (StorageException e) {
                System.getLogger(FileBackend.class.getName()).log(Level.WARNING, "closing a store: " + e.getMessage());
            }
        }
        engines.clear();
    }
}
