package org.convscope.app.lesson;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.lesson.Lesson;
import org.convscope.app.common.Icon;

import java.io.File;

/**
 * "Lessons" in the view switcher: the shipped lessons and any opened, each with what it teaches;
 * Start runs one in the {@link LessonPanel}, and a teacher's own file opens from here or from
 * File → Open lesson….
 */
public final class LessonsView implements AppView {
    public static final String TITLE = "Lessons";

    private final LessonViewModel vm;

    public LessonsView(LessonViewModel vm) {
        this.vm = vm;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node createContent(AppContext context) {
        Label heading = new Label(TITLE);
        heading.getStyleClass().add("view-title");
        Label intro = new Label("A lesson walks through the views step by step. Start one, then use Next and Back "
                + "(or PageDown and PageUp, as a presentation clicker sends them); F2 shows or hides the lesson panel.");
        intro.setWrapText(true);

        ListView<Lesson> list = new ListView<>(vm.lessons());
        list.setId("lesson-list");
        list.setAccessibleText("Lessons");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson lesson, boolean empty) {
                super.updateItem(lesson, empty);
                if (empty || lesson == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label title = new Label((getIndex() + 1) + ". " + lesson.title() + " — " + lesson.steps().size() + " steps");
                title.getStyleClass().add("lesson-list-title");
                Label summary = new Label(lesson.summary());
                summary.setWrapText(true);
                summary.getStyleClass().add("lesson-list-summary");
                VBox box = new VBox(2, title, summary);
                box.setPrefWidth(0); // wrap to the list's width
                setText(null);
                setGraphic(box);
                setAccessibleText(lesson.title() + ", " + lesson.steps().size() + " steps. " + lesson.summary());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (l != null) vm.selectedProperty().set(l);
        });
        vm.selectedProperty().addListener((o, a, l) -> list.getSelectionModel().select(l));
        list.getSelectionModel().select(vm.selectedProperty().get());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) startSelected();
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) startSelected();
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button start = new Button("Start lesson", Icon.PLAY.node());
        start.setId("lesson-start");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.selectedProperty().isNull());
        start.setOnAction(e -> startSelected());
        Button open = new Button("Open lesson file…", Icon.FOLDER_OPEN_OUTLINE.node());
        open.setId("lesson-open");
        open.setOnAction(e -> choose(open.getScene().getWindow()));
        Label problem = new Label();
        problem.setId("lesson-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(vm.problemProperty().isNotEmpty());
        Label format = new Label("Write your own: assets/lessons/README.md describes the file format.");
        format.getStyleClass().add("note");

        VBox root = new VBox(10, heading, intro, list, new HBox(10, start, open), problem, format);
        root.setId("lessons-view");
        root.setPadding(new Insets(16));
        root.getStylesheets().add(LessonsView.class.getResource("Lesson.css").toExternalForm());
        return root;
    }

    private void startSelected() {
        if (vm.selectedProperty().get() != null) vm.start(vm.selectedProperty().get());
    }

    /** File → Open lesson…: a teacher's own lesson file. */
    public void choose(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open lesson");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ConvScope lesson", "*.json"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) vm.open(file.toPath());
    }
}
