package dev.strata.jobs.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.strata.api.StoreUnavailableException;
import dev.strata.api.crypto.AeadCipher;
import dev.strata.api.crypto.Compressor;
import dev.strata.api.crypto.KeyProvider;
import dev.strata.jobs.internal.archive.ArchiveCodecs;

/** The crypto bundle's services as they come and go; a job asks for what it needs when it is planned. */
public final class CryptoServices implements ArchiveCodecs {

    private final Map<String, Compressor> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Compressor> byId = new ConcurrentHashMap<>();
    private final Map<String, AeadCipher> ciphers = new ConcurrentHashMap<>();
    private volatile KeyProvider keyProvider;

    public void add(Compressor c) {
        byName.put(c.name(), c);
        byId.put(c.id() & 0xFF, c);
    }

    public void remove(Compressor c) {
        byName.remove(c.name(), c);
        byId.remove(c.id() & 0xFF, c);
    }

    public void add(AeadCipher c) {
        ciphers.put(c.algorithm(), c);
    }

    public void remove(AeadCipher c) {
        ciphers.remove(c.algorithm(), c);
    }

    public void setKeys(KeyProvider keys) {
        keyProvider = keys;
    }

    public void unsetKeys(KeyProvider keys) {
        if (keyProvider == keys) {
            keyProvider = null;
        }
    }

    @Override
    public Compressor compressor(String name) {
        if (name == null || name.isEmpty() || name.equals("none")) {
            return null;
        }
        Compressor c = byName.get(name);
        if (c == null) {
            throw new StoreUnavailableException("compression codec '" + name + "' is not installed (installed: "
                    + byName.keySet() + ")");
        }
        return c;
    }

    @Override
    public Compressor compressor(int id) {
        Compressor c = byId.get(id);
        if (c == null) {
            throw new StoreUnavailableException("the archive was written with codec id " + id
                    + ", which is not installed");
        }
        return c;
    }

    @Override
    public AeadCipher cipher(String algorithm) {
        AeadCipher c = ciphers.get(algorithm);
        if (c == null) {
            throw new StoreUnavailableException("no " + algorithm + " cipher is installed (the crypto bundle)");
        }
        return c;
    }

    @Override
    public KeyProvider keys() {
        KeyProvider k = keyProvider;
        if (k == null) {
            throw new StoreUnavailableException("no key provider is installed (the crypto bundle's keystore)");
        }
        return k;
    }
}
