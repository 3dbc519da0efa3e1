package dev.strata.api.management;

import java.util.List;

/**
 * Verify an archive without restoring it: every chunk's checksum and authentication tag, their order, the manifest,
 * the key count and the digest of the whole content.
 *
 * @param file the archive file
 */
public record VerifyRequest(String file) implements JobRequest {

    public VerifyRequest {
        file = Requests.name("archive file", file);
    }

    @Override
    public String type() {
        return "verify";
    }

    @Override
    public List<String> stores() {
        return List.of();
    }
}
