package dev.strata.distribution;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration of the assembled runtime: the very jars of {@code target/strata/bundle/} (so a bundle
 * added to the distribution is tested without touching the tests) and the framework properties of its
 * {@code etc/config.properties}, with {@code strata.home} a fresh folder of {@code target/it-work/} for each test
 * class.
 * <p>
 * This class runs outside the framework (Pax Exam calls {@code @Configuration} methods before booting it); the test
 * methods run inside, in another class loader, so they find these folders through framework properties, never
 * through static fields.
 */
final class StrataRuntime {

    /** Framework property: where File Install looks for bundles and .config files. */
    static final String DEPLOY_DIR_PROPERTY = "felix.fileinstall.dir";
    /** Framework property: the root of the stores' files. */
    static final String DATA_DIR_PROPERTY = "strata.data";
    /** System property set by failsafe: the assembled runtime, {@code target/strata}. */
    static final String DISTRIBUTION_DIR_PROPERTY = "strata.distribution.dir";
    /** System property set by failsafe: the folder of the store .config files the runtime ships in deploy/. */
    static final String SHIPPED_DEPLOY_DIR_PROPERTY = "strata.shipped.deploy.dir";
    /** System property set by failsafe: scratch space of the integration tests. */
    static final String WORK_DIR_PROPERTY = "strata.it.work.dir";

    /** The start level Pax Exam gives the bundles it provisions; the runtime's logging starts before them. */
    private static final int LATER_START_LEVEL = 3;

    /** Generous on purpose: a loaded two-core build machine can be slow, and a passing test waits for nothing. */
    static final long SERVICE_TIMEOUT_MILLIS = 30_000;

    private StrataRuntime() {
    }

    /**
     * Properties of {@code etc/config.properties} that only the launcher uses, with why the tests leave them out:
     * Pax Exam gives each run its own bundle cache and provisions and starts {@code bundle/} itself, the shell is
     * not interactive here, and configurations must not outlive one test's framework (the methods of a class share
     * one home).
     */
    private static final List<String> LAUNCHER_ONLY_PREFIXES = List.of(
            "org.osgi.framework.storage", "org.osgi.framework.startlevel.", "strata.startlevel.", "felix.startlevel.",
            "felix.auto.",
            "felix.cm.dir");

    /**
     * The runtime's bundles and framework properties, with a fresh home for this test class: empty data/ and log/,
     * and a deploy/ holding the store configurations the distribution ships.
     */
    static Option[] options(Class<?> testClass) {
        Path home = freshHome(testClass);
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        options.add(junitBundles());
        options.add(systemProperty("pax.exam.service.timeout").value(Long.toString(SERVICE_TIMEOUT_MILLIS)));
        // as bin/strata does: Pax Logging reads etc/org.ops4j.pax.logging.cfg with system properties substituted
        options.add(systemProperty("strata.home").value(home.toString()));
        Map<String, String> properties = runtimeFrameworkProperties(home);
        // a free port for the JMX connector: other runs on this machine (and the other framework's run) may hold 9099
        String jmxPort = Integer.toString(freePort());
        properties.put("strata.jmx.port", jmxPort);
        options.add(systemProperty("strata.it.jmx.port").value(jmxPort));
        // and for the metrics endpoint, likewise
        properties.put("strata.metrics.port", Integer.toString(freePort()));
        properties.forEach((name, value) -> options.add(frameworkProperty(name).value(value)));
        // the Gogo shell must not read the test JVM's standard input (nor stop the framework when it ends)
        options.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
        for (Path jar : runtimeBundles()) {
            // as etc/config.properties has it for bin/strata: Pax Logging starts before every bundle that logs
            boolean logging = jar.getFileName().toString().startsWith("pax-logging-");
            options.add(bundle(jar.toUri().toString()).startLevel(logging ? 1 : LATER_START_LEVEL));
        }
        return options.toArray(Option[]::new);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The framework properties of the assembled runtime's {@code etc/config.properties}, for a runtime in home. */
    static Map<String, String> runtimeFrameworkProperties(Path home) {
        Path file = distributionDir().resolve("etc/config.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> result = new TreeMap<>();
        result.put("strata.home", home.toString());
        for (String name : properties.stringPropertyNames()) {
            if (LAUNCHER_ONLY_PREFIXES.stream().noneMatch(name::startsWith)) {
                String value = properties.getProperty(name).replace("${strata.home}", home.toString());
                if (value.contains("${")) {
                    throw new IllegalStateException(file + ": " + name + " uses a variable the tests do not know: "
                            + value);
                }
                result.put(name, value);
            }
        }
        return result;
    }

    /** The jars of the assembled runtime's {@code bundle/} folder, sorted by name. */
    static List<Path> runtimeBundles() {
        Path bundleDir = distributionDir().resolve("bundle");
        try (Stream<Path> files = Files.list(bundleDir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no bundles in " + bundleDir + ": run the package phase first");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bundleDir + ": run the package phase first", e);
        }
    }

    /** The example backend jar the distribution ships in {@code examples/}. */
    static Path exampleBackendJar() {
        Path examples = distributionDir().resolve("examples");
        try (Stream<Path> files = Files.list(examples)) {
            return files.filter(f -> f.getFileName().toString().matches("example-backend-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no example-backend jar in " + examples));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + examples, e);
        }
    }

    static Path distributionDir() {
        return Paths.get(requiredSystemProperty(DISTRIBUTION_DIR_PROPERTY));
    }

    private static Path freshHome(Class<?> testClass) {
        try {
            Path workDir = Files.createDirectories(Paths.get(requiredSystemProperty(WORK_DIR_PROPERTY)));
            Path home = Files.createTempDirectory(workDir, testClass.getSimpleName() + "-");
            for (String dir : List.of("data", "deploy", "log", "etc")) {
                Files.createDirectories(home.resolve(dir));
            }
            // the logging configuration the runtime ships (etc/config.properties points Pax Logging at it)
            Files.copy(distributionDir().resolve("etc/org.ops4j.pax.logging.cfg"),
                    home.resolve("etc/org.ops4j.pax.logging.cfg"));
            // the stores the runtime ships (deploy/*.config), so the tests see what a newcomer sees
            Path shippedDeploy = Paths.get(requiredSystemProperty(SHIPPED_DEPLOY_DIR_PROPERTY));
            try (Stream<Path> shipped = Files.list(shippedDeploy)) {
                for (Path config : shipped.filter(f -> f.getFileName().toString().endsWith(".config")).toList()) {
                    Files.copy(config, home.resolve("deploy").resolve(config.getFileName()));
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runtime home for " + testClass.getName(), e);
        }
    }

    private static String requiredSystemProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (failsafe sets it)");
        }
        return value;
    }
}
