package dev.strata.console.connect;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
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
    }
}
