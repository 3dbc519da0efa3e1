package dev.strata.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.ConnectIOException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.strata.console.client.ConnectFailures;
import dev.strata.console.client.ConnectionSettings;
import dev.strata.console.connect.ConnectViewModel;
import dev.strata.console.connect.Profile;
import dev.strata.console.connect.ProfileStore;
import dev.strata.console.shell.Background;

/** The login form's TLS box and truststore: what reaches the connection, what is saved, and the failures' lines. */
class TlsLoginTest {

    @TempDir Path dir;

    private final List<ConnectionSettings> asked = new ArrayList<>();
    private final List<char[]> trustPasswords = new ArrayList<>();

    private ConnectViewModel form(ConnectViewModel.Connector connector, Path profiles) {
        ConnectViewModel form = new ConnectViewModel(connector, Background.direct(), c -> { },
                profiles == null ? null : new ProfileStore(profiles));
        form.passwordProperty().set("pw");
        return form;
    }

    private ConnectViewModel.Connector recording() {
        return settings -> {
            asked.add(settings);
            trustPasswords.add(settings.truststorePassword().clone());
            return new FakeClient();
        };
    }

    @Test
    void theTlsChoiceAndTruststoreReachTheConnectionSettings() throws Exception {
        Path truststore = Files.writeString(dir.resolve("runtime.p12"), "not read by the fake");
        ConnectViewModel form = form(recording(), null);
        form.connect();
        assertFalse(asked.get(0).tls(), "plain sockets unless ticked");
        form.tlsProperty().set(true);
        form.truststoreProperty().set(" " + truststore + " ");
        form.truststorePasswordProperty().set("store-pw");
        form.passwordProperty().set("pw");
        form.connect();
        ConnectionSettings tls = asked.get(1);
        assertTrue(tls.tls());
        assertEquals(truststore.toString(), tls.truststore());
        assertArrayEquals("store-pw".toCharArray(), trustPasswords.get(1));
        assertEquals("admin@127.0.0.1:9099 over TLS (" + truststore + ")", tls.toString(), "no password printed");
        form.tlsProperty().set(false);
        form.passwordProperty().set("pw");
        form.connect();
        assertFalse(asked.get(2).tls());
        assertEquals("", asked.get(2).truststore(), "an unticked box sends no truststore");
    }

    @Test
    void aMissingTruststoreIsRefusedBeforeAnyCall() {
        ConnectViewModel form = form(recording(), null);
        form.tlsProperty().set(true);
        form.truststoreProperty().set(dir.resolve("absent.p12").toString());
        form.connect();
        assertEquals("No truststore file at " + dir.resolve("absent.p12") + ".", form.messageProperty().get());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aTlsRuntimeReachedOverPlainSocketsSaysSo() {
        ConnectViewModel form = form(settings -> {
            // what the JDK's RMI client throws when a TLS listener drops its plain JRMP hello
            throw ConnectFailures.describe(new java.io.IOException("Failed to retrieve RMIServer stub",
                    new ConnectIOException("non-JRMP server at remote endpoint")), settings);
        }, null);
        form.portProperty().set("9391");
        form.connect();
        assertEquals("The runtime at 127.0.0.1:9391 did not answer over plain sockets: its connector probably uses "
                + "TLS; tick TLS and choose its truststore", form.messageProperty().get());
        assertFalse(form.busyProperty().get());
        ConnectionSettings tls = new ConnectionSettings("h", 1, "u", new char[0], true, "", new char[0]);
        assertEquals("The runtime at h:1 does not speak TLS: untick TLS to connect over plain sockets",
                ConnectFailures.describe(new java.io.IOException(new javax.net.ssl.SSLException(
                        "Unsupported or unrecognized SSL message")), tls).getMessage());
        assertEquals("The runtime at h:1 speaks TLS but its certificate is not in the truststore (choose the "
                + "truststore that holds it)", ConnectFailures.describe(new java.io.IOException(
                        new SSLHandshakeException("PKIX path building failed")), tls).getMessage());
        assertEquals("Cannot reach a Strata runtime at h:1 (is it running, and is this its JMX port?)",
                ConnectFailures.describe(new java.io.IOException(new java.net.ConnectException("refused")), tls)
                        .getMessage());
    }

    @Test
    void profilesKeepTheTlsChoiceAndTheTruststorePasswordOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("profiles.json");
        ConnectViewModel form = form(recording(), file);
        form.hostProperty().set("db1");
        form.tlsProperty().set(true);
        form.truststoreProperty().set("/etc/strata/trust.p12");
        form.truststorePasswordProperty().set("store-pw");
        form.saveProfile();
        String json = Files.readString(file);
        assertFalse(json.contains("store-pw"), json);
        assertFalse(json.contains("\"pw\""), json);
        Profile saved = new ProfileStore(file).load().get(0);
        assertTrue(saved.tls());
        assertEquals("/etc/strata/trust.p12", saved.truststore());
        assertNull(saved.truststorePassword());
        form.saveTruststorePasswordProperty().set(true);
        form.saveProfile();
        assertEquals("store-pw", new ProfileStore(file).load().get(0).truststorePassword(), "saved when asked");
        assertFalse(Files.readString(file).contains("\"pw\""), "never the JMX password");
        ConnectViewModel again = form(recording(), file);
        again.choose(again.profiles().get(0));
        assertTrue(again.tlsProperty().get());
        assertEquals("/etc/strata/trust.p12", again.truststoreProperty().get());
        assertEquals("store-pw", again.truststorePasswordProperty().get());
        Files.writeString(file, "[{\"name\":\"old\",\"host\":\"h\",\"port\":9099,\"user\":\"u\"}]");
        Profile old = new ProfileStore(file).load().get(0);
        assertFalse(old.tls(), "a profile saved before TLS reads as plain");
        again.choose(old);
        assertFalse(again.tlsProperty().get());
        assertEquals("", again.truststoreProperty().get());
    }
}
