package dev.strata.distribution;

import static dev.strata.distribution.Stores.bytes;
import static dev.strata.distribution.Stores.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import javax.inject.Inject;

import dev.strata.api.StorageService;
import dev.strata.api.Store;
import dev.strata.api.StoreStatus;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.BundleContext;

/**
 * What a newcomer does with the runtime's {@code deploy/} folder: drop the example backend's jar in, drop a store
 * {@code .config} file next to it, use the store; take the files away again. File Install watches the folder named by
 * {@code felix.fileinstall.dir} (a fresh folder per test run, seeded with the shipped {@code .config} files).
 */
@RunWith(PaxExam.class)
public class FileInstallDeployIT {

    private static final String BACKEND = "example";

    @Inject
    private BundleContext context;

    @Inject
    private StorageService storage;

    @Configuration
    public Option[] configuration() {
        return StrataRuntime.options(FileInstallDeployIT.class);
    }

    @Test
    public void aBackendJarAndAStoreConfigDroppedIntoDeployGiveAUsableStore() throws Exception {
        Path deploy = Paths.get(context.getProperty(StrataRuntime.DEPLOY_DIR_PROPERTY));
        assertFalse("the example backend is not part of the runtime", backendInstalled());

        Path jar = drop(deploy, StrataRuntime.exampleBackendJar().getFileName().toString(),
                Files.readAllBytes(StrataRuntime.exampleBackendJar()));
        Await.until("backend '" + BACKEND + "' listed after its jar was dropped into " + deploy,
                this::backendInstalled);

        Path config = drop(deploy, "dev.strata.store-dropped.config", String.join("\n",
                "# a store on the example backend, defined by a file",
                "name=\"dropped\"",
                "backend=\"" + BACKEND + "\"",
                "durability=\"os\"",
                "").getBytes(UTF_8));
        Stores.awaitStatus(storage, "dropped", StoreStatus.ONLINE);
        Store store = storage.store("dropped");
        store.put("hello", bytes("world"));
        assertEquals("world", text(store.get("hello")));

        // taking the jar away uninstalls the backend: the store waits for it again
        Files.delete(jar);
        Stores.awaitStatus(storage, "dropped", StoreStatus.UNAVAILABLE);
        Await.until("backend '" + BACKEND + "' no longer listed after its jar was removed",
                () -> !backendInstalled());

        // taking the .config away deletes the store's definition (not its files)
        Files.delete(config);
        Await.until("store 'dropped' no longer listed after its .config was removed",
                () -> storage.findStore("dropped").isEmpty());
    }

    private boolean backendInstalled() {
        return storage.backends().stream().anyMatch(info -> info.type().equals(BACKEND));
    }

    /**
     * Writes the file next to the folder and moves it in at once, so File Install never sees half a file (a person
     * copying a large jar over a slow link would do well to do the same).
     */
    private static Path drop(Path deploy, String fileName, byte[] content) throws IOException {
        Path staged = Files.write(deploy.resolveSibling(fileName + ".part"), content);
        return Files.move(staged, deploy.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }
}
