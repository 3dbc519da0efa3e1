package dev.strata.api.tck.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.strata.api.Durability;
import dev.strata.api.TransactionMode;
import dev.strata.api.spi.EngineConfig;
import dev.strata.api.spi.EngineTransaction;
import dev.strata.api.spi.StorageBackend;
import dev.strata.api.spi.StorageEngine;

/**
 * The child process of the crash test: opens a store and commits numbered transactions (see
 * {@link CrashTransactions}) one after another until it is killed, printing {@code ACK <n>} after each commit of
 * transaction {@code n} has returned. It continues numbering after the {@code last} key it finds, and first prints
 * {@code START <n>} with the number of its first transaction.
 * <p>
 * Arguments: backend class name (public no-arg constructor), store directory, durability ({@code none},
 * {@code os}, {@code fsync}), then any number of {@code key=value} store settings.
 * <p>
 * It never outlives the test: it exits when its standard input closes (the parent is gone) or after
 * {@link #MAX_RUN_MILLIS}.
 */
public final class CrashWriter {

    /** A writer that was not killed by then stops by itself, so that a broken test leaves no process behind. */
    static final long MAX_RUN_MILLIS = 120_000;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: CrashWriter <backend class> <directory> <durability> [key=value...]");
        }
        exitWhenOrphaned();
        StorageBackend backend = instantiate(args[0]);
        Durability durability = Durability.valueOf(args[2].toUpperCase(Locale.ROOT));
        EngineConfig config = new EngineConfig("crash", Path.of(args[1]), durability, properties(args));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        StorageEngine engine = backend.open(config);
        long next = lastCommitted(engine) + 1;
        out.println("START " + next);
        out.flush();
        for (long n = next; ; n++) {
            try (EngineTransaction tx = engine.begin(TransactionMode.READ_WRITE)) {
                for (int i = 0; i < CrashTransactions.KEYS_PER_TRANSACTION; i++) {
                    tx.put(CrashTransactions.key(n, i), CrashTransactions.value(n, i));
                }
                tx.put(CrashTransactions.LAST_KEY, CrashTransactions.number(n));
                tx.commit();
            }
            out.println("ACK " + n);
            out.flush();
        }
    }

    /** Reflection is fine here: this is a test harness that must run any backend by name. */
    static StorageBackend instantiate(String className) throws ReflectiveOperationException {
        return (StorageBackend) Class.forName(className).getConstructor().newInstance();
    }

    private static Map<String, Object> properties(String[] args) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("store setting must be key=value: " + args[i]);
            }
            properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return properties;
    }

    private static long lastCommitted(StorageEngine engine) {
        try (EngineTransaction tx = engine.begin(TransactionMode.READ_ONLY)) {
            byte[] last = tx.get(CrashTransactions.LAST_KEY);
            return last == null ? 0 : Long.parseLong(new String(last, StandardCharsets.UTF_8));
        }
    }

    private static void exitWhenOrphaned() {
        daemon("crash-writer-orphan-watch", () -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent writes nothing; end of input means it is gone
                }
            } catch (IOException e) {
                // the parent's end of the pipe is gone: stop as if killed
            }
        });
        daemon("crash-writer-deadline", () -> {
            try {
                Thread.sleep(MAX_RUN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs the watch in a daemon thread and halts the process (no shutdown hooks, like a kill) when it returns. */
    private static void daemon(String name, Runnable watch) {
        Thread thread = new Thread(() -> {
            watch.run();
            Runtime.getRuntime().halt(3);
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
