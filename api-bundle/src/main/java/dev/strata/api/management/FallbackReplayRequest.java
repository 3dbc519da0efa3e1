package dev.strata.api.management;

import java.util.List;

/**
 * Replay the writes a store's fallback store took while the store's backend was unavailable into the store, in the
 * order they were acknowledged, then serve the store from its own engine again. Core submits it by itself when the
 * backend returns; an operator may submit it again after a failed or cancelled replay (a replay resumes where the
 * last one stopped and never applies a write twice).
 *
 * @param store the store whose journal is replayed (the primary, not the fallback)
 */
public record FallbackReplayRequest(String store) implements JobRequest {

    public FallbackReplayRequest {
        store = Requests.name("store", store);
    }

    @Override
    public String type() {
        return "fallback-replay";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
