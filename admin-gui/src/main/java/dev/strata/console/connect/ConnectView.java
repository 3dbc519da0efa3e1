package dev.strata.console.connect;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Binds the login form to its view model; nothing else. */
public final class ConnectView {

    @FXML private TextField host;
    @FXML private TextField port;
    @FXML private TextField user;
    @FXML private PasswordField password;
    @FXML private Button connect;
    @FXML private Label message;
    @FXML private ComboBox<Profile> profiles;
    @FXML private Button save;
    @FXML private CheckBox tls;
    @FXML private TextField truststore;
    @FXML private Button chooseTruststore;
    @FXML private PasswordField truststorePassword;
    @FXML private CheckBox saveTruststorePassword;

    public void bind(ConnectViewModel model) {
        host.textProperty().bindBidirectional(model.hostProperty());
        port.textProperty().bindBidirectional(model.portProperty());
        user.textProperty().bindBidirectional(model.userProperty());
        password.textProperty().bindBidirectional(model.passwordProperty());
        message.textProperty().bind(model.messageProperty());
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(e -> model.connect());
        profiles.setItems(model.profiles());
        profiles.valueProperty().addListener((o, old, profile) -> model.choose(profile));
        save.setOnAction(e -> model.saveProfile());
        tls.selectedProperty().bindBidirectional(model.tlsProperty());
        truststore.textProperty().bindBidirectional(model.truststoreProperty());
        truststorePassword.textProperty().bindBidirectional(model.truststorePasswordProperty());
        saveTruststorePassword.selectedProperty().bindBidirectional(model.saveTruststorePasswordProperty());
        for (javafx.scene.Node field : new javafx.scene.Node[] {truststore, chooseTruststore, truststorePassword,
            saveTruststorePassword}) {
            field.disableProperty().bind(model.tlsProperty().not());
        }
        chooseTruststore.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(tls.getText());
            java.io.File file = chooser.showOpenDialog(truststore.getScene().getWindow());
            if (file != null) {
                model.truststoreProperty().set(file.getAbsolutePath());
            }
        });
    }
}
