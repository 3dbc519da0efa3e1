package dev.strata.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous (a DS component, File Install's next poll, a backend coming or going) by polling,
 * and fails with a message that says what never happened. The timeout is generous: it bounds a broken run, it is not
 * an expectation of speed.
 */
final class Await {

    static final Duration TIMEOUT = Duration.ofSeconds(90); // a loaded 2-core machine took 25 s to a first prompt
    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Waits until the condition holds. */
    static void until(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until the supplier returns a value, and returns it. A RuntimeException counts as "not yet". */
    static <T> T value(String what, Supplier<Optional<T>> supplier) {
        return value(what, TIMEOUT, supplier);
    }

    /** Like {@link #value(String, Supplier)} with a limit of its own (a whole JVM's start on a loaded machine). */
    static <T> T value(String what, Duration timeout, Supplier<Optional<T>> supplier) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                Optional<T> value = supplier.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("gave up after " + timeout.toSeconds() + " s waiting for: "
                        + what + (lastFailure == null ? "" : " (last failure: " + lastFailure + ")"));
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
