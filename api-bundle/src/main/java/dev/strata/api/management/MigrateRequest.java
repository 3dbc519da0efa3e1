package dev.strata.api.management;

import java.util.List;

import dev.strata.api.KeyPattern;

/**
 * Copy or move the keys matching a pattern from one store into another, optionally through a named
 * {@link MigrationTransform}. The source is read on one snapshot; a move deletes a key from the source only after
 * its copy is committed in the target, and only when the source still holds the value that was copied (a key
 * written again meanwhile stays). Running the same request again continues a cancelled or interrupted run: keys
 * already copied are written again with the same value.
 *
 * @param source    the store to read
 * @param target    the store to write
 * @param pattern   a {@link KeyPattern} glob ({@code users.*}); {@code *} for every key
 * @param move      delete migrated keys from the source
 * @param transform the {@value MigrationTransform#NAME_PROPERTY} of a transform service; empty for none
 */
public record MigrateRequest(String source, String target, String pattern, boolean move, String transform)
        implements JobRequest {

    public MigrateRequest {
        source = Requests.name("source store", source);
        target = Requests.name("target store", target);
        pattern = pattern == null || pattern.isBlank() ? "*" : pattern.trim();
        KeyPattern.compile(pattern);
        transform = Requests.orEmpty(transform);
        if (source.equals(target)) {
            throw new dev.strata.api.InvalidArgumentException("source and target are the same store '" + source + "'");
        }
    }

    @Override
    public String type() {
        return "migrate";
    }

    @Override
    public List<String> stores() {
        return List.of(source, target);
    }
}
