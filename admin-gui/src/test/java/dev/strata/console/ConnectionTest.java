package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.console.client.ConsoleException;
import dev.strata.console.client.ReconnectingClient;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.connect.Profile;
import dev.strata.console.connect.ProfileStore;
import dev.strata.console.shell.Background;

/** Saved connection profiles and reconnecting after a lost connection. */
class ConnectionTest {

    @TempDir Path dir;

    @Test
    void profilesAreSavedWithoutThePasswordAndFillTheForm() throws Exception {
        Path file = dir.resolve(".strata/profiles.json");
        ConnectViewModel form = new ConnectViewModel(settings -> new FakeClient(), Background.direct(), c -> { },
                new ProfileStore(file));
        assertTrue(form.profiles().isEmpty());
        form.hostProperty().set("10.0.0.7");
        form.portProperty().set("9199");
        form.userProperty().set("ops");
        form.passwordProperty().set("s3cret-pass");
        form.saveProfile();
        assertEquals("Saved 'ops@10.0.0.7:9199' (without the password).", form.messageProperty().get());
        String json = Files.readString(file);
        assertFalse(json.contains("s3cret-pass"), json);
        assertTrue(json.contains("\"host\" : \"10.0.0.7\""), json);
        ConnectViewModel again = new ConnectViewModel(settings -> new FakeClient(), Background.direct(), c -> { },
                new ProfileStore(file));
        assertEquals(List.of(new Profile("ops@10.0.0.7:9199", "10.0.0.7", 9199, "ops")), again.profiles());
        again.choose(again.profiles().get(0));
        assertEquals("10.0.0.7", again.hostProperty().get());
        assertEquals("9199", again.portProperty().get());
        assertEquals("ops", again.userProperty().get());
        assertEquals("", again.passwordProperty().get(), "the password is typed each time");
        new ProfileStore(file).save(new Profile("ops@10.0.0.7:9199", "10.0.0.8", 9199, "ops"));
        assertEquals(1, new ProfileStore(file).load().size(), "saving under a name replaces that profile");
    }

    @Test
    void aLostConnectionIsReportedThenMadeAgainByItselfAtTheRetryInterval() {
        FakeClient first = new FakeClient();
        first.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        FakeClient second = new FakeClient();
        second.rows.add(FakeClient.row("files", "ONLINE", "HEALTHY", ""));
        long[] now = {0};
        List<String> attempts = new ArrayList<>();
        boolean[] runtimeUp = {false};
        ReconnectingClient client = new ReconnectingClient(first, () -> {
            attempts.add("at " + now[0]);
            if (!runtimeUp[0]) {
                throw new ConsoleException(ConsoleException.Kind.UNREACHABLE, "Cannot reach a Strata runtime at h:1");
            }
            return second;
        }, () -> now[0], 5000);
        assertEquals(1, client.storeRows().size());
        first.failAll = new ConsoleException(ConsoleException.Kind.LOST, "The connection to the runtime was lost");
        ConsoleException lost = assertThrows(ConsoleException.class, client::storeRows);
        assertEquals("Connection to the runtime lost; reconnecting every 5 s", lost.getMessage());
        assertFalse(client.connected());
        now[0] = 100;
        ConsoleException down = assertThrows(ConsoleException.class, client::storeRows);
        assertEquals("Connection to the runtime lost; reconnecting every 5 s (attempt 1 failed: Cannot reach a Strata "
                + "runtime at h:1)", down.getMessage());
        now[0] = 2000;
        assertThrows(ConsoleException.class, client::storeRows);
        assertEquals(List.of("at 100"), attempts, "no new attempt before the interval");
        runtimeUp[0] = true;
        now[0] = 5100;
        assertEquals(1, client.storeRows().size(), "back by itself");
        assertTrue(client.connected());
        assertEquals(List.of("at 100", "at 5100"), attempts);
        second.failAll = new ConsoleException(ConsoleException.Kind.FAILED, "store 'x' is not defined");
        assertThrows(ConsoleException.class, client::storeRows);
        assertTrue(client.connected(), "an ordinary failure keeps the connection");
    }
}
