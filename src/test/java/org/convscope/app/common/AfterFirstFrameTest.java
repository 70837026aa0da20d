package org.convscope.app.common;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Work given before the node is drawn waits for its first frame in a showing window, in order; work given after runs at once. */
@ExtendWith(ApplicationExtension.class)
class AfterFirstFrameTest {
    private StackPane host;

    @Start
    void start(Stage stage) {
        host = new StackPane();
        stage.setScene(org.convscope.app.Themed.scene(host, 300, 200));
        stage.show();
    }

    @Test
    void holdsWorkUntilTheNodeHasBeenDrawnOnce(FxRobot robot) throws Exception {
        List<String> ran = new ArrayList<>();
        Label node = new Label("view");
        AfterFirstFrame executor = WaitForAsyncUtils.asyncFx(() -> new AfterFirstFrame(Runnable::run, node)).get();
        robot.interact(() -> {
            executor.execute(() -> ran.add("load"));
            executor.execute(() -> ran.add("second"));
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // pulses go by: the node is in no scene yet
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> List.copyOf(ran)).get());
        robot.interact(() -> host.getChildren().add(node));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> ran.size() == 2).get());
        assertEquals(List.of("load", "second"), WaitForAsyncUtils.asyncFx(() -> List.copyOf(ran)).get());
        robot.interact(() -> executor.execute(() -> ran.add("later")));
        assertEquals(List.of("load", "second", "later"), WaitForAsyncUtils.asyncFx(() -> List.copyOf(ran)).get());
    }

    @Test
    void waitsForTheNodesWindowToShow(FxRobot robot) throws Exception {
        List<String> ran = new ArrayList<>();
        Stage hidden = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            s.setScene(org.convscope.app.Themed.scene(new StackPane(), 200, 100));
            return s;
        }).get();
        Label node = new Label("gallery");
        robot.interact(() -> ((StackPane) hidden.getScene().getRoot()).getChildren().add(node));
        AfterFirstFrame executor = WaitForAsyncUtils.asyncFx(() -> new AfterFirstFrame(Runnable::run, node)).get();
        robot.interact(() -> executor.execute(() -> ran.add("fill")));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // pulses go by: the node is in a scene, not yet on screen
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> List.copyOf(ran)).get());
        robot.interact(hidden::show);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> ran.size() == 1).get());
        robot.interact(hidden::close);
    }
}
