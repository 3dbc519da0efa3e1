package dev.strata.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.strata.api.KeyPattern;
import dev.strata.api.KeyOrder;
import dev.strata.api.Scan;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The operations of the model-based test of the public {@code Store} API, and how jqwik draws them. Keys are built
 * from a few tokens so that prefixes are shared often, and the tokens include a surrogate pair ({@code 😀}),
 * {@code \uFFFF} and a two-byte character, which is where UTF-8 order and UTF-16 order part.
 */
final class StoreOps {

    private StoreOps() {
    }

    private static final List<String> TOKENS = List.of("f", "fz", "_", "1", "\uD83D\uDE00", "\uFFFF", "a", "\u00E9");

    /** One step of a program. */
    sealed interface Op permits Put, Delete, PutAll, Get, ScanOp, InTransaction {
    }

    /** One step inside an explicit or retried transaction. */
    sealed interface Step permits Put, Delete, Get, ScanOp, SetSavepoint, RollbackToSavepoint, ReleaseSavepoint {
    }

    record Put(String key, String value) implements Op, Step {
    }

    record Delete(String key) implements Op, Step {
    }

    record PutAll(Map<String, String> entries) implements Op {
    }

    record Get(String key) implements Op, Step {
    }

    record ScanOp(String prefix, String from, String to, String glob, boolean descending, int limit)
            implements Op, Step {

        Scan scan() {
            return new Scan(prefix, from, to, glob == null ? null : KeyPattern.compile(glob), descending, limit);
        }
    }

    /** Sets a savepoint. */
    record SetSavepoint() implements Step {
    }

    /** Rolls back to the newest active savepoint (does nothing when there is none). */
    record RollbackToSavepoint() implements Step {
    }

    /** Releases the newest active savepoint (does nothing when there is none). */
    record ReleaseSavepoint() implements Step {
    }

    /** How a transaction ends. */
    enum Ending {
        /** explicit transaction, committed */
        COMMIT,
        /** explicit transaction, rolled back */
        ROLLBACK,
        /** {@code store.inTransaction}, which commits */
        RETRIED,
        /** {@code store.inTransaction} whose work throws, which rolls back */
        RETRIED_THROWING
    }

    record InTransaction(List<Step> steps, Ending ending) implements Op {
    }

    /** 1 to 3 tokens: a small key space, so that keys share prefixes and scans find them. */
    static Arbitrary<String> anyKeys() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("", parts));
    }

    /**
     * Mostly the program's base key followed by 0 to 2 tokens, so that one key is often a prefix of every other
     * key a scan sees (the shape that broke Xodus's descending scans); otherwise any key.
     */
    private static Arbitrary<String> keys(String base) {
        Arbitrary<String> family = Arbitraries.of(TOKENS).list().ofMaxSize(2)
                .map(parts -> base + String.join("", parts));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, family), net.jqwik.api.Tuple.of(2, anyKeys()));
    }

    private static Arbitrary<String> prefixes(String base) {
        Arbitrary<String> any = Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(2)
                .map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(base)), net.jqwik.api.Tuple.of(2, any));
    }

    /** A literal start of 1 to 3 tokens, then nothing, {@code *}, {@code ?} or {@code *} and a token. */
    private static Arbitrary<String> globs(String base) {
        Arbitrary<String> tail = Arbitraries.oneOf(Arbitraries.of("", "*", "?", "?*"),
                Arbitraries.of(TOKENS).map(token -> "*" + token));
        return Combinators.combine(keys(base), tail).as((literal, wildcards) -> literal + wildcards);
    }

    static Arbitrary<ScanOp> scans(String base) {
        Arbitrary<String> prefix = prefixes(base).injectNull(0.4);
        Arbitrary<String> bound = keys(base).injectNull(0.6);
        Arbitrary<String> glob = globs(base).injectNull(0.5);
        return Combinators.combine(prefix, bound, bound, glob, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4)).as((p, from, to, g, descending, limit) -> {
                    if (from != null && to != null && KeyOrder.compare(from, to) > 0) {
                        String swap = from;
                        from = to;
                        to = swap;
                    }
                    return new ScanOp(p, from, to, g, descending, limit);
                });
    }

    private static Arbitrary<String> values() {
        return Arbitraries.integers().between(0, 99).map(i -> "v" + i);
    }

    private static Arbitrary<Put> puts(String base) {
        return Combinators.combine(keys(base), values()).as(Put::new);
    }

    static Arbitrary<Step> steps(String base) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, puts(base)),
                net.jqwik.api.Tuple.of(2, keys(base).map(Delete::new)),
                net.jqwik.api.Tuple.of(2, keys(base).map(Get::new)),
                net.jqwik.api.Tuple.of(2, scans(base)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new SetSavepoint())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new RollbackToSavepoint())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new ReleaseSavepoint())));
    }

    static Arbitrary<Op> ops(String base) {
        Arbitrary<PutAll> putAll = Arbitraries.maps(keys(base), values()).ofMinSize(1).ofMaxSize(8).map(PutAll::new);
        Arbitrary<InTransaction> transactions = Combinators.combine(steps(base).list().ofMaxSize(8),
                Arbitraries.of(Ending.class)).as(InTransaction::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, puts(base)),
                net.jqwik.api.Tuple.of(2, keys(base).map(Delete::new)),
                net.jqwik.api.Tuple.of(2, putAll),
                net.jqwik.api.Tuple.of(2, keys(base).map(Get::new)),
                net.jqwik.api.Tuple.of(4, scans(base)),
                net.jqwik.api.Tuple.of(3, transactions));
    }

    /** A program: a base key (one token) and up to 20 operations around it. */
    static Arbitrary<List<Op>> programs() {
        return Arbitraries.of(TOKENS).flatMap(base -> ops(base).list().ofMinSize(1).ofMaxSize(20))
                .map(ArrayList::new);
    }
}
