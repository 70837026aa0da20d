package org.convscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The ConvScope window. */
public final class App extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("ConvScope");
        stage.setScene(new Scene(new StackPane(new Label("ConvScope")), 1200, 800));
        stage.show();
    }
}
