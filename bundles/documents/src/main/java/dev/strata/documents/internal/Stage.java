package dev.strata.documents.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import dev.strata.api.document.QueryPlan;

/**
 * One stage of an executing plan: a pull iterator over its children that counts what it examined, so that
 * {@code explain} can show the executed tree.
 */
abstract class Stage<T> implements Iterator<T> {

    final String name;
    /** Made only when {@code explain} asks: a plan's details may cost more to write out than a point query. */
    private final java.util.function.Supplier<String> details;
    final List<Stage<?>> children = new ArrayList<>();
    long keysExamined;
    long docsExamined;
    long returned;
    private T pending;
    private boolean exhausted;

    Stage(String name, String details, Stage<?>... inputs) {
        this(name, () -> details, inputs);
    }

    Stage(String name, java.util.function.Supplier<String> details, Stage<?>... inputs) {
        this.name = name;
        this.details = details;
        children.addAll(List.of(inputs));
    }

    /** The next result, or null when there are no more. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (pending == null && !exhausted) {
            pending = advance();
            exhausted = pending == null;
        }
        return pending != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T result = pending;
        pending = null;
        returned++;
        return result;
    }

    QueryPlan explain() {
        return new QueryPlan(name, details.get(), keysExamined, docsExamined, returned,
                children.stream().map(Stage::explain).toList());
    }

    /** Releases what the stage holds open (scan cursors); children first. */
    void close() {
        children.forEach(Stage::close);
    }
}
