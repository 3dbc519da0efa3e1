package dev.strata.api.management;

import java.util.List;

import dev.strata.api.KeyPattern;

/**
 * Copy or move the keys matching a pattern from one store into another, optionally through a named
 * {@link MigrationTransform}. The source is read on one snapshot; a move deletes a key from the source only after
 * its copy is committed in the target, and only when the source still holds the value that was copied (a key
 * written again meanwhile stays). Running the same request again continues a cancelled or interrupted run: keys
 * already copied are written again with the same value.
 * <p>
 * With {@code sync} the copy is followed by catch-up rounds that compare a fresh snapshot of the source with the
 * target and apply the differences (including deletions), until a round finds none: the target then equals the
 * source at that snapshot's commit sequence, while the source stayed in use and unmodified. Not with {@code move} or
 * a transform.
 *
 * @param source    the store to read
 * @param target    the store to write
 * @param pattern   a {@link KeyPattern} glob ({@code users.*}); {@code *} for every key
 * @param move      delete migrated keys from the source
 * @param transform the {@value MigrationTransform#NAME_PROPERTY} of a transform service; empty for none
 * @param sync      catch the target up with writes made to the source during the copy, and prove them equal
 */
public record MigrateRequest(String source, String target, String pattern, boolean move, String transform,
        boolean sync) implements JobRequest {

    public MigrateRequest {
        source = Requests.name("source store", source);
        target = Requests.name("target store", target);
        pattern = pattern == null || pattern.isBlank() ? "*" : pattern.trim();
        KeyPattern.compile(pattern);
        transform = Requests.orEmpty(transform);
        if (sync && (move || !transform.isEmpty())) {
            throw new dev.strata.api.InvalidArgumentException("a synced migration copies keys unchanged: it cannot "
                    + "move them or apply a transform");
        }
        if (source.equals(target)) {
            throw new dev.strata.api.InvalidArgumentException("source and target are the same store '" + source + "'");
        }
    }

    /** A copy or move without catch-up. */
    public MigrateRequest(String source, String target, String pattern, boolean move, String transform) {
        this(source, target, pattern, move, transform, false);
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
