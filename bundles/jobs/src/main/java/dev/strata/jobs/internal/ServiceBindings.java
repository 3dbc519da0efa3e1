package dev.strata.jobs.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.api.management.MigrationTransform;
import dev.strata.api.management.StoreControl;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The services jobs use that come and go while the job service runs: codecs, ciphers and the key provider (from the
 * crypto bundle), migration transforms (from any bundle, by {@value MigrationTransform#NAME_PROPERTY}) ConfigAdmin (for scratch
 * stores and store definitions) and core's StoreControl (checkpoint, compaction). Bound dynamically, looked up when a job is planned.
 */
@Component(service = ServiceBindings.class)
public class ServiceBindings {

    private final CryptoServices crypto = new CryptoServices();
    private final Map<String, MigrationTransform> transforms = new ConcurrentHashMap<>();
    private volatile ConfigurationAdmin configAdmin;
    private volatile StoreControl storeControl;

    CryptoServices crypto() {
        return crypto;
    }

    Optional<MigrationTransform> transform(String name) {
        return Optional.ofNullable(transforms.get(name));
    }

    ConfigurationAdmin configAdmin() {
        return configAdmin;
    }

    Optional<StoreControl> storeControl() {
        return Optional.ofNullable(storeControl);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStoreControl(StoreControl control) {
        storeControl = control;
    }

    void unsetStoreControl(StoreControl control) {
        if (storeControl == control) {
            storeControl = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCompressor(Compressor c) {
        crypto.add(c);
    }

    void removeCompressor(Compressor c) {
        crypto.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCipher(AeadCipher c) {
        crypto.add(c);
    }

    void removeCipher(AeadCipher c) {
        crypto.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setKeyProvider(KeyProvider k) {
        crypto.setKeys(k);
    }

    void unsetKeyProvider(KeyProvider k) {
        crypto.unsetKeys(k);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransform(MigrationTransform t, Map<String, Object> props) {
        Object name = props.get(MigrationTransform.NAME_PROPERTY);
        if (name != null) {
            transforms.put(name.toString(), t);
        }
    }

    void removeTransform(MigrationTransform t, Map<String, Object> props) {
        Object name = props.get(MigrationTransform.NAME_PROPERTY);
        if (name != null) {
            transforms.remove(name.toString(), t);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
    }

    void unsetConfigAdmin(ConfigurationAdmin admin) {
        if (configAdmin == admin) {
            configAdmin = null;
        }
    }
}
