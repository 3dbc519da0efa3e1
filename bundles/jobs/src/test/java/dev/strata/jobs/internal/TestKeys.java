package dev.strata.jobs.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.spec.SecretKeySpec;

import dev.strata.api.NotFoundException;
import dev.strata.api.crypto.DataKey;
import dev.strata.api.crypto.KeyProvider;

/** A keystore in memory: random keys per alias, so two instances hold different keys under the same alias. */
final class TestKeys implements KeyProvider {

    private final Map<String, List<DataKey>> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public synchronized DataKey currentKey(String alias) {
        List<DataKey> list = keys.computeIfAbsent(alias, a -> new ArrayList<>());
        if (list.isEmpty()) {
            return rotate(alias);
        }
        return list.get(list.size() - 1);
    }

    @Override
    public synchronized DataKey key(String alias, int id) {
        List<DataKey> list = keys.get(alias);
        if (list == null || id < 0 || id >= list.size()) {
            throw new NotFoundException("no key " + alias + "#" + id);
        }
        return list.get(id);
    }

    @Override
    public synchronized DataKey rotate(String alias) {
        List<DataKey> list = keys.computeIfAbsent(alias, a -> new ArrayList<>());
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        DataKey key = new DataKey(alias, list.size(), new SecretKeySpec(secret, "AES"));
        list.add(key);
        return key;
    }

    @Override
    public synchronized List<Integer> keyIds(String alias) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < keys.getOrDefault(alias, List.of()).size(); i++) {
            ids.add(i);
        }
        return ids;
    }
}
