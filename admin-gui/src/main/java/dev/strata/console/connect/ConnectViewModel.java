package dev.strata.console.connect;

import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.strata.console.client.RuntimeClient;
import dev.strata.console.shell.Background;

/**
 * The login form: where the runtime is and who connects. Checks the input before any call, connects off the UI
 * thread, and says in one line why a connection failed.
 */
public final class ConnectViewModel {

    /** Opens a connection; the real one is {@code JmxRuntimeClient::connect}. */
    public interface Connector {
        RuntimeClient connect(String host, int port, String user, char[] password);
    }

    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("9099");
    private final StringProperty user = new SimpleStringProperty("admin");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Connector connector;
    private final Background background;
    private final Consumer<RuntimeClient> connected;

    public ConnectViewModel(Connector connector, Background background, Consumer<RuntimeClient> connected) {
        this.connector = connector;
        this.background = background;
        this.connected = connected;
    }

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
            message.set("Enter the runtime's address.");
            return;
        }
        if (portNumber < 1 || portNumber > 65535) {
            message.set("The port is a number from 1 to 65535.");
            return;
        }
        if (userText.isEmpty() || password.get() == null || password.get().isEmpty()) {
            message.set("Enter a user name and its password (printed by the runtime at its first start).");
            return;
        }
        busy.set(true);
        message.set("Connecting to " + hostText + ":" + portNumber + " ...");
        char[] secret = password.get().toCharArray();
        int chosenPort = portNumber;
        background.run(() -> connector.connect(hostText, chosenPort, userText, secret), client -> {
            busy.set(false);
            password.set("");
            message.set("");
            connected.accept(client);
        }, failure -> {
            busy.set(false);
            message.set(failure.getMessage());
        });
    }

    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
