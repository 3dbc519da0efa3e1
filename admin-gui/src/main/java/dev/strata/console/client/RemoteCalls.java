package dev.strata.console.client;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;

import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.ReflectionException;

import dev.strata.api.StorageException;
import dev.strata.console.shell.Messages;

/**
 * Runs the console's newer remote calls (stores, backends, data browser, jobs of every kind). Like
 * {@link #basic}, but a bean or operation the runtime does not have (an older runtime, a management
 * bundle without the data browser) becomes {@link ConsoleException.Kind#UNSUPPORTED} instead of a raw JMX error,
 * so the view can say "not available on this runtime" and stay usable.
 */
final class RemoteCalls {

    private RemoteCalls() {
    }

    static <T> T call(String what, Supplier<T> remote) {
        try {
            return remote.get();
        } catch (SecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.REFUSED, e.getMessage());
        } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, e.getMessage());
        } catch (UndeclaredThrowableException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InstanceNotFoundException || cause instanceof AttributeNotFoundException
                    || cause instanceof ReflectionException && cause.getCause() instanceof NoSuchMethodException) {
                throw new ConsoleException(ConsoleException.Kind.UNSUPPORTED, Messages.get("client.unsupported", what));
            }
            if (cause instanceof IOException) {
                throw new ConsoleException(ConsoleException.Kind.LOST, Messages.get("client.lost"));
            }
            throw new ConsoleException(ConsoleException.Kind.FAILED, String.valueOf(cause.getMessage()));
        }
    }

    /**
     * Runs a remote call of the surface every runtime has (the figures, jobs, audit): what JMX throws becomes a
     * one-line {@link ConsoleException}, a lost connection {@link ConsoleException.Kind#LOST}.
     */
    static <T> T basic(Supplier<T> remote) {
        try {
            return remote.get();
        } catch (SecurityException e) {
            throw new ConsoleException(ConsoleException.Kind.REFUSED, e.getMessage());
        } catch (StorageException e) {
            throw new ConsoleException(ConsoleException.Kind.FAILED, e.getMessage());
        } catch (UndeclaredThrowableException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw new ConsoleException(ConsoleException.Kind.LOST, Messages.get("client.lost"));
            }
            throw new ConsoleException(ConsoleException.Kind.FAILED, String.valueOf(cause.getMessage()));
        }
    }

    static void run(String what, Runnable remote) {
        call(what, () -> {
            remote.run();
            return null;
        });
    }
}
