package org.convscope.app;

import javafx.application.Application;
import org.convscope.cli.Cli;
import org.convscope.data.Pretrained;

/**
 * The jar's entry point. With no arguments it opens the app; with arguments it runs a command
 * line command. Not an {@code Application} itself, so a plain classpath jar can start JavaFX.
 */
public final class Launcher {
    /** When main() began (System.nanoTime), for the start-up time the app reports; 0 if started otherwise. */
    static volatile long mainStarted;

    private Launcher() {
    }

    public static void main(String[] args) {
        mainStarted = System.nanoTime();
        if (args.length == 0) {
            Pretrained.preload(App.FIRST_MODEL.name); // read while JavaFX starts and the window is built
            Application.launch(App.class, args);
        }
        else Cli.main(args);
    }
}
