package dev.strata.launcher;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps java.util.logging (and System.Logger, which writes through it) quiet on the console until Pax Logging takes
 * it over: once the pax-logging-api bundle starts, it replaces JUL's handlers with one that routes every record into
 * log/strata.log (etc/org.ops4j.pax.logging.cfg). Until then, which is the framework's first moments, only warnings
 * reach the console.
 */
final class JvmLogging {

    private JvmLogging() {
    }

    /** Does nothing when the operator configured JUL (a logging config file). */
    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
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
    }
}
