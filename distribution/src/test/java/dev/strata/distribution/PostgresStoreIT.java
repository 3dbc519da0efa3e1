package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import dev.strata.api.StorageException;
import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;
import dev.strata.api.StoreUnavailableException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The PostgreSQL engine in the assembled runtime: its bundle, the JDBC driver and HikariCP resolve in Felix, a store
 * {@code .config} dropped into {@code deploy/} comes online on the server and serves the Store API, and a store
 * pointed at a closed port is listed UNAVAILABLE (core keeps trying) instead of failing; a store whose server is
 * killed under writes is UNAVAILABLE while the server is down and ONLINE by itself after it restarts, with every
 * acknowledged write there. Needs STRATA_POSTGRES_URL (set by .ci/run), and for the kill the throwaway server's
 * STRATA_POSTGRES_DIR, STRATA_POSTGRES_BIN and STRATA_POSTGRES_PORT (.ci/postgres-server).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresStoreIT {

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Inject
    private ConfigurationAdmin configAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return StrataRuntime.options(PostgresStoreIT.class);
    }

    private static String serverUrl() {
        String url = System.getenv().getOrDefault("STRATA_POSTGRES_URL", "");
        if (url.isBlank() && Boolean.getBoolean("strata.postgres.required")) {
            fail("strata.postgres.required=true but STRATA_POSTGRES_URL is not set");
        }
        assumeTrue("no PostgreSQL server for the tests: set STRATA_POSTGRES_URL (.ci/run starts one)", !url.isBlank());
        return url;
    }

    private Configuration define(String name, String url) throws IOException {
        Configuration configuration = configAdmin.createFactoryConfiguration(Stores.STORE_FACTORY_PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("backend", "postgres");
        properties.put("durability", "fsync");
        properties.put("postgres.url", url);
        properties.put("postgres.schema", "it_" + ProcessHandle.current().pid());
        properties.put("postgres.connectTimeout", "500");
        properties.put("postgres.retries", "0");
        configuration.update(properties);
        return configuration;
    }

    @Test
    public void aStoreConfigDroppedIntoDeployComesOnlineOnTheServerAndServes() throws Exception {
        String url = serverUrl();
        Path deploy = Paths.get(context.getProperty(StrataRuntime.DEPLOY_DIR_PROPERTY));
        Path staged = Files.writeString(deploy.resolveSibling("dev.strata.store-pg-orders.config.part"), String.join("\n",
                "# a store on the PostgreSQL backend, defined by a file",
                "name=\"pg-orders\"",
                "backend=\"postgres\"",
                "durability=\"fsync\"",
                "postgres.url=\"" + url + "\"",
                "postgres.schema=\"it_" + ProcessHandle.current().pid() + "\"",
                ""));
        Path config = Files.move(staged, deploy.resolve("dev.strata.store-pg-orders.config"), StandardCopyOption.ATOMIC_MOVE);
        try {
            StoreInfo info = Stores.awaitStatus(storage, "pg-orders", StoreStatus.ONLINE);
            assertEquals("postgres", info.backend());
            Store store = context.getService(Stores.awaitStoreService(context, "pg-orders"));
            store.put("order.1", Stores.bytes("42 apples"));
            assertEquals("42 apples", Stores.text(store.get("order.1")));
        } finally {
            Files.delete(config);
            Await.until("store 'pg-orders' no longer listed after its .config was removed",
                    () -> storage.findStore("pg-orders").isEmpty());
        }
    }

    @Test
    public void aStoreOnAServerThatIsNotThereIsUnavailableNotBroken() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Configuration configuration = define("pg-away", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        try {
            StoreInfo info = Stores.awaitStatus(storage, "pg-away", StoreStatus.UNAVAILABLE);
            assertTrue(info.toString(), info.backend().equals("postgres"));
        } finally {
            configuration.delete();
        }
    }

    @Test
    public void aStoreWhoseServerIsKilledUnderWritesIsUnavailableMeanwhileAndComesBackByItself() throws Exception {
        String url = serverUrl();
        String dir = env("STRATA_POSTGRES_DIR");
        String port = env("STRATA_POSTGRES_PORT");
        Configuration configuration = define("pg-restart", url);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger uncertain = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        boolean serverDown = false;
        Thread writer = null;
        try {
            Stores.awaitStatus(storage, "pg-restart", StoreStatus.ONLINE);
            Store store = context.getService(Stores.awaitStoreService(context, "pg-restart"));
            writer = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        store.put(key(i), Stores.bytes("value " + i));
                        acknowledged.add(i);
                    } catch (StoreUnavailableException e) {
                        refused.incrementAndGet();
                        pause(5);
                    } catch (StorageException e) {
                        uncertain.incrementAndGet(); // the connection died while confirming: may or may not be there
                        pause(5);
                    }
                }
            }, "pg-restart-writer");
            writer.start();
            Await.until("first writes", () -> acknowledged.size() >= 50);
            pgCtl("-m", "immediate", "stop");
            serverDown = true;
            StoreInfo down = Stores.awaitStatus(storage, "pg-restart", StoreStatus.UNAVAILABLE);
            assertTrue(down.message(), down.message().contains("not reachable"));
            int whileDown = acknowledged.size();
            Await.until("writes refused while the server is down", () -> refused.get() > 3);
            assertTrue("nothing acknowledged while the server is down", acknowledged.size() <= whileDown + 1);
            pgCtl("-l", dir + "/log", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w",
                    "start");
            serverDown = false;
            Stores.awaitStatus(storage, "pg-restart", StoreStatus.ONLINE);
            int afterRestart = acknowledged.size();
            Await.until("writes acknowledged after the restart", () -> acknowledged.size() >= afterRestart + 50);
            running.set(false);
            writer.join(30_000);
            List<Integer> missing = new ArrayList<>();
            for (int i : acknowledged) {
                if (store.get(key(i)).isEmpty()) {
                    missing.add(i);
                }
            }
            System.out.printf("pg restart IT: %d acknowledged, %d refused, %d uncertain%n", acknowledged.size(),
                    refused.get(), uncertain.get());
            assertEquals("acknowledged writes missing after the server restart", List.of(), missing);
        } finally {
            running.set(false);
            if (writer != null) {
                writer.join(30_000);
            }
            if (serverDown) {
                pgCtl("-l", dir + "/log", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "-w",
                        "start");
            }
            configuration.delete();
        }
    }

    private static String key(int i) {
        return String.format("restart.%08d", i);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String name) {
        String value = System.getenv().getOrDefault(name, "");
        if (value.isBlank() && Boolean.getBoolean("strata.postgres.required")) {
            fail(name + " is not set: the restart test needs the throwaway server of .ci/postgres-server");
        }
        assumeTrue(name + " is not set: the restart test runs only on the throwaway server of .ci/postgres-server",
                !value.isBlank());
        return value;
    }

    private static void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                env("STRATA_POSTGRES_BIN") + "/pg_ctl", "-D", env("STRATA_POSTGRES_DIR") + "/data"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("pg_ctl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
