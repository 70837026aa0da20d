package org.convscope.app.maps;

import javafx.animation.AnimationTimer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import org.convscope.app.common.Tips;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.ColorLegend;
import org.convscope.app.common.Deferred;
import org.convscope.app.common.KerasCodeDialog;
import org.convscope.app.common.Shown;
import org.convscope.app.draw.DrawView;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.draw.DrawingPad;

/**
 * "Inside the network": every layer's feature maps for the current input, live while the student draws
 * (on the small pad beside them or in Draw &amp; classify: one drawing) and while the model trains; a map's detail with its kernels; kernel galleries; the model summary.
 * <p>
 * While the view is shown, a change of model or input starts a forward pass on a worker thread at once (while it
 * is not, one pass waits for it to be shown); an {@link AnimationTimer}
 * shows its result at the start of the next frame. A burst of pen events costs at most one pass in flight
 * and one repaint per frame, and the FX thread only maps colours and writes pixels.
 */
public final class MapsView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Inside the network";

    private final DrawViewModel sharedDrawing;
    private MapsViewModel viewModel;
    private OverviewPane overview;
    private SummaryTable summary;
    private ColorLegend legend;
    private ExplanationColumn explanations;

    /** The view with a pad of its own drawing (alone, as in tests). */
    public MapsView() {
        this(null);
    }

    /**
     * @param drawing the drawing the pad edits, shared with Draw &amp; classify so both pads show the same ink and
     *                either one makes the input of both views; null for a drawing of this view's own
     */
    public MapsView(DrawViewModel drawing) {
        this.sharedDrawing = drawing;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node createContent(AppContext context) {
        viewModel = new MapsViewModel(context);
        context.publish(MapsViewModel.class, viewModel);
        MapsViewModel vm = viewModel;
        overview = new OverviewPane(vm);
        MapDetailPane detail = new MapDetailPane(vm);
        KernelGalleryPane gallery = new KernelGalleryPane(vm);
        Button code = new Button("Keras code…");
        code.setId("maps-keras-code");
        Tips.install(code, "This model as Keras code for a notebook");
        code.disableProperty().bind(context.modelProperty().isNull());
        code.setOnAction(e -> KerasCodeDialog.show(code.getScene().getWindow(), context.modelProperty().get()));
        summary = new SummaryTable(vm, code);
        // the map detail and the kernel galleries join the scene graph when first opened, not with the view
        Deferred detailPage = new Deferred(detail);
        Deferred galleryPage = new Deferred(gallery);
        StackPane pages = new StackPane(overview, detailPage, galleryPage);
        pages.getStyleClass().add("pages");
        vm.pageProperty().addListener((obs, old, p) -> showPage(p, overview, detailPage, galleryPage));
        showPage(vm.pageProperty().get(), overview, detailPage, galleryPage);

        Label title = new Label(TITLE);
        title.getStyleClass().add("view-title");
        ToggleGroup group = new ToggleGroup();
        HBox switcher = new HBox();
        switcher.getStyleClass().add("segmented");
        for (Normalisation n : Normalisation.values()) {
            ToggleButton b = new ToggleButton(n.label);
            b.setId(n == Normalisation.PER_MAP ? "per-map" : "per-layer");
            b.setToggleGroup(group);
            b.setUserData(n);
            b.setSelected(vm.normalisationProperty().get() == n);
            switcher.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) old.setSelected(true); // one of the two is always on
            else vm.normalisationProperty().set((Normalisation) t.getUserData());
        });
        legend = new ColorLegend();
        legend.setId("legend");
        legend.colorMapProperty().bind(vm.legendColorMapProperty());
        legend.titleProperty().bind(vm.legendTitleProperty());
        vm.legendRangeProperty().addListener((obs, old, r) -> showRange(r));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label scaleLabel = new Label("Colours:");
        ToggleButton showPad = new ToggleButton("Pad");
        showPad.setId("show-pad");
        showPad.setSelected(true);
        Tips.install(showPad, "A drawing pad beside the maps: draw and watch them change");
        ToggleButton showWhy = new ToggleButton("Why?");
        showWhy.setId("show-explanations");
        Tips.install(showWhy, "A column of saliency and Grad-CAM over the input: which pixels made the network answer");
        showWhy.selectedProperty().bindBidirectional(vm.explanationsShownProperty());
        ToggleButton showSummary = new ToggleButton("Summary");
        showSummary.setId("show-summary");
        showSummary.setSelected(true);
        HBox toolbar = new HBox(title, spacer, legend, scaleLabel, switcher, showPad, showWhy, showSummary);
        toolbar.getStyleClass().add("maps-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.getStyleClass().add("input-message");
        message.textProperty().bind(vm.inputMessageProperty());
        message.visibleProperty().bind(vm.inputMessageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label status = new Label();
        status.setId("hover-status");
        status.getStyleClass().add("hover-status");
        status.textProperty().bind(vm.hoverTextProperty());
        status.setMaxWidth(Double.MAX_VALUE);

        summary.visibleProperty().bind(showSummary.selectedProperty());
        summary.managedProperty().bind(summary.visibleProperty());
        explanations = new ExplanationColumn(vm);
        Deferred explanationsPlace = new Deferred(explanations, vm.explanationsShownProperty()); // off at first
        explanationsPlace.managedProperty().bind(explanationsPlace.visibleProperty());
        HBox.setHgrow(pages, Priority.ALWAYS);
        HBox centre = new HBox(pages, explanationsPlace);
        centre.getStyleClass().add("maps-centre");
        VBox.setVgrow(centre, Priority.ALWAYS);
        BorderPane root = new BorderPane(new VBox(message, centre, status, summary));
        root.setTop(toolbar);
        BooleanBinding shown = Shown.of(root);
        Node pad = padPanel(sharedDrawing != null ? sharedDrawing : new DrawViewModel(context), shown);
        pad.visibleProperty().bind(showPad.selectedProperty());
        pad.managedProperty().bind(pad.visibleProperty());
        root.setLeft(pad);
        root.getStyleClass().add("maps-view");
        root.getStylesheets().add(MapsView.class.getResource("Maps.css").toExternalForm());

        AnimationTimer frame = new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                vm.publishPending();
            }
        };
        vm.resultPendingProperty().addListener((obs, was, pending) -> {
            if (pending) frame.start();
        });
        vm.shownProperty().bind(shown);
        vm.followInBackground();
        return root;
    }

    /** The small pad: the drawing's own pad widget, its undo and clear, over the drawing every pad shares. */
    private static Node padPanel(DrawViewModel drawing, ObservableBooleanValue viewShown) {
        DrawingPad pad = DrawingPad.live(drawing, false, viewShown);
        pad.setId("maps-pad");
        DrawView.describe(pad, drawing);
        Label hint = new Label("Draw here and watch the maps follow the pen.");
        hint.setWrapText(true);
        hint.getStyleClass().add("maps-pad-hint");
        Button undo = new Button("Undo");
        undo.setId("maps-pad-undo");
        undo.disableProperty().bind(drawing.canUndoProperty().not());
        undo.setOnAction(e -> drawing.undo());
        Button clear = new Button("Clear");
        clear.setId("maps-pad-clear");
        clear.setOnAction(e -> drawing.clear());
        HBox buttons = new HBox(8, undo, clear);
        VBox panel = new VBox(hint, pad, buttons);
        panel.getStyleClass().add("maps-pad");
        panel.getStylesheets().add(DrawView.class.getResource("Draw.css").toExternalForm()); // the pad's look, as in Draw
        return panel;
    }

    private void showRange(ValueRange r) {
        if (r == null) legend.setRange(0, 0);
        else legend.setRange(r.lo(), r.hi());
    }

    private static void showPage(MapsViewModel.Page page, Node overview, Node detail, Node gallery) {
        overview.setVisible(page instanceof MapsViewModel.Overview);
        detail.setVisible(page instanceof MapsViewModel.MapDetail);
        gallery.setVisible(page instanceof MapsViewModel.KernelGallery);
    }

    /** The view-model behind the last {@link #createContent} (for tests and the benchmark). */
    MapsViewModel viewModel() {
        return viewModel;
    }

    OverviewPane overview() {
        return overview;
    }

    SummaryTable summary() {
        return summary;
    }

    ExplanationColumn explanations() {
        return explanations;
    }

    ColorLegend legend() {
        return legend;
    }
}
