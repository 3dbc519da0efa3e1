package dev.strata.api.spi;

import java.util.List;

/**
 * What a verification found.
 *
 * @param keys     keys read
 * @param bytes    key and value bytes read
 * @param problems one line per damage found (file and offset where known); empty when all is well
 */
public record VerifyResult(long keys, long bytes, List<String> problems) {

    public VerifyResult {
        problems = List.copyOf(problems);
    }

    public static VerifyResult ok(long keys, long bytes) {
        return new VerifyResult(keys, bytes, List.of());
    }

    public static VerifyResult damaged(long keys, long bytes, String problem) {
        return new VerifyResult(keys, bytes, List.of(problem));
    }

    public boolean isHealthy() {
        return problems.isEmpty();
    }
}
