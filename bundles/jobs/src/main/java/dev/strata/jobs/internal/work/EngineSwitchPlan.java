package dev.strata.jobs.internal.work;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.strata.api.BackendInfo;
import dev.strata.api.Durability;
import dev.strata.api.InvalidArgumentException;
import dev.strata.api.NotFoundException;
import dev.strata.api.StoreUnavailableException;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.jobs.internal.JobWork;

/**
 * Checks an engine migration against the running system and works out the definitions it moves between: the
 * store's current one, the target one (the new backend and settings over a new data directory
 * {@code <store>@<backend>}, or, for an undo, the definition before the last switch), all before anything runs.
 */
final class EngineSwitchPlan {

    private EngineSwitchPlan() {
    }

    static JobWork plan(EngineMigrationRequest request, JobEnvironment env) {
        StoreDefinitions definitions = env.definitions();
        if (definitions == null) {
            throw new StoreUnavailableException("store definitions cannot be changed here (no ConfigurationAdmin)");
        }
        env.store(request.store()); // NotFoundException naming the defined stores
        Map<String, String> current = definitions.definition(request.store());
        if ("true".equalsIgnoreCase(current.getOrDefault(StoreDefinitions.READ_ONLY, "false"))) {
            throw new InvalidArgumentException("store '" + request.store() + "' is defined read.only=true (another "
                    + "migration is switching it); it cannot be migrated now");
        }
        SwitchRecords records = SwitchRecords.of(env);
        Map<String, String> target;
        if (request.undo()) {
            SwitchRecords.Switch last = records.last(request.store()).orElseThrow(() -> new NotFoundException(
                    "store '" + request.store() + "' has no engine switch to undo"));
            if (env.now() > last.keepUntil()) {
                throw new InvalidArgumentException("the switch of '" + request.store() + "' by job " + last.jobId()
                        + " can no longer be undone: its old files were kept until "
                        + Instant.ofEpochMilli(last.keepUntil()));
            }
            if (!last.after().equals(current)) {
                throw new InvalidArgumentException("store '" + request.store() + "' was redefined after its switch by "
                        + "job " + last.jobId() + "; that switch cannot be undone");
            }
            target = last.before();
        } else {
            target = target(request, current);
        }
        checkBackend(env, request.store(), target);
        requirePersistent(env, current.get("backend"));
        requirePersistent(env, target.get("backend"));
        if (StoreDefinitions.directoryOf(target).equals(StoreDefinitions.directoryOf(current))) {
            throw new InvalidArgumentException("store '" + request.store() + "' already keeps its data in '"
                    + StoreDefinitions.directoryOf(current) + "'; a migration needs another directory");
        }
        long keepMinutes = request.keepSourceMinutes() > 0 ? request.keepSourceMinutes() : env.keepSourceMinutes();
        return control -> new EngineSwitch(env, definitions, records, request, current, target, keepMinutes)
                .run(control);
    }

    /** The new definition: the store's name and durability, the new backend and settings, a new directory. */
    private static Map<String, String> target(EngineMigrationRequest request, Map<String, String> current) {
        Map<String, String> target = new TreeMap<>();
        target.put("name", request.store());
        target.put("backend", request.backend());
        String durability = current.get("durability");
        if (durability != null) {
            target.put("durability", durability);
        }
        target.putAll(request.settings());
        String dir = request.store() + "@" + request.backend();
        if (dir.equals(StoreDefinitions.directoryOf(current))) {
            dir = dir + ".2";
        }
        target.put(StoreDefinitions.DATA_DIR, dir);
        if (target.equals(withoutDirectory(current, target.get(StoreDefinitions.DATA_DIR)))) {
            throw new InvalidArgumentException("store '" + request.store() + "' is already on backend '"
                    + request.backend() + "' with these settings");
        }
        return target;
    }

    private static Map<String, String> withoutDirectory(Map<String, String> definition, String dir) {
        Map<String, String> copy = new TreeMap<>(definition);
        copy.put(StoreDefinitions.DATA_DIR, dir);
        return copy;
    }

    /**
     * The freeze and the switch close one engine and open another over the same files: an engine that keeps
     * nothing across a close would come back empty.
     */
    private static void requirePersistent(JobEnvironment env, String type) {
        env.storage().backends().stream().filter(b -> b.type().equals(type)).findFirst().ifPresent(b -> {
            if (!b.capabilities().persistent()) {
                throw new InvalidArgumentException("backend '" + type + "' keeps nothing when its engine closes: a "
                        + "store moves in place only between persistent engines (to copy into a '" + type
                        + "' store, use strata:migrate <store> <other store> sync)");
            }
        });
    }

    private static void checkBackend(JobEnvironment env, String store, Map<String, String> target) {
        String type = target.get("backend");
        BackendInfo backend = env.storage().backends().stream().filter(b -> b.type().equals(type)).findFirst()
                .orElseThrow(() -> new NotFoundException("no backend '" + type + "' is installed (installed: "
                        + String.join(", ", env.storage().backends().stream().map(BackendInfo::type).toList())
                        + ")"));
        String durability = target.getOrDefault("durability", "os");
        Durability level;
        try {
            level = Durability.valueOf(durability.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("durability must be none, os or fsync, was '" + durability + "'");
        }
        if (!backend.capabilities().supports(level)) {
            throw new InvalidArgumentException("backend '" + type + "' does not support durability " + durability
                    + " (the durability of '" + store + "'); name one it supports, e.g. durability=none");
        }
    }
}
