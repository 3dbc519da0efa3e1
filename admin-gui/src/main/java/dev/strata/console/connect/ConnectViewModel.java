package dev.strata.console.connect;

import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.strata.console.client.ConnectionSettings;
import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;
import dev.strata.console.shell.Messages;

/**
 * The login form: where the runtime is and who connects. Checks the input before any call, connects off the UI
 * thread, and says in one line why a connection failed.
 */
public final class ConnectViewModel {

    /** Opens a connection; the real one is {@code JmxRuntimeClient::connect}. */
    public interface Connector {
        RuntimeClient connect(ConnectionSettings settings);
    }

    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("9099");
    private final StringProperty user = new SimpleStringProperty("admin");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty tls = new SimpleBooleanProperty();
    private final StringProperty truststore = new SimpleStringProperty("");
    private final StringProperty truststorePassword = new SimpleStringProperty("");
    private final BooleanProperty saveTruststorePassword = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Connector connector;
    private final Background background;
    private final Consumer<RuntimeClient> connected;

    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ProfileStore profileStore;

    public ConnectViewModel(Connector connector, Background background, Consumer<RuntimeClient> connected) {
        this(connector, background, connected, null);
    }

    /** @param profileStore where saved connections are kept; {@code null} for none */
    public ConnectViewModel(Connector connector, Background background, Consumer<RuntimeClient> connected,
            ProfileStore profileStore) {
        this.connector = connector;
        this.background = background;
        this.connected = connected;
        this.profileStore = profileStore;
        if (profileStore != null) {
            background.run(profileStore::load, profiles::setAll, f -> message.set(f.getMessage()));
        }
    }

    /** Fills the form from a saved connection (the password stays to be typed). */
    public void choose(Profile profile) {
        if (profile != null) {
            host.set(profile.host());
            port.set(Integer.toString(profile.port()));
            user.set(profile.user());
            tls.set(profile.tls());
            truststore.set(profile.truststore() == null ? "" : profile.truststore());
            truststorePassword.set(profile.truststorePassword() == null ? "" : profile.truststorePassword());
            saveTruststorePassword.set(profile.truststorePassword() != null);
        }
    }

    /**
     * Saves address, port, user and the TLS choice under {@code user@host:port}; never the password, the
     * truststore's password only when "save it" is ticked.
     */
    public void saveProfile() {
        if (profileStore == null) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(port.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            message.set(Messages.get("connect.badPort"));
            return;
        }
        boolean withTls = tls.get();
        Profile profile = new Profile(user.get().trim() + "@" + host.get().trim() + ":" + number, host.get().trim(),
                number, user.get().trim(), withTls, withTls ? text(truststore) : null,
                withTls && saveTruststorePassword.get() ? text(truststorePassword) : null);
        background.run(() -> profileStore.save(profile), saved -> {
            profiles.setAll(saved);
            message.set(Messages.get("connect.saved", profile.name()));
        }, f -> message.set(f.getMessage()));
    }

    public ObservableList<Profile> profiles() { return profiles; }

    public void connect() {
        String hostText = host.get() == null ? "" : host.get().trim();
        String userText = user.get() == null ? "" : user.get().trim();
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            portNumber = -1;
        }
        if (hostText.isEmpty()) {
            message.set(Messages.get("connect.noHost"));
            return;
        }
        if (portNumber < 1 || portNumber > 65535) {
            message.set(Messages.get("connect.badPort"));
            return;
        }
        if (userText.isEmpty() || password.get() == null || password.get().isEmpty()) {
            message.set(Messages.get("connect.noCredentials"));
            return;
        }
        if (tls.get() && !text(truststore).isEmpty() && !java.nio.file.Files.isRegularFile(
                java.nio.file.Path.of(text(truststore)))) {
            message.set(Messages.get("connect.noTruststore", text(truststore)));
            return;
        }
        busy.set(true);
        message.set(Messages.get(tls.get() ? "connect.connectingTls" : "connect.connecting", hostText, portNumber));
        ConnectionSettings settings = new ConnectionSettings(hostText, portNumber, userText,
                password.get().toCharArray(), tls.get(), tls.get() ? text(truststore) : "",
                tls.get() ? text(truststorePassword).toCharArray() : new char[0]);
        background.run(() -> connector.connect(settings), client -> {
            busy.set(false);
            password.set("");
            message.set("");
            connected.accept(client);
        }, failure -> {
            busy.set(false);
            message.set(failure.getMessage());
        });
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get().trim();
    }

    public StringProperty hostProperty() { return host; }
    public BooleanProperty tlsProperty() { return tls; }
    public StringProperty truststoreProperty() { return truststore; }
    public StringProperty truststorePasswordProperty() { return truststorePassword; }
    public BooleanProperty saveTruststorePasswordProperty() { return saveTruststorePassword; }
    public StringProperty portProperty() { return port; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
