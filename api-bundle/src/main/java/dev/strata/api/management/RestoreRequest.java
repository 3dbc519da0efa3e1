package dev.strata.api.management;

import java.util.List;

/**
 * Restore an archive into a store on any engine. The archive is verified completely (checksums, key check, manifest,
 * digest) before the first key is written; the target must be empty unless {@code overwrite} is set, in which case
 * its keys are replaced so that it ends equal to the archive. The restored store's digest must equal the manifest's.
 *
 * @param file      the archive file
 * @param store     the target store
 * @param overwrite replace the content of a non-empty target
 */
public record RestoreRequest(String file, String store, boolean overwrite) implements JobRequest {

    public RestoreRequest {
        file = Requests.name("archive file", file);
        store = Requests.name("target store", store);
    }

    @Override
    public String type() {
        return "restore";
    }

    @Override
    public List<String> stores() {
        return List.of(store);
    }
}
