package dev.strata.api.document;

/**
 * An index as of now.
 *
 * @param multikey whether some document has an array at an indexed path (then the index holds several entries for it)
 * @param message  why the build failed, or empty
 */
public record IndexInfo(IndexDefinition definition, IndexState state, boolean multikey, String message) {
    public String name() {
        return definition.name();
    }
}
