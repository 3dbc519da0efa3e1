package dev.strata.crypto.internal.keys;

import java.nio.file.Path;
import java.security.Provider;
import java.util.List;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import dev.strata.api.CorruptionException;
import dev.strata.api.StorageException;
import dev.strata.api.WrongKeyException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.crypto.internal.StrataHome;

/**
 * The {@link KeyProvider} service over a {@link BcfksKeyStore}. A keystore that cannot be opened (wrong or missing
 * passphrase, damaged file) leaves the service registered, failing every call with the reason, so that stores
 * report a wrong key instead of silently waiting for a service that never comes.
 */
@Component(service = KeyProvider.class, configurationPid = KeyStoreConfig.PID)
@Designate(ocd = KeyStoreConfig.class)
public final class BcfksKeyProvider implements KeyProvider {

    private static final System.Logger LOG = System.getLogger(BcfksKeyProvider.class.getName());

    private final BcfksKeyStore store;
    private final StorageException failure;

    @Activate
    public BcfksKeyProvider(BundleContext context, KeyStoreConfig config) {
        this(StrataHome.resolve(context, config.path(), KeyStoreConfig.DEFAULT_PATH),
                choosePassphrase(config._passphrase(), System.getenv(KeyStoreConfig.PASSPHRASE_ENVIRONMENT)));
    }

    BcfksKeyProvider(Path file, char[] passphrase) {
        BcfksKeyStore opened = null;
        StorageException failed = null;
        try {
            if (passphrase == null) {
                throw new WrongKeyException("no passphrase for keystore " + file + ": set .passphrase in "
                        + "configuration " + KeyStoreConfig.PID + " or the environment variable "
                        + KeyStoreConfig.PASSPHRASE_ENVIRONMENT);
            }
            opened = BcfksKeyStore.openOrCreate(file, passphrase, BouncyCastle.PROVIDER);
        } catch (StorageException e) {
            failed = e;
            // No passphrase is the normal state of a runtime without encrypted stores: say so quietly. A passphrase
            // that does not open the keystore is an operator's mistake worth an error.
            System.Logger.Level level = passphrase == null ? System.Logger.Level.INFO : System.Logger.Level.ERROR;
            LOG.log(level, "keystore " + file + " is not available: " + e.getMessage());
        }
        this.store = opened;
        this.failure = failed;
    }

    /** The configured passphrase, else the environment's, else none. */
    static char[] choosePassphrase(String configured, String environment) {
        if (configured != null && !configured.isEmpty()) {
            return configured.toCharArray();
        }
        return environment == null || environment.isEmpty() ? null : environment.toCharArray();
    }

    @Override
    public DataKey currentKey(String alias) {
        return store().currentKey(alias);
    }

    @Override
    public DataKey key(String alias, int id) {
        return store().key(alias, id);
    }

    @Override
    public DataKey rotate(String alias) {
        return store().rotate(alias);
    }

    @Override
    public List<Integer> keyIds(String alias) {
        return store().keyIds(alias);
    }

    private BcfksKeyStore store() {
        if (store != null) {
            return store;
        }
        // a fresh exception per call, with the original as its cause, so each caller gets its own stack trace
        if (failure instanceof WrongKeyException) {
            throw new WrongKeyException(failure.getMessage(), failure);
        }
        if (failure instanceof CorruptionException corrupt) {
            throw new CorruptionException("keystore unreadable", corrupt.file().orElse(null), corrupt.offset(),
                    corrupt);
        }
        throw new StorageException(failure.getMessage(), failure);
    }

    /** One provider instance for the bundle, not registered with the JCA: nothing global to undo on stop. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
