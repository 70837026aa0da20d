package org.convscope.app.common;

import javafx.collections.FXCollections;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The light menu against JavaFX's own ComboBox, side by side in the app's theme. */
@ExtendWith(ApplicationExtension.class)
class LightComboBoxTest {
    private static final List<List<String>> ITEM_SETS = List.of(
            List.of("valid", "same"),
            List.of("relu", "sigmoid", "tanh", "softmax", "linear"),
            List.of("the model in use", "seed-001", "LeNet-5"),
            List.of("constant", "step:2:0.5", "exponential:0.8", "cosine", "plateau:2:0.5"),
            List.of("0.1", "0.01", "0.001", "0.0001"));
    private final List<ComboBox<String>> stock = new java.util.ArrayList<>();
    private final List<LightComboBox<String>> light = new java.util.ArrayList<>();
    private LightComboBox<String> menu;

    @Start
    void start(Stage stage) {
        VBox rows = new VBox(6);
        for (boolean editable : new boolean[] {false, true}) {
            for (List<String> items : ITEM_SETS) {
                ComboBox<String> a = new ComboBox<>(FXCollections.observableArrayList(items));
                LightComboBox<String> b = new LightComboBox<>(FXCollections.observableArrayList(items));
                for (ComboBox<String> c : List.of(a, b)) {
                    c.setEditable(editable);
                    c.setValue(items.get(0));
                }
                stock.add(a);
                light.add(b);
                rows.getChildren().add(new HBox(6, a, b));
            }
        }
        menu = new LightComboBox<>(FXCollections.observableArrayList("adam", "sgd", "rmsprop"));
        menu.setId("menu");
        menu.setValue("adam");
        menu.setAccessibleText("Optimizer");
        rows.getChildren().add(0, menu);
        stage.setScene(org.convscope.app.Themed.scene(rows, 1000, 760));
        stage.show();
    }

    private static boolean holdsList(Node n) {
        if (n instanceof ListView) return true;
        if (n instanceof Parent p) for (Node k : p.getChildrenUnmodifiable()) if (holdsList(k)) return true;
        return false;
    }

    @Test
    void isAsWideAndAsTallAsJavaFXsComboBoxEditableOrNot() {
        for (int i = 0; i < stock.size(); i++) {
            ComboBox<String> a = stock.get(i);
            LightComboBox<String> b = light.get(i);
            String what = (a.isEditable() ? "editable " : "") + a.getItems();
            assertEquals(a.prefWidth(-1), b.prefWidth(-1), 0.5, what);
            assertEquals(a.getWidth(), b.getWidth(), 0.5, what);
            assertEquals(a.getHeight(), b.getHeight(), 0.5, what);
        }
    }

    @Test
    void isAsWideAsJavaFXsAfterItsFirstLayoutPass(FxRobot robot) {
        robot.interact(() -> {
            VBox root = (VBox) menu.getScene().getRoot();
            for (List<String> items : ITEM_SETS) {
                ComboBox<String> a = new ComboBox<>(FXCollections.observableArrayList(items));
                LightComboBox<String> b = new LightComboBox<>(FXCollections.observableArrayList(items));
                a.setValue(items.get(1));
                b.setValue(items.get(1));
                HBox row = new HBox(6, a, b);
                root.getChildren().add(row);
                root.applyCss();
                root.layout(); // one pass, as a view's first opening has
                assertEquals(a.getWidth(), b.getWidth(), 0.5, items.toString());
                root.getChildren().remove(row);
            }
        });
    }

    @Test
    void keepsItsPopupListOutOfTheSceneUntilFirstOpened(FxRobot robot) {
        for (LightComboBox<String> b : light) assertFalse(holdsList(b), "no list before opening: " + b.getItems());
        assertTrue(stock.stream().allMatch(LightComboBoxTest::holdsList), "JavaFX's own keeps it among its children");
        robot.clickOn("#menu");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(menu.isShowing());
        assertTrue(robot.lookup(".combo-box-popup .list-cell").tryQuery().isPresent(), "the popup shows its list");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(menu.isShowing());
        assertEquals("sgd", menu.getValue());
        robot.clickOn("#menu");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("rmsprop");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("rmsprop", menu.getValue());
        assertFalse(menu.isShowing());
    }

    @Test
    void keepsWhatIsTypedIntoAnEditableOneThroughLayoutPasses(FxRobot robot) {
        LightComboBox<String> editable = light.get(ITEM_SETS.size() + 3); // the schedules, editable
        robot.clickOn(editable.getEditor());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("step:1:0.5");
        robot.interact(() -> {
            editable.requestLayout();
            editable.getScene().getRoot().layout();
        });
        assertEquals("step:1:0.5", editable.getEditor().getText());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("step:1:0.5", editable.getValue());
    }

    @Test
    void choosesWithTheKeyboardWhileClosedAndIsAComboBoxToScreenReaders(FxRobot robot) {
        robot.interact(menu::requestFocus);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("sgd", menu.getValue());
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("adam", menu.getValue());
        assertEquals(AccessibleRole.COMBO_BOX, menu.getAccessibleRole());
        assertEquals("Optimizer", menu.queryAccessibleAttribute(AccessibleAttribute.TEXT));
        assertEquals("ComboBox", menu.getTypeSelector());
        assertFalse(menu.isShowing());
        assertFalse(holdsList(menu));
    }
}
