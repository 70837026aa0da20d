package org.convscope.app.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tooltips made on the first hover: none before, the same text shown after the delay, the text as accessible help. */
@ExtendWith(ApplicationExtension.class)
class TipsTest {
    private final StringProperty reason = new SimpleStringProperty("Do the task first");
    private Button button;
    private Label label;
    private StackPane pane;

    @Start
    void start(Stage stage) {
        Theme.useBase(false);
        button = new Button("Clear");
        Tips.install(button, "Clear the pad (Esc)");
        label = new Label("Next");
        Tips.install(label, "Next step (PageDown)");
        label.accessibleHelpProperty().bind(reason); // its own help, as the lesson's Next button has
        pane = new StackPane(new Label("frozen"));
        pane.setPrefSize(120, 60);
        Tips.install(pane, "conv2d is frozen");
        HBox root = new HBox(40, button, label, pane);
        root.setStyle("-fx-padding: 40");
        stage.setScene(new Scene(root, 600, 200));
        stage.show();
    }

    @Test
    void aControlGetsItsTooltipOnTheFirstHoverAndShowsItAfterTheDelay(FxRobot robot) {
        assertNull(button.getTooltip(), "no tooltip before the pointer comes");
        assertEquals("Clear the pad (Esc)", Tips.text(button));
        robot.moveTo(button);
        Tooltip tip = button.getTooltip();
        assertNotNull(tip, "made when the pointer entered");
        assertEquals("Clear the pad (Esc)", tip.getText());
        assertEquals(tip, showingTooltip(), "shown after the delay, as a tooltip made up front");
    }

    @Test
    void aPlainNodesTooltipShowsOnHover(FxRobot robot) {
        assertTrue(find().isEmpty(), "no tooltip shown before the pointer comes");
        robot.moveTo(pane);
        assertEquals("conv2d is frozen", showingTooltip().getText());
    }

    @Test
    void theTextIsTheAccessibleHelpAsJavaFxReportsATooltip() {
        Label eager = new Label("x");
        eager.setTooltip(new Tooltip("Clear the pad (Esc)"));
        assertEquals(eager.queryAccessibleAttribute(AccessibleAttribute.HELP),
                button.queryAccessibleAttribute(AccessibleAttribute.HELP), "a control reports the text before it is hovered");
        assertEquals("conv2d is frozen", pane.queryAccessibleAttribute(AccessibleAttribute.HELP));
    }

    @Test
    void aNodesOwnAccessibleHelpStaysAndTheTooltipKeepsItsText(FxRobot robot) {
        assertEquals("Next step (PageDown)", Tips.text(label));
        robot.moveTo(label);
        assertEquals("Next step (PageDown)", label.getTooltip().getText());
        robot.interact(() -> reason.set("Go to the next step"));
        assertEquals("Go to the next step", label.queryAccessibleAttribute(AccessibleAttribute.HELP));
        assertEquals("Next step (PageDown)", label.getTooltip().getText());
    }

    @Test
    void installingAgainChangesTheTextOfTheTooltipMadeAlready(FxRobot robot) {
        robot.moveTo(button);
        Tooltip tip = button.getTooltip();
        robot.interact(() -> Tips.install(button, "Clear (Esc)"));
        assertEquals(tip, button.getTooltip(), "one tooltip, not a second");
        assertEquals("Clear (Esc)", tip.getText());
        assertEquals("Clear (Esc)", Tips.text(button));
        assertEquals("Clear (Esc)", button.getAccessibleHelp(), "the help follows the tip");
    }

    @Test
    void aNodeWithoutATipHasNoText() {
        assertNull(Tips.text(new Label("plain")));
        Node helped = new Label("pad");
        helped.setAccessibleHelp("Arrow keys move the pen");
        assertNull(Tips.text(helped), "accessible help alone is not a tooltip");
    }

    /** The tooltip on screen, once JavaFX has shown it (its show delay is 1 s). */
    private static Tooltip showingTooltip() {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> find().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no tooltip shown within 5 s", e);
        }
        return find().orElseThrow();
    }

    private static Optional<Tooltip> find() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof Tooltip && w.isShowing()).map(w -> (Tooltip) w).findFirst()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
