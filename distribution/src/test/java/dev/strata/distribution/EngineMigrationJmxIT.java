package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.inject.Inject;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;
import dev.strata.api.management.EngineMigrationRequest;
import dev.strata.api.management.JobInfo;
import dev.strata.api.management.JobState;
import dev.strata.api.management.JobsMXBean;
import dev.strata.api.management.ObjectNames;
import dev.strata.api.management.StrataRuntimeMXBean;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * An in-place engine migration driven over the runtime's real JMX connector, as the console and the CLI drive it: an
 * admin moves a store from the file engine to Xodus with {@code hold}, confirms it, and undoes it; an operator may
 * run jobs but may neither start such a migration nor confirm one (both redefine a store), and his refused confirm
 * does not switch anything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineMigrationJmxIT {

    private static final String STORE = "moving";

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(EngineMigrationJmxIT.class);
    }

    @Test
    public void anAdminMovesAStoreToXodusAndBackOverJmxAndAnOperatorCannot() throws Exception {
        Path users = Path.of(context.getProperty("strata.home"), "etc", "jmx.users");
        Await.until("the JMX connector created " + users, () -> Files.exists(users));
        Files.write(users, List.of("ops = operator:" + hash("ops-pw"), "root = admin:" + hash("root-pw")),
                StandardCharsets.UTF_8);
        try (JMXConnector admin = connect("root", "root-pw"); JMXConnector operator = connect("ops", "ops-pw")) {
            Await.until("the jobs bean is registered", () -> registered(admin, ObjectNames.jobs()));
            JMX.newMXBeanProxy(admin.getMBeanServerConnection(), ObjectNames.runtime(), StrataRuntimeMXBean.class)
                    .defineStore(STORE, "file", Map.of("durability", "os"));
            Stores.awaitStatus(storage, STORE, StoreStatus.ONLINE);
            for (int i = 0; i < 300; i++) {
                storage.store(STORE).put(String.format("k.%03d", i), Stores.bytes("v" + i));
            }
            JobsMXBean asAdmin = JMX.newMXBeanProxy(admin.getMBeanServerConnection(), ObjectNames.jobs(),
                    JobsMXBean.class);
            JobsMXBean asOperator = JMX.newMXBeanProxy(operator.getMBeanServerConnection(), ObjectNames.jobs(),
                    JobsMXBean.class);

            EngineMigrationRequest toXodus = new EngineMigrationRequest(STORE, "xodus", Map.of(), true, 30, false);
            assertThrows(SecurityException.class, () -> asOperator.submitEngineMigration(toXodus));
            assertEquals("a refused migration queues nothing", 0, asAdmin.getActive().length);

            JobInfo held = asAdmin.submitEngineMigration(toXodus);
            assertEquals("root", held.startedBy());
            assertEquals("migrate-engine", held.type());
            JobInfo waiting = Await.value("the migration holding for a confirmation",
                    () -> java.util.Optional.of(asAdmin.job(held.id()))
                            .filter(j -> j.message().contains("waiting for")));
            assertEquals(waiting.message(), JobState.RUNNING, waiting.state());
            storage.store(STORE).put("k.during-hold", Stores.bytes("written while it holds"));

            assertThrows(SecurityException.class, () -> asOperator.confirm(held.id()));
            Thread.sleep(1500);
            assertEquals("a refused confirm switches nothing", JobState.RUNNING, asAdmin.job(held.id()).state());
            assertEquals("file", storage.store(STORE).info().backend());

            asAdmin.confirm(held.id());
            JobInfo done = awaitEnd(asAdmin, held.id());
            assertEquals(done.failure(), JobState.SUCCEEDED, done.state());
            assertTrue(done.result(), done.result().startsWith("switched '" + STORE + "' to 'xodus'"));
            Await.until("'" + STORE + "' serves on xodus", () -> "xodus".equals(storage.store(STORE).info().backend())
                    && storage.store(STORE).info().status() == StoreStatus.ONLINE);
            Store moved = storage.store(STORE);
            assertEquals(301, count(moved));
            assertEquals("written while it holds", Stores.text(moved.get("k.during-hold")));
            moved.put("k.on-xodus", Stores.bytes("written on xodus"));

            RuntimeException wrongConfirm = assertThrows(RuntimeException.class, () -> asAdmin.confirm(held.id()));
            assertEquals("dev.strata.api.InvalidArgumentException", wrongConfirm.getClass().getName());

            assertThrows(SecurityException.class,
                    () -> asOperator.submitEngineMigration(EngineMigrationRequest.undoLast(STORE)));
            JobInfo undo = awaitEnd(asAdmin, asAdmin.submitEngineMigration(EngineMigrationRequest.undoLast(STORE)).id());
            assertEquals(undo.failure(), JobState.SUCCEEDED, undo.state());
            assertEquals("migrate-undo", undo.type());
            assertTrue(undo.result(), undo.result().startsWith("switched '" + STORE + "' back to 'file'"));
            Await.until("'" + STORE + "' serves on file again", () -> "file".equals(storage.store(STORE).info()
                    .backend()) && storage.store(STORE).info().status() == StoreStatus.ONLINE);
            Store back = storage.store(STORE);
            assertEquals(302, count(back));
            assertEquals("written on xodus", Stores.text(back.get("k.on-xodus")));
            assertEquals("v7", Stores.text(back.get("k.007")));
            assertFalse("no job is left running", List.of(asAdmin.getActive()).stream()
                    .anyMatch(j -> j.id().equals(held.id()) || j.id().equals(undo.id())));
        }
    }

    private static JobInfo awaitEnd(JobsMXBean jobs, String id) {
        JobInfo job = jobs.job(id);
        for (int i = 0; i < 120 && !job.state().isFinal(); i++) {
            job = jobs.awaitJob(id, 1000);
        }
        return job;
    }

    private static long count(Store store) {
        try (dev.strata.api.EntryCursor all = store.scan(dev.strata.api.Scan.all())) {
            return all.stream().count();
        }
    }

    private static boolean registered(JMXConnector connector, javax.management.ObjectName name) {
        try {
            return connector.getMBeanServerConnection().isRegistered(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Connects without JNDI (the test runs inside the framework, whose class loaders hide the JNDI providers). */
    private JMXConnector connect(String user, String password) throws Exception {
        int port = Integer.parseInt(context.getProperty("strata.jmx.port"));
        RMIServer server = (RMIServer) LocateRegistry.getRegistry("127.0.0.1", port).lookup("jmxrmi");
        RMIConnector connector = new RMIConnector(server, null);
        connector.connect(Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
        return connector;
    }

    /** A hash in the users file's documented format: pbkdf2-sha256$iterations$salt$hash. */
    private static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 1000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
}
