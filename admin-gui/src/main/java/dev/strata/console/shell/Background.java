package dev.strata.console.shell;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.strata.console.client.ConsoleException;

/**
 * Where view models do their work: remote calls on a worker thread, results back on the UI thread, so the window
 * never waits for the network. Tests pass {@link #direct()}, which runs both in the caller's thread.
 */
public final class Background {

    private final Executor worker;
    private final Executor ui;

    public Background(Executor worker, Executor ui) {
        this.worker = worker;
        this.ui = ui;
    }

    /** Daemon workers, results through {@code Platform::runLater}. */
    public static Background javafx() {
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "console-worker");
            thread.setDaemon(true);
            return thread;
        });
        return new Background(workers, javafx.application.Platform::runLater);
    }

    /** Everything at once in the calling thread (view-model tests). */
    public static Background direct() {
        return new Background(Runnable::run, Runnable::run);
    }

    /** Runs the call off the UI thread, then hands its result or its failure to the UI thread. */
    public <T> void run(Supplier<T> call, Consumer<T> done, Consumer<ConsoleException> failed) {
        worker.execute(() -> {
            try {
                T result = call.get();
                ui.execute(() -> done.accept(result));
            } catch (ConsoleException e) {
                ui.execute(() -> failed.accept(e));
            } catch (RuntimeException e) {
                ConsoleException wrapped = new ConsoleException(ConsoleException.Kind.FAILED, String.valueOf(e.getMessage()));
                ui.execute(() -> failed.accept(wrapped));
            }
        });
    }
}
