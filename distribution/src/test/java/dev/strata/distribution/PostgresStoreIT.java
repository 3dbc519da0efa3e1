package dev.strata.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreInfo;
import dev.strata.api.StoreStatus;

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
 * pointed at a closed port is listed UNAVAILABLE (core keeps trying) instead of failing. Needs STRATA_POSTGRES_URL (set by .ci/run) for the first part.
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
}
