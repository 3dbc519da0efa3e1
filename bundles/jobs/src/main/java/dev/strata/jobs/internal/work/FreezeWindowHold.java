package dev.strata.jobs.internal.work;

import java.util.Locale;

import dev.strata.jobs.internal.JobControl;

/**
 * A test hook, off unless the JVM's system property {@value #PROPERTY} names a point of an in-place engine
 * migration's freeze window: {@code frozen} (the store serves read-only, the final catch-up has not run) or
 * {@code switched} (the store serves on the new engine, the switch is not yet recorded). A migration reaching that
 * point says so in its message ({@value #MESSAGE}...) and stays there, so that a test can kill the runtime process
 * inside the window every time rather than by luck (the window lasts about two seconds). It holds for at most
 * {@value #MAX_SECONDS} s; a held {@code frozen} job can be cancelled (it then thaws as always), a held
 * {@code switched} one cannot (the switch has been made). Nothing else reads the property.
 */
final class FreezeWindowHold {

    static final String PROPERTY = "strata.jobs.test.holdInFreezeWindow";
    static final String MESSAGE = "test hook: holding in the freeze window at ";
    static final long MAX_SECONDS = 600;

    private FreezeWindowHold() {
    }

    /** Holds here when the property names {@code point}. */
    static void at(String point, boolean cancellable, JobControl control) {
        String wanted = System.getProperty(PROPERTY, "");
        if (!wanted.trim().toLowerCase(Locale.ROOT).equals(point)) {
            return;
        }
        control.message(MESSAGE + "'" + point + "' (" + PROPERTY + ")");
        long until = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (cancellable) {
                control.checkCancelled();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
