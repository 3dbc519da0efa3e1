package dev.strata.backend.xodus.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.NotFoundException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

/** An in-memory key provider for tests: random 256-bit keys per alias, ids from 1. */
final class TestKeyProvider implements KeyProvider {

    private final Map<String, List<DataKey>> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public synchronized DataKey currentKey(String alias) {
        List<DataKey> versions = keys.get(alias);
        return versions == null ? rotate(alias) : versions.get(versions.size() - 1);
    }

    @Override
    public synchronized DataKey key(String alias, int id) {
        return keys.getOrDefault(alias, List.of()).stream().filter(key -> key.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no key " + alias + "#" + id));
    }

    @Override
    public synchronized DataKey rotate(String alias) {
        List<DataKey> versions = keys.computeIfAbsent(alias, a -> new ArrayList<>());
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        DataKey key = new DataKey(alias, versions.size() + 1, new SecretKeySpec(secret, "AES"));
        versions.add(key);
        return key;
    }

    @Override
    public synchronized List<Integer> keyIds(String alias) {
        return keys.getOrDefault(alias, List.of()).stream().map(DataKey::id).toList();
    }
}
