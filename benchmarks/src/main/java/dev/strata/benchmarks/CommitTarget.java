package dev.strata.benchmarks;

/** What the durable-commit benchmark drives: one entry per commit, durable when the call returns. */
interface CommitTarget extends AutoCloseable {

    /** Writes one entry as its own transaction; safe to call from several threads at once. */
    void commit(String key, byte[] value);

    @Override
    void close();

    static CommitTarget create(String name) {
        return switch (name) {
            case "strata-file" -> new StrataStoreTarget("file", "fsync");
            case "strata-xodus" -> new StrataStoreTarget("xodus", "fsync");
            case "strata-xodus-growing" -> new StrataStoreTarget("xodus-growing", "fsync");
            case "raw-force" -> new ForcedAppendLog(false);
            case "raw-force-prealloc" -> new ForcedAppendLog(true);
            case "raw-force-prealloc-slot" -> new ForcedAppendLog(true, true);
            default -> throw new IllegalArgumentException("unknown commit target " + name);
        };
    }
}
