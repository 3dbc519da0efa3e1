package dev.strata.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the messages of libraries that log outside the OSGi log (java.util.logging and System.Logger, SLF4J's simple
 * binding used by Xodus) where the runtime's own log goes: everything from INFO up into {@code log/jvm-0.log}, and only
 * warnings and errors to the console, so that a person at the shell sees a quiet start.
 */
final class JvmLogging {

    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private JvmLogging() {
    }

    /** Configures JUL and SLF4J-simple unless the operator configured them (a logging config file, a level). */
    static void configure(String strataHome) {
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
        if (System.getProperty("java.util.logging.config.file") != null || strataHome == null) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        try {
            Path logs = Files.createDirectories(Path.of(strataHome, "log"));
            FileHandler file = new FileHandler(logs.resolve("jvm-%g.log").toString(), 10 << 20, 3, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            root.addHandler(file);
        } catch (IOException | SecurityException e) {
            console.publish(new java.util.logging.LogRecord(Level.WARNING,
                    "strata: cannot write log/jvm-0.log (" + e.getMessage() + "); library messages go to the console"));
            console.setLevel(Level.INFO);
        }
    }
}
