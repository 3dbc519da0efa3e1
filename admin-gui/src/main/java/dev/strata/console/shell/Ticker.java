package dev.strata.console.shell;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;

/**
 * Runs a task on the UI thread once a second while playing. Not a {@code Timeline} on purpose: a running animation
 * keeps JavaFX's pulse at 60 frames a second even when nothing changes, which under software rendering was a large
 * part of the console's CPU; this wakes the UI thread once a second. A tick still waiting for the UI thread is not
 * queued again, so a busy window never builds a backlog of refreshes.
 */
final class Ticker {

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-clock");
        thread.setDaemon(true);
        return thread;
    });

    private final Runnable tick;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private ScheduledFuture<?> running;

    Ticker(Runnable tick) {
        this.tick = tick;
    }

    synchronized void play() {
        if (running == null) {
            running = CLOCK.scheduleAtFixedRate(this::post, 1, 1, TimeUnit.SECONDS);
        }
    }

    synchronized void pause() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    private void post() {
        if (waiting.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                waiting.set(false);
                tick.run();
            });
        }
    }
}
