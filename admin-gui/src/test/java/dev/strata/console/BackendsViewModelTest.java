package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.console.backends.BackendsViewModel;
import dev.strata.console.client.BackendRow;
import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.StoreRow;
import dev.strata.console.shell.Background;

/** The backends view model against the fake runtime. */
class BackendsViewModelTest {

    private final FakeClient client = new FakeClient();
    private final List<String> failures = new ArrayList<>();
    private final ObservableList<StoreRow> stores = FXCollections.observableArrayList();
    private int storeRefreshes;

    @TempDir Path dir;

    private BackendsViewModel model() {
        client.backends.add(new BackendRow("file", "dev.strata.backend.file", 12, "0.1.0", "ACTIVE",
                List.of("none", "os", "fsync"), List.of("SNAPSHOT"), true, true, true, false, false,
                List.of("memoryBytes"), List.of("files")));
        client.backends.add(new BackendRow("memory", "dev.strata.backend.memory", 11, "0.1.0", "ACTIVE",
                List.of("none"), List.of("SNAPSHOT", "SERIALIZABLE"), false, false, false, true, true, List.of(),
                List.of("scratch")));
        stores.setAll(FakeClient.row("files", "ONLINE", "HEALTHY", ""), new StoreRow("scratch", "memory", "ONLINE", "", "HEALTHY", ""));
        BackendsViewModel model = new BackendsViewModel(client, Background.direct(), stores, () -> storeRefreshes++);
        model.refresh(failures::add);
        return model;
    }

    @Test
    void showsEnginesWithCapabilitiesAndTheLiveStatusOfTheStoresEachServes() {
        BackendsViewModel model = model();
        assertEquals(2, model.backends().size());
        BackendRow file = model.backends().get(0);
        assertEquals("persistent · encryption · compression", BackendsViewModel.capabilities(file));
        assertEquals("in memory · native TTL · native snapshots", BackendsViewModel.capabilities(model.backends().get(1)));
        assertEquals("files (ONLINE)", model.storesOf(file));
        assertEquals(1, storeRefreshes, "the stores list is refreshed with the backends");
        assertEquals("", model.orphansProperty().get());
    }

    @Test
    void uninstallNamesTheStoresThatGoUnavailableAndTheyShowWithoutTheirEngine() {
        BackendsViewModel model = model();
        assertFalse(model.canUninstall().get(), "nothing selected");
        model.selectedProperty().set(model.backends().get(0));
        assertTrue(model.canUninstall().get());
        assertEquals("Uninstall bundle 'dev.strata.backend.file' (engine 'file')? These stores go UNAVAILABLE until an "
                + "engine of that type returns: files. No committed data is lost.", model.uninstallQuestion());
        client.backends.remove(0);
        model.uninstall();
        assertTrue(client.calls.contains("uninstall 12"));
        assertEquals("Uninstalled 'dev.strata.backend.file'; 1 store(s) are now unavailable.", model.messageProperty().get());
        stores.set(0, FakeClient.row("files", "UNAVAILABLE", "DOWN", "backend 'file' is not installed"));
        assertEquals("files (UNAVAILABLE, engine 'file')", model.orphansProperty().get());
        assertEquals(2, storeRefreshes);
    }

    @Test
    void installTakesAJarAsAFileUrlAndRefusesAnythingElseBeforeCalling(@TempDir Path tmp) throws IOException {
        BackendsViewModel model = model();
        File text = Files.writeString(tmp.resolve("notes.txt"), "x").toFile();
        model.install(text);
        assertEquals("'notes.txt' is not a bundle jar.", model.messageProperty().get());
        assertFalse(client.calls.stream().anyMatch(c -> c.startsWith("install")));
        File jar = Files.write(tmp.resolve("backend-extra.jar"), new byte[] {1}).toFile();
        model.install(jar);
        assertTrue(client.calls.contains("install " + jar.toURI()), client.calls.toString());
        assertTrue(jar.toURI().toString().startsWith("file:"));
        assertEquals("Installed 'backend-extra.jar' as bundle 42; its stores come online by themselves.",
                model.messageProperty().get());
        client.failAll = new ConsoleException(ConsoleException.Kind.FAILED, "Unable to resolve: missing dev.strata.api.spi");
        model.install(jar);
        assertEquals("Installing 'backend-extra.jar' failed: Unable to resolve: missing dev.strata.api.spi",
                model.messageProperty().get());
    }

    @Test
    void onlyAnAdminMayInstallAndARuntimeWithoutBackendBeansSaysSo() {
        client.role = "operator";
        BackendsViewModel operator = model();
        assertFalse(operator.canInstall().get());
        client.role = "admin";
        client.failAll = new ConsoleException(ConsoleException.Kind.UNSUPPORTED, "The backends view is not available");
        BackendsViewModel older = new BackendsViewModel(client, Background.direct(), stores, () -> { });
        older.refresh(failures::add);
        assertFalse(older.availableProperty().get());
        assertFalse(older.canInstall().get());
        assertTrue(older.messageProperty().get().startsWith("Backends are not available on this runtime"));
        assertTrue(failures.isEmpty(), "not a connection failure: the status bar stays calm");
    }

    @Test
    void aJarDroppedOnTheWindowIsInstalledAndADropTheRoleMayNotMakeIsRefused(@TempDir Path tmp) throws IOException {
        BackendsViewModel model = model();
        File jar = Files.write(tmp.resolve("backend-sorted.jar"), new byte[] {1}).toFile();
        File text = Files.writeString(tmp.resolve("readme.txt"), "x").toFile();
        assertTrue(model.acceptsDrop(List.of(jar)), "an admin's window takes the drag");
        assertFalse(model.acceptsDrop(List.of()), "nothing dragged: nothing to take");
        assertTrue(model.dropped(List.of(text)));
        assertEquals("'readme.txt' is not a bundle jar.", model.messageProperty().get());
        assertFalse(client.calls.stream().anyMatch(c -> c.startsWith("install")), "a text file never reaches the runtime");
        assertTrue(model.dropped(List.of(jar)));
        assertEquals("install " + jar.toURI(), client.calls.stream().filter(c -> c.startsWith("install")).findFirst()
                .orElseThrow());
        assertEquals("Installed 'backend-sorted.jar' as bundle 42; its stores come online by themselves.",
                model.messageProperty().get());

        client.role = "operator";
        client.calls.clear();
        BackendsViewModel operator = model();
        assertFalse(operator.acceptsDrop(List.of(jar)), "the drag is not taken where the role may not install");
        assertFalse(operator.dropped(List.of(jar)));
        assertFalse(client.calls.stream().anyMatch(c -> c.startsWith("install")), client.calls.toString());
    }
}
