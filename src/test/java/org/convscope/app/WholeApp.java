package org.convscope.app;

import javafx.stage.Stage;
import org.convscope.app.common.Settings;
import org.convscope.app.shell.ShellViewModel;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window as the app builds it, for the tests that walk every view: on TestFX's stage, within Monocle's screen. */
final class WholeApp {
    private WholeApp() {
    }

    /** {@link App#build} on a 1260×780 window attached to {@code stage} (not shown yet). */
    static App.Parts on(Stage stage, AppContext context, ShellViewModel shell) {
        Settings small = Settings.load(null);
        small.put("window.width", 1260);
        small.put("window.height", 780);
        shell.restore(small);
        App.Parts parts = App.build(context, shell);
        parts.window().attach(stage);
        return parts;
    }

    /** After a test: stops a training run and puts back the global user-agent stylesheet the theme set, for the next tests. */
    static void reset(AppContext context) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            context.shutdown();
            DefaultStylesheet.restoreOnFxThread();
        }).get();
    }
}
