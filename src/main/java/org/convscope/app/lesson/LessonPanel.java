package org.convscope.app.lesson;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.convscope.app.common.Tips;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.lesson.LessonStep;
import org.convscope.app.common.Icon;

/**
 * The lesson beside the views: the step's title and text, its "try it yourself" task, Back and Next,
 * and the list of steps. PageDown/PageUp (what presentation clickers send) and →/← move between steps
 * while the panel has the focus; the shell forwards PageDown/PageUp from anywhere while a lesson is on.
 */
public final class LessonPanel extends VBox {
    private final LessonViewModel vm;
    private final Button next = new Button("Next", Icon.CHEVRON_RIGHT.node());
    private final ListView<LessonStep> steps = new ListView<>();

    public LessonPanel(LessonViewModel vm) {
        this.vm = vm;
        setId("lesson-panel");
        getStyleClass().add("lesson-panel");
        getStylesheets().add(LessonPanel.class.getResource("Lesson.css").toExternalForm());
        setAccessibleRole(AccessibleRole.NODE);
        setAccessibleText("Lesson panel");

        Label lessonTitle = new Label();
        lessonTitle.getStyleClass().add("lesson-title");
        lessonTitle.setWrapText(true);
        lessonTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.lessonProperty().get() == null ? ""
                : vm.lessonProperty().get().title(), vm.lessonProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(null, Icon.CLOSE.node());
        close.setId("lesson-close");
        close.getStyleClass().addAll("flat", "button-icon");
        Tips.install(close, "End the lesson: the views stay as they are (F2 only hides the panel)");
        close.setAccessibleText("End the lesson");
        close.setOnAction(e -> vm.end());
        HBox header = new HBox(6, lessonTitle, spacer, close);
        header.setAlignment(Pos.TOP_LEFT);

        Label position = new Label();
        position.setId("lesson-position");
        position.getStyleClass().add("lesson-position");
        position.textProperty().bind(vm.positionProperty());
        Label stepTitle = new Label();
        stepTitle.setId("lesson-step-title");
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        stepTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.stepProperty().get() == null ? ""
                : vm.stepProperty().get().title(), vm.stepProperty()));
        Label text = new Label();
        text.setId("lesson-text");
        text.getStyleClass().add("lesson-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> vm.stepProperty().get() == null ? ""
                : vm.stepProperty().get().text(), vm.stepProperty()));

        Label task = new Label();
        task.setId("lesson-task");
        task.getStyleClass().add("lesson-task");
        task.setWrapText(true);
        task.setMinHeight(Region.USE_PREF_SIZE);
        // the state is in words and an icon, not in colour alone
        task.textProperty().bind(Bindings.createStringBinding(() -> {
            LessonStep s = vm.stepProperty().get();
            if (s == null || s.tryIt() == null) return "";
            return (vm.taskDoneProperty().get() ? "Done: " : "Try it yourself: ") + s.tryIt().task();
        }, vm.stepProperty(), vm.taskDoneProperty()));
        task.graphicProperty().bind(Bindings.createObjectBinding(() -> (vm.taskDoneProperty().get()
                ? Icon.CHECK_CIRCLE_OUTLINE : Icon.HAND_POINTING_RIGHT).node(), vm.taskDoneProperty()));
        task.visibleProperty().bind(task.textProperty().isNotEmpty());
        task.managedProperty().bind(task.visibleProperty());
        vm.taskDoneProperty().addListener((o, was, done) -> task.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("done"), done));

        Label mismatch = new Label();
        mismatch.setId("lesson-mismatch");
        mismatch.getStyleClass().add("lesson-mismatch");
        mismatch.setWrapText(true);
        mismatch.setMinHeight(Region.USE_PREF_SIZE);
        mismatch.textProperty().bind(vm.mismatchProperty());
        mismatch.visibleProperty().bind(vm.mismatchProperty().isNotEmpty());
        mismatch.managedProperty().bind(mismatch.visibleProperty());

        Button back = new Button("Back", Icon.CHEVRON_LEFT.node());
        back.setId("lesson-back");
        Tips.install(back, "Previous step (PageUp, ←)");
        back.disableProperty().bind(vm.canBackProperty().not());
        back.setOnAction(e -> vm.back());
        next.setId("lesson-next");
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        next.getStyleClass().add("accent");
        Tips.install(next, "Next step (PageDown, →)");
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.next());
        // the reason Next is off is said where a screen reader looks for it
        next.accessibleHelpProperty().bind(Bindings.createStringBinding(() -> vm.canNextProperty().get() ? "Go to the next step"
                : vm.taskDoneProperty().get() ? "This is the last step" : "Do the task first", vm.canNextProperty(), vm.taskDoneProperty()));
        Region navSpacer = new Region();
        HBox.setHgrow(navSpacer, Priority.ALWAYS);
        HBox nav = new HBox(8, back, navSpacer, next);
        nav.setAlignment(Pos.CENTER_LEFT);

        steps.setId("lesson-steps");
        steps.setAccessibleText("Steps of the lesson");
        steps.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LessonStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (getIndex() + 1) + ". " + s.title());
            }
        });
        vm.lessonProperty().addListener((o, a, l) -> {
            steps.getItems().setAll(l == null ? java.util.List.of() : l.steps());
            // a lesson started at the step index the last one was on sends no change of the index
            if (l != null && vm.stepIndexProperty().get() >= 0) steps.getSelectionModel().select(vm.stepIndexProperty().get());
        });
        vm.stepIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && steps.getSelectionModel().getSelectedIndex() != i.intValue()) {
                steps.getSelectionModel().select(i.intValue());
                steps.scrollTo(i.intValue());
            }
        });
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && i.intValue() != vm.stepIndexProperty().get()) vm.goTo(i.intValue());
        });
        VBox.setVgrow(steps, Priority.ALWAYS);
        Label stepsCaption = new Label("Steps");
        stepsCaption.getStyleClass().add("lesson-steps-caption");
        stepsCaption.setLabelFor(steps);

        getChildren().addAll(header, position, stepTitle, text, task, mismatch, nav, stepsCaption, steps);
        addEventFilter(KeyEvent.KEY_PRESSED, this::moveByKey);
    }

    /** →, ← and the clicker's PageDown, PageUp; the step list keeps ↑ and ↓ for itself. */
    private void moveByKey(KeyEvent e) {
        if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.PAGE_DOWN) {
            vm.next();
            e.consume();
        } else if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.PAGE_UP) {
            vm.back();
            e.consume();
        }
    }

    /** Puts the keyboard focus on Next (or the step list when Next is off), so the keys above work at once. */
    public void focusNext() {
        if (next.isDisabled()) steps.requestFocus();
        else next.requestFocus();
    }
}
