package dev.strata.distribution;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.StoreStatus;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.LoggerFactory;

/**
 * Every logging API a plugin may use reaches {@code log/strata.log} through Pax Logging: SLF4J (Xodus),
 * java.util.logging, System.Logger (the file engine, the crypto bundle) and the OSGi Log Service (core, SCR).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoggingIT {

    @Inject
    private BundleContext context;

    /** Injected once core has registered it: the runtime is up. */
    @Inject
    private StorageService storage;

    @Inject
    private LoggerFactory osgiLoggers;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(LoggingIT.class);
    }

    @Test
    public void aMessageLoggedThroughEachApiIsWrittenToStrataLog() {
        String marker = UUID.randomUUID().toString();
        org.slf4j.LoggerFactory.getLogger("it.plugin.slf4j").info("through SLF4J {}", marker);
        java.util.logging.Logger.getLogger("it.plugin.jul").info("through java.util.logging " + marker);
        System.getLogger("it.plugin.system").log(System.Logger.Level.INFO, "through System.Logger " + marker);
        osgiLoggers.getLogger("it.plugin.osgi").info("through the OSGi Log Service {}", marker);

        List<String> expected = List.of("through SLF4J " + marker, "through java.util.logging " + marker,
                "through System.Logger " + marker, "through the OSGi Log Service " + marker);
        Await.until("each message in log/strata.log", () -> expected.stream().allMatch(strataLog()::contains));
    }

    @Test
    public void messagesBelowTheConfiguredLevelAreNotWritten() {
        String marker = UUID.randomUUID().toString();
        org.slf4j.LoggerFactory.getLogger("it.plugin.slf4j").debug("debug through SLF4J {}", marker);
        java.util.logging.Logger.getLogger("it.plugin.jul").fine("fine through JUL " + marker);
        String sentinel = UUID.randomUUID().toString();
        org.slf4j.LoggerFactory.getLogger("it.plugin.slf4j").info("sentinel {}", sentinel);
        Await.until("the sentinel in log/strata.log", () -> strataLog().contains(sentinel));
        assertFalse("DEBUG and FINE stay out of a log at INFO", strataLog().contains(marker));
    }

    @Test
    public void coresMessagesAboutStoresAreThereWithTheBundleThatLoggedThem() {
        Stores.awaitStatus(storage, "files", StoreStatus.ONLINE);
        Await.until("core's message that the file store is online", () -> strataLog().lines().anyMatch(line ->
                line.contains("[dev.strata.core]") && line.contains("Store 'files' is ONLINE on backend 'file'")));
        assertTrue("no log/jvm-0.log beside it: library messages go to strata.log too",
                !Files.exists(home().resolve("log/jvm-0.log")));
    }

    private Path home() {
        return Paths.get(context.getProperty("strata.home"));
    }

    private String strataLog() {
        Path log = home().resolve("log/strata.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
