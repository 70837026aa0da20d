package org.convscope.app.maps;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.engine.Summary;

import java.util.function.Function;

/**
 * Keras' {@code model.summary()} as a table: Layer (type), Output Shape, Param # and how the count is
 * made. Row i is layer i, i.e. overview column i + 1; selecting either selects the other.
 */
final class SummaryTable extends HBox {
    private final TableView<Summary.Row> table = new TableView<>();
    private final Label totals = new Label();
    private boolean syncing;

    /** {@code command} sits under the totals (the view's "Keras code…"). */
    SummaryTable(MapsViewModel vm, Node command) {
        getStyleClass().add("summary-pane");
        Label heading = new Label("Model summary");
        heading.getStyleClass().add("summary-heading");
        table.setId("summary-table");
        table.setAccessibleText("Model summary: layers, output shapes and parameters");
        table.getStyleClass().add("dense"); // AtlantaFX's compact rows: the whole model fits
        // a frozen layer says so in its row, as Keras' summary(show_trainable=True) does
        table.getColumns().add(column("Layer (type)", r -> r.layerLabel() + (r.trainable() ? "" : "  ❄ frozen"), 260));
        table.getColumns().add(column("Output Shape", r -> r.outputShape().toKeras(), 200));
        table.getColumns().add(column("Param #", r -> String.format("%,d", r.params()), 110));
        table.getColumns().add(column("Formula", Summary.Row::formula, 300));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        HBox.setHgrow(table, Priority.ALWAYS);
        totals.getStyleClass().add("summary-totals");
        totals.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(table, new VBox(8, heading, totals, command));

        vm.summaryProperty().addListener((obs, old, s) -> show(s, vm.selectedColumnProperty().get()));
        table.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
            if (!syncing && i.intValue() >= 0) vm.select(i.intValue() + 1, 0);
        });
        vm.selectedColumnProperty().addListener((obs, old, c) -> select(c.intValue()));
    }

    private static TableColumn<Summary.Row, String> column(String title, Function<Summary.Row, String> value, double width) {
        TableColumn<Summary.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void show(Summary s, int selectedColumn) {
        syncing = true;
        if (s == null) {
            table.getItems().clear();
            totals.setText("");
        } else if (!table.getItems().equals(s.rows())) {
            table.setItems(FXCollections.observableArrayList(s.rows()));
            totals.setText(String.format("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d",
                    s.totalParams(), s.trainableParams(), s.nonTrainableParams()));
        }
        syncing = false;
        select(selectedColumn);
    }

    private void select(int column) {
        syncing = true;
        if (column >= 1 && column <= table.getItems().size()) {
            table.getSelectionModel().clearAndSelect(column - 1);
            table.scrollTo(column - 1);
        } else {
            table.getSelectionModel().clearSelection();
        }
        syncing = false;
    }

    TableView<Summary.Row> table() {
        return table;
    }
}
