package dev.strata.backend.file.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.NotFoundException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

/**
 * Test-only key provider: keys derived from a seed, the alias and the id, so that another process (the crash
 * writer) with the same seed gets the same keys, and a provider with another seed holds wrong keys.
 */
public final class TestKeyProvider implements KeyProvider {

    private final String seed;
    private final Map<String, Integer> current = new ConcurrentHashMap<>();

    public TestKeyProvider(String seed) {
        this.seed = seed;
    }

    @Override
    public DataKey currentKey(String alias) {
        return key(alias, current.computeIfAbsent(alias, a -> 0));
    }

    @Override
    public DataKey key(String alias, int id) {
        int newest = current.computeIfAbsent(alias, a -> 0);
        if (id > newest || id < 0) {
            throw new NotFoundException("no key " + alias + "#" + id);
        }
        return derive(alias, id);
    }

    @Override
    public DataKey rotate(String alias) {
        int id = current.merge(alias, 1, Integer::sum);
        return derive(alias, id);
    }

    @Override
    public List<Integer> keyIds(String alias) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i <= current.getOrDefault(alias, -1); i++) {
            ids.add(i);
        }
        return ids;
    }

    private DataKey derive(String alias, int id) {
        try {
            byte[] secret = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "/" + alias + "/" + id).getBytes(StandardCharsets.UTF_8));
            return new DataKey(alias, id, new SecretKeySpec(secret, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
