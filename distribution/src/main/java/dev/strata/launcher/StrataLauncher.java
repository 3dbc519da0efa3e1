package dev.strata.launcher;

import java.util.Map;
import java.util.ServiceLoader;

import org.apache.felix.main.AutoProcessor;
import org.apache.felix.main.Main;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Felix exactly as {@link Main} does (same {@code felix.config.properties} loading and variable substitution,
 * same auto-deploy of {@code bundle/} through {@link AutoProcessor}), with these differences, which are the reason
 * this class exists:
 * <ul>
 * <li>it exits with status 1 when the framework cannot be created or started; Felix Main exits with 0 even then,
 * which hides a failed start from scripts and service managers;</li>
 * <li>bundles named in {@code strata.startlevel.<n>} properties get start level n (see {@link BundleStartLevels});</li>
 * <li>system properties starting with {@code strata.} become framework properties (Main copies only {@code felix.}
 * and {@code org.osgi.framework.}), so {@code strata.home} set by {@code bin/strata} and any
 * {@code -Dstrata.data=...} in {@code STRATA_OPTS} reach the bundles and override {@code etc/config.properties}.</li>
 * </ul>
 */
public final class StrataLauncher {

    static final int EXIT_STOPPED = 0;
    static final int EXIT_FAILED = 1;

    private StrataLauncher() {
    }

    public static void main(String[] args) {
        // Felix threads are not daemons: the JVM ends only through System.exit
        System.exit(launch());
    }

    static int launch() {
        Main.loadSystemProperties();
        JvmLogging.configure();
        Map<String, String> properties = Main.loadConfigProperties();
        if (properties == null) {
            System.err.println("strata: no framework configuration found at "
                    + System.getProperty(Main.CONFIG_PROPERTIES_PROP));
            return EXIT_FAILED;
        }
        Main.copySystemProperties(properties);
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("strata."))
                .forEach(name -> properties.put(name, System.getProperty(name)));

        Framework framework = null;
        try {
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                    .newFramework(properties);
            framework.init();
            stopOnJvmShutdown(framework);
            AutoProcessor.process(properties, framework.getBundleContext());
            BundleStartLevels.apply(properties, framework.getBundleContext());
            FrameworkEvent event;
            do {
                framework.start();
                event = framework.waitForStop(0);
            } while (event.getType() == FrameworkEvent.STOPPED_UPDATE);
            return event.getType() == FrameworkEvent.ERROR ? EXIT_FAILED : EXIT_STOPPED;
        } catch (Exception | LinkageError e) {
            System.err.println("strata: the framework could not start: " + e);
            e.printStackTrace();
            stopQuietly(framework);
            return EXIT_FAILED;
        }
    }

    /** Ctrl-C or a TERM signal stops the bundles cleanly (stores flush and close) before the JVM ends. */
    private static void stopOnJvmShutdown(Framework framework) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(framework), "Strata shutdown"));
    }

    private static void stopQuietly(Framework framework) {
        if (framework == null) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(0);
        } catch (Exception | LinkageError e) {
            System.err.println("strata: error while stopping the framework: " + e);
        }
    }
}
