package org.convscope.app.lesson;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import org.convscope.app.AppContext;
import org.convscope.app.common.InputChoice;
import org.convscope.app.common.StepperViewModel;
import org.convscope.app.conv.ConvolutionView;
import org.convscope.app.conv.ConvolutionViewModel;
import org.convscope.app.conv.KernelChoice;
import org.convscope.app.draw.DrawView;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.maps.MapsView;
import org.convscope.app.maps.MapsViewModel;
import org.convscope.app.pool.PoolingView;
import org.convscope.app.pool.PoolingViewModel;
import org.convscope.app.train.Architecture;
import org.convscope.app.train.TrainView;
import org.convscope.app.train.TrainViewModel;
import org.convscope.app.transfer.TransferView;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.app.draw.ExplanationViewModel;
import org.convscope.app.draw.SampleGallery;
import org.convscope.app.explain.FoolView;
import org.convscope.app.explain.FoolViewModel;
import org.convscope.trace.explain.ExplanationMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convscope.lesson.Expectation;
import org.convscope.lesson.LessonAction;
import org.convscope.lesson.TryIt;
import org.convscope.trace.Geometry;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.StepTrace;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.GridPicture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Carries out lesson actions on the app: asks the shell for the step's view (which builds it the
 * first time and so publishes its view-model in the {@link AppContext}), then sets that view-model's
 * properties. Also reads back what a view shows, for a step's expectations, and watches for a
 * "try it yourself" task. FX thread only.
 */
public final class LessonRunner {
    private final AppContext context;

    public LessonRunner(AppContext context) {
        this.context = context;
    }

    /** The shell's title of a lesson view. */
    static String title(LessonAction.View view) {
        return switch (view) {
            case DRAW -> DrawView.TITLE;
            case MAPS -> MapsView.TITLE;
            case CONVOLUTION -> ConvolutionView.TITLE;
            case POOLING -> PoolingView.TITLE;
            case TRAIN -> TrainView.TITLE;
            case TRANSFER -> TransferView.TITLE;
            case FOOL -> FoolView.TITLE;
        };
    }

    /** The view input a lesson file names, e.g. {@code photo-patch}. */
    static InputChoice input(String name) {
        return InputChoice.values()[LessonAction.INPUTS.indexOf(name)];
    }

    /**
     * Shows the action's view and sets it up. Returns what could not be done, in words (e.g. a layer
     * the loaded model does not have); empty when everything was set.
     */
    public List<String> apply(LessonAction a) {
        List<String> problems = new ArrayList<>();
        context.requestedViewProperty().set(title(a.view()));
        switch (a.view()) {
            case DRAW -> {
                DrawViewModel draw = required(DrawViewModel.class, a, problems);
                if (draw == null) break;
                usePretrained(draw, a.model());
                if (Boolean.TRUE.equals(a.clear())) draw.clear();
                if (a.sample() != null) {
                    Path file = SampleGallery.FOLDER.resolve(a.sample() + ".png");
                    if (Files.isRegularFile(file)) draw.openImage(file);
                    else problems.add("there is no sample image " + file);
                }
                setUpExplanation(draw.explanation(), a, problems);
            }
            case MAPS -> {
                if (a.model() != null) {
                    DrawViewModel draw = context.viewModel(DrawViewModel.class);
                    if (draw == null) problems.add("the Draw view, which loads the models, is not there");
                    else usePretrained(draw, a.model());
                }
                if (a.preset() != null && !a.preset().equals(context.modelProperty().get() == null ? null
                        : context.modelProperty().get().metadata().get(PRESET_KEY))) {
                    // an untrained, seeded instance: its architecture is the lesson, not its answers
                    Model m = Presets.create(a.preset()).build(1);
                    m.metadata().put(PRESET_KEY, a.preset());
                    context.modelProperty().set(m);
                }
                MapsViewModel maps = required(MapsViewModel.class, a, problems);
                if (maps != null) setUpMaps(maps, a, problems);
                if (maps != null && a.explanations() != null) maps.explanationsShownProperty().set(a.explanations());
            }
            case CONVOLUTION -> {
                ConvolutionViewModel conv = required(ConvolutionViewModel.class, a, problems);
                if (conv != null) setUpConvolution(conv, a, problems);
            }
            case POOLING -> {
                PoolingViewModel pool = required(PoolingViewModel.class, a, problems);
                if (pool == null) break;
                pool.playingProperty().set(false);
                if (a.input() != null) pool.inputChoiceProperty().set(input(a.input()));
                if (a.pooling() != null) pool.kindProperty().set(a.pooling().equals("max") ? PoolTrace.Kind.MAX : PoolTrace.Kind.AVERAGE);
                if (a.poolSize() != null) pool.poolSizeProperty().set(a.poolSize());
                if (a.stride() != null) pool.strideProperty().set(a.stride());
                if (a.padding() != null) pool.samePaddingProperty().set(a.padding().equals("same"));
                place(pool, a, problems);
            }
            case TRAIN -> {
                TrainViewModel train = required(TrainViewModel.class, a, problems);
                if (train == null) break;
                if (a.preset() != null) train.presetProperty().set(a.preset());
                if (a.epochs() != null) train.epochsProperty().set(a.epochs());
                if (a.dropout() != null) train.dropoutProperty().set(a.dropout());
                if (a.batchSize() != null) train.batchSizeProperty().set(a.batchSize());
                if (a.seed() != null) train.seedProperty().set(a.seed());
            }
            case TRANSFER -> { } // the view itself is the step
            case FOOL -> {
                FoolViewModel fool = required(FoolViewModel.class, a, problems);
                if (fool != null && a.epsilon() != null) fool.epsilonProperty().set(a.epsilon());
            }
        }
        return problems;
    }

    /** Which preset a model a lesson made is an instance of, in its metadata (so a step does not make it again). */
    private static final String PRESET_KEY = "lesson_preset";

    /** The "Why?" overlay's method (or off) and the class it explains. */
    private static void setUpExplanation(ExplanationViewModel why, LessonAction a, List<String> problems) {
        if (a.explain() != null) {
            why.enabledProperty().set(!a.explain().equals("off"));
            if (!a.explain().equals("off")) why.methodProperty().set(ExplanationMethod.fromCli(a.explain()));
        }
        if (a.explainClass() != null) {
            if (why.explainedClassProperty().get() < 0) problems.add("there is no answer to explain yet: draw or open a picture first");
            else why.explainClass(a.explainClass());
        }
    }

    private <T> T required(Class<T> type, LessonAction a, List<String> problems) {
        T vm = context.viewModel(type);
        if (vm == null) problems.add("the " + title(a.view()) + " view could not be opened");
        return vm;
    }

    /** Loads a pretrained model unless it is the one in use already (loading is in the background). */
    private static void usePretrained(DrawViewModel draw, String name) {
        if (name == null) return;
        DrawViewModel.Pretrained which = name.equals("mnist") ? DrawViewModel.Pretrained.MNIST : DrawViewModel.Pretrained.FASHION;
        if (draw.pretrainedProperty().get() != which) draw.usePretrained(which);
    }

    private void setUpConvolution(ConvolutionViewModel conv, LessonAction a, List<String> problems) {
        conv.playingProperty().set(false);
        if (a.input() != null) conv.inputChoiceProperty().set(input(a.input()));
        if ("learned".equals(a.kernel())) {
            int layer = a.layer() == null ? 0 : indexOfLabel(conv.convLayers(), a.layer());
            if (layer < 0) problems.add("the model in use has no Conv2D layer called " + a.layer());
            conv.learnedLayerProperty().set(Math.max(0, layer));
            if (a.filter() != null) conv.learnedFilterProperty().set(a.filter());
            conv.kernelChoiceProperty().set(KernelChoice.LEARNED);
        } else if (a.kernel() != null) {
            conv.kernelChoiceProperty().set(new KernelChoice(KernelPreset.parse(a.kernel())));
        }
        if (a.kernelSize() != null) conv.kernelSizeProperty().set(a.kernelSize());
        if (a.stride() != null) conv.strideProperty().set(a.stride());
        if (a.padding() != null) {
            switch (a.padding()) {
                case "valid" -> conv.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.VALID);
                case "same" -> conv.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.SAME);
                default -> {
                    conv.customPaddingProperty().set(Integer.parseInt(a.padding()));
                    conv.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.CUSTOM);
                }
            }
        }
        if (a.dilation() != null) conv.dilationProperty().set(a.dilation());
        place(conv, a, problems);
    }

    /** The index of the menu label {@code name (…)} for the layer called {@code name}, or −1. */
    private static int indexOfLabel(List<String> labels, String name) {
        for (int i = 0; i < labels.size(); i++) if (labels.get(i).startsWith(name + " (")) return i;
        return -1;
    }

    /** The step shown and the input cell marked, once the settings are in. */
    private static void place(StepperViewModel<?> vm, LessonAction a, List<String> problems) {
        StepTrace<?> t = vm.traceProperty().get();
        if (t == null) {
            if (a.step() != null || a.outputCell() != null) problems.add("there is no output to step through: " + vm.problemProperty().get());
            return;
        }
        if (a.step() != null) {
            if (a.step() > t.stepCount()) problems.add("step " + a.step() + " is past the last of " + t.stepCount() + " steps");
            vm.seek(a.step() - 1);
        }
        if (a.outputCell() != null) {
            Geometry g = t.geometry();
            if (a.outputCell().row() >= g.outH() || a.outputCell().col() >= g.outW()) {
                problems.add("the output has no cell (" + a.outputCell().row() + ", " + a.outputCell().col() + "): it is "
                        + g.outH() + "×" + g.outW());
            }
            vm.selectOutputCell(a.outputCell().row(), a.outputCell().col());
        }
        if (a.highlight() != null) vm.hoveredInputProperty().set(new GridPicture.Cell(a.highlight().row(), a.highlight().col()));
    }

    private void setUpMaps(MapsViewModel maps, LessonAction a, List<String> problems) {
        int column = maps.selectedColumnProperty().get();
        if (a.layer() != null) {
            Model m = context.modelProperty().get();
            int index = -1;
            if (m != null) for (int i = 0; i < m.layers().size(); i++) if (m.layers().get(i).name().equals(a.layer())) index = i;
            if (index < 0) {
                // the model may still be loading: its layers are known once it is in use; the column stays
                if (m != null) problems.add("the model in use has no layer called " + a.layer());
            } else {
                column = index + 1;
            }
        }
        int channel = a.filter() != null ? a.filter() : 0;
        maps.select(column, channel);
        if (a.page() == null) return;
        switch (a.page()) {
            case "overview" -> maps.showOverview();
            case "map" -> maps.openDetail(column, channel);
            default -> maps.openGallery(column);
        }
    }

    // ---- reading back ----------------------------------------------------------------------------

    /** What the action's view shows for {@code e} now, in the terms of a lesson file; null when it shows none. */
    public String shown(LessonAction.View view, Expectation e) {
        StepperViewModel<?> stepper = switch (view) {
            case CONVOLUTION -> context.viewModel(ConvolutionViewModel.class);
            case POOLING -> context.viewModel(PoolingViewModel.class);
            default -> null;
        };
        if (stepper != null) return shownByStepper(stepper, e);
        Model model = context.modelProperty().get();
        if (view == LessonAction.View.TRAIN) {
            TrainViewModel train = context.viewModel(TrainViewModel.class);
            if (train == null) return null;
            return switch (e) {
                case MODEL -> train.presetProperty().get();
                case PARAMETERS -> String.valueOf(train.checks().stream().mapToLong(Architecture.Check::params).sum());
                default -> null;
            };
        }
        if (view == LessonAction.View.FOOL) {
            FoolViewModel fool = context.viewModel(FoolViewModel.class);
            var attack = fool == null ? null : fool.attackProperty().get();
            if (e != Expectation.PREDICTION || attack == null) return null;
            return attack.classNames().get(attack.result().classAfter());
        }
        if (view == LessonAction.View.DRAW && (e == Expectation.PREDICTION || e == Expectation.EXPLAINED)) {
            DrawViewModel draw = context.viewModel(DrawViewModel.class);
            var answer = draw == null ? null : draw.resultProperty().get();
            if (answer == null || answer.blank()) return null;
            int k = e == Expectation.PREDICTION ? answer.top() : draw.explanation().explainedClassProperty().get();
            return k < 0 ? null : answer.classNames().get(k);
        }
        if (e == Expectation.CONNECTED_TO) {
            MapsViewModel maps = context.viewModel(MapsViewModel.class);
            if (maps == null) return null;
            int row = maps.selectedColumnProperty().get() - 1;
            var rows = maps.summaryRows();
            return row < 0 || row >= rows.size() ? null : String.join(", ", rows.get(row).connectedTo());
        }
        if (model == null) return null;
        return switch (e) {
            case MODEL -> model.name();
            case PARAMETERS -> String.valueOf(model.summary().totalParams());
            default -> null;
        };
    }

    private static String shownByStepper(StepperViewModel<?> vm, Expectation e) {
        StepTrace<?> t = vm.traceProperty().get();
        Frame f = vm.frameProperty().get();
        if (t == null || f == null) return null;
        Geometry g = t.geometry();
        return switch (e) {
            case OUTPUT -> g.outH() + "×" + g.outW();
            case PADDED_INPUT -> (g.inH() + g.padTop() + g.padBottom()) + "×" + (g.inW() + g.padLeft() + g.padRight());
            case STEPS -> String.valueOf(t.stepCount());
            case EQUATION -> String.join(" ", f.equation());
            case FORMULA -> String.join(" ", f.formulas());
            default -> null;
        };
    }

    /**
     * Calls {@code changed} whenever what {@link #shown} reads may have changed in the background (a model or sample
     * loaded, an answer or an attack computed), so a step's expectations are checked again once the view caught up.
     * Returns what stops the listening.
     */
    public Runnable onShownChange(Runnable changed) {
        List<Observable> sources = new ArrayList<>(List.of(context.modelProperty(), context.inputProperty()));
        DrawViewModel draw = context.viewModel(DrawViewModel.class);
        if (draw != null) sources.addAll(List.of(draw.resultProperty(), draw.explanation().explainedClassProperty()));
        FoolViewModel fool = context.viewModel(FoolViewModel.class);
        if (fool != null) sources.add(fool.attackProperty());
        MapsViewModel maps = context.viewModel(MapsViewModel.class);
        if (maps != null) sources.addAll(List.of(maps.summaryProperty(), maps.selectedColumnProperty()));
        InvalidationListener listener = o -> changed.run();
        for (Observable o : sources) o.addListener(listener);
        return () -> sources.forEach(o -> o.removeListener(listener));
    }

    // ---- try it yourself -------------------------------------------------------------------------

    /**
     * Watches for the student doing {@code condition} in the action's view, measured against the view
     * as it is now; calls {@code done} once when they have (at once if they already have, e.g. a digit
     * is drawn). Returns what stops the watching.
     */
    public Runnable watch(LessonAction.View view, TryIt.Condition condition, Runnable done) {
        List<Observable> sources = new ArrayList<>();
        BooleanSupplier met = condition(view, condition, sources);
        if (met == null) return () -> { };
        boolean[] fired = {false};
        InvalidationListener check = o -> {
            if (!fired[0] && met.getAsBoolean()) {
                fired[0] = true;
                done.run();
            }
        };
        for (Observable o : sources) o.addListener(check);
        check.invalidated(null);
        return () -> sources.forEach(o -> o.removeListener(check));
    }

    /** The test for {@code c} with its baseline taken now, and what it depends on; null when the view is missing. */
    private BooleanSupplier condition(LessonAction.View view, TryIt.Condition c, List<Observable> sources) {
        ConvolutionViewModel conv = context.viewModel(ConvolutionViewModel.class);
        PoolingViewModel pool = context.viewModel(PoolingViewModel.class);
        boolean pooling = view == LessonAction.View.POOLING;
        StepperViewModel<?> stepper = pooling ? pool : conv;
        switch (c) {
            case DRAW -> {
                sources.add(context.inputProperty());
                return () -> context.inputProperty().get() != null;
            }
            case CHANGE_STRIDE -> {
                if (stepper == null) return null;
                var stride = pooling ? pool.strideProperty() : conv.strideProperty();
                int before = stride.get();
                sources.add(stride);
                return () -> stride.get() != before;
            }
            case CHANGE_PADDING -> {
                if (stepper == null) return null;
                if (pooling) {
                    boolean before = pool.samePaddingProperty().get();
                    sources.add(pool.samePaddingProperty());
                    return () -> pool.samePaddingProperty().get() != before;
                }
                var choice = conv.paddingChoiceProperty().get();
                int zeros = conv.customPaddingProperty().get();
                sources.addAll(List.of(conv.paddingChoiceProperty(), conv.customPaddingProperty()));
                return () -> conv.paddingChoiceProperty().get() != choice || conv.customPaddingProperty().get() != zeros;
            }
            case CHANGE_KERNEL -> {
                if (conv == null) return null;
                var kernel = conv.kernelProperty().get();
                sources.add(conv.kernelProperty());
                return () -> !Objects.equals(conv.kernelProperty().get(), kernel);
            }
            case CHANGE_POOLING -> {
                if (pool == null) return null;
                var kind = pool.kindProperty().get();
                int size = pool.poolSizeProperty().get();
                sources.addAll(List.of(pool.kindProperty(), pool.poolSizeProperty()));
                return () -> pool.kindProperty().get() != kind || pool.poolSizeProperty().get() != size;
            }
            case MOVE_STEP -> {
                if (stepper == null) return null;
                int before = stepper.getStepIndex();
                sources.add(stepper.stepIndexProperty());
                return () -> stepper.getStepIndex() != before;
            }
            case OPEN_MAP -> {
                MapsViewModel maps = context.viewModel(MapsViewModel.class);
                if (maps == null) return null;
                sources.add(maps.pageProperty());
                return () -> maps.pageProperty().get() instanceof MapsViewModel.MapDetail;
            }
            case START_TRAINING -> {
                TrainViewModel train = context.viewModel(TrainViewModel.class);
                if (train == null) return null;
                sources.add(train.trainingProperty());
                return () -> train.trainingProperty().get();
            }
            case FINISH_TRAINING -> {
                TrainViewModel train = context.viewModel(TrainViewModel.class);
                if (train == null) return null;
                var before = train.evaluationProperty().get();
                sources.add(train.evaluationProperty());
                return () -> train.evaluationProperty().get() != null && train.evaluationProperty().get() != before;
            }
            default -> throw new IllegalArgumentException(c.toString());
        }
    }
}
