package org.convscope.app;

import javafx.stage.Stage;
import org.convscope.app.common.InputChoice;
import org.convscope.app.conv.ConvolutionViewModel;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.lesson.LessonViewModel;
import org.convscope.app.maps.MapsViewModel;
import org.convscope.app.pool.PoolingViewModel;
import org.convscope.app.shell.ShellViewModel;
import org.convscope.app.train.TrainViewModel;
import org.convscope.data.Assets;
import org.convscope.lesson.Lesson;
import org.convscope.lesson.LessonAction;
import org.convscope.lesson.LessonStep;
import org.convscope.lesson.Lessons;
import org.convscope.lesson.TryIt;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.PoolTrace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every shipped lesson step by step in the whole app, as a teacher would press Next: each step's
 * view is the one shown, its settings are in the view-model, what it says the view shows (its
 * {@code expect}: output sizes, equations, formulas, parameter counts) is what the engine computed,
 * and a "try it yourself" step holds Next back until the student did the task (done here through the
 * view-models, except training, which would take minutes).
 */
@ExtendWith(ApplicationExtension.class)
class ShippedLessonsTest {
    private final AppContext context = new AppContext();
    private final ShellViewModel shell = new ShellViewModel();
    private App.Parts parts;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        parts = WholeApp.on(stage, context, shell);
        stage.show();
        parts.draw().usePretrained(DrawViewModel.Pretrained.MNIST);
    }

    @AfterEach
    void stopTraining() throws Exception {
        WholeApp.reset(context);
    }

    @Test
    void everyStepOfEveryShippedLessonLandsInTheStateItDescribes(FxRobot robot) throws Exception {
        List<Lesson> lessons = Lessons.shipped(Assets.folderOnly(Path.of("assets")));
        assertEquals(8, lessons.size());
        LessonViewModel vm = parts.lessons();
        waitUntil(() -> context.modelProperty().get() != null);
        List<String> failures = new ArrayList<>();
        for (Lesson lesson : lessons) {
            FxThread.call(() -> {
                vm.start(lesson);
                return null;
            });
            for (int i = 0; i < lesson.steps().size(); i++) {
                LessonStep step = lesson.steps().get(i);
                String where = lesson.title() + ", step " + (i + 1) + " (" + step.title() + "): ";
                if (i > 0) {
                    FxThread.call(() -> {
                        vm.goTo(vm.stepIndexProperty().get() + 1);
                        return null;
                    });
                }
                settle(step.action());
                FxThread.call(() -> {
                    failures.addAll(vm.mismatches().stream().map(m -> where + m).toList());
                    failures.addAll(settingsNotApplied(step.action()).stream().map(m -> where + m).toList());
                    String shown = parts.window().root().lookupAll(".nav-button").stream()
                            .map(n -> (javafx.scene.control.ToggleButton) n).filter(javafx.scene.control.ToggleButton::isSelected)
                            .map(javafx.scene.control.ToggleButton::getText).findFirst().orElse("none");
                    String wanted = viewTitle(step.action().view());
                    if (!shown.equals(wanted)) failures.add(where + "shows " + shown + ", not " + wanted);
                    var notice = context.noticeProperty().get();
                    if (notice != null && notice.error() && notice.text().startsWith("Lesson step")) {
                        failures.add(where + notice.text());
                        context.noticeProperty().set(null);
                    }
                    return null;
                });
                if (step.tryIt() != null) checkTask(robot, vm, step, where, failures);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static String viewTitle(LessonAction.View view) {
        return switch (view) {
            case DRAW -> org.convscope.app.draw.DrawView.TITLE;
            case MAPS -> org.convscope.app.maps.MapsView.TITLE;
            case CONVOLUTION -> org.convscope.app.conv.ConvolutionView.TITLE;
            case POOLING -> org.convscope.app.pool.PoolingView.TITLE;
            case TRAIN -> org.convscope.app.train.TrainView.TITLE;
            case TRANSFER -> org.convscope.app.transfer.TransferView.TITLE;
            case FOOL -> org.convscope.app.explain.FoolView.TITLE;
        };
    }

    /** Waits for what a step starts in the background: a model loading, the maps' forward pass. */
    private void settle(LessonAction a) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        if (a.model() != null) {
            DrawViewModel.Pretrained want = a.model().equals("mnist") ? DrawViewModel.Pretrained.MNIST : DrawViewModel.Pretrained.FASHION;
            waitUntil(() -> parts.draw().pretrainedProperty().get() == want && !parts.draw().loadingProperty().get());
        }
        if (a.view() == LessonAction.View.DRAW) {
            // a sample opens and is classified, then explained, in the background
            waitUntil(() -> parts.draw().isSettled() && parts.draw().explanation().isSettled());
        }
        if (a.view() == LessonAction.View.FOOL) {
            waitUntil(() -> context.viewModel(org.convscope.app.explain.FoolViewModel.class).isSettled());
        }
        if (a.view() == LessonAction.View.MAPS) {
            MapsViewModel maps = context.viewModel(MapsViewModel.class);
            waitUntil(() -> maps.summaryProperty().get() != null && context.modelProperty().get() != null
                    && maps.summaryProperty().get().rows().size() == context.modelProperty().get().layers().size());
        }
        if (a.view() == LessonAction.View.TRAIN) {
            waitUntil(() -> !context.viewModel(TrainViewModel.class).dataBusyProperty().get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every setting of the action that the view-model does not hold. */
    private List<String> settingsNotApplied(LessonAction a) {
        List<String> out = new ArrayList<>();
        switch (a.view()) {
            case CONVOLUTION -> {
                ConvolutionViewModel c = context.viewModel(ConvolutionViewModel.class);
                if (a.input() != null) same(out, "input", inputNamed(a.input()), c.inputChoiceProperty().get());
                if (a.kernel() != null && !a.kernel().equals("learned")) {
                    same(out, "kernel", KernelPreset.parse(a.kernel()), c.kernelChoiceProperty().get().preset());
                }
                if (a.kernelSize() != null) same(out, "kernel size", a.kernelSize(), c.kernelProperty().get().height());
                if (a.stride() != null) same(out, "stride", a.stride(), c.strideProperty().get());
                if (a.dilation() != null) same(out, "dilation", a.dilation(), c.dilationProperty().get());
                if (a.padding() != null) same(out, "padding", a.padding(), c.paddingChoiceProperty().get().name().toLowerCase());
                if (a.step() != null) same(out, "step", a.step(), c.getStepIndex() + 1);
                if (a.outputCell() != null) {
                    var s = c.traceProperty().get().step(c.getStepIndex());
                    same(out, "output cell", a.outputCell(), new LessonAction.Cell(s.outRow(), s.outCol()));
                }
            }
            case POOLING -> {
                PoolingViewModel p = context.viewModel(PoolingViewModel.class);
                if (a.input() != null) same(out, "input", inputNamed(a.input()), p.inputChoiceProperty().get());
                if (a.pooling() != null) same(out, "pooling", a.pooling().equals("max") ? PoolTrace.Kind.MAX : PoolTrace.Kind.AVERAGE, p.kindProperty().get());
                if (a.poolSize() != null) same(out, "pool size", a.poolSize(), p.poolSizeProperty().get());
                if (a.stride() != null) same(out, "stride", a.stride(), p.strideProperty().get());
                if (a.step() != null) same(out, "step", a.step(), p.getStepIndex() + 1);
                if (a.outputCell() != null) same(out, "output cell", p.traceProperty().get().indexOf(a.outputCell().row(), a.outputCell().col()),
                        p.getStepIndex());
            }
            case MAPS -> {
                MapsViewModel m = context.viewModel(MapsViewModel.class);
                if (a.preset() != null) same(out, "preset", a.preset(), context.modelProperty().get().metadata().get("lesson_preset"));
                if (a.explanations() != null) same(out, "explanation column", a.explanations(), m.explanationsShownProperty().get());
                if (a.layer() != null) {
                    same(out, "layer", a.layer(), context.modelProperty().get().layers().get(m.selectedColumnProperty().get() - 1).name());
                }
                if (a.page() != null) {
                    var page = m.pageProperty().get();
                    same(out, "page", a.page(), page instanceof MapsViewModel.Overview ? "overview"
                            : page instanceof MapsViewModel.MapDetail ? "map" : "kernels");
                }
            }
            case TRAIN -> {
                TrainViewModel t = context.viewModel(TrainViewModel.class);
                if (a.preset() != null) same(out, "preset", a.preset(), t.presetProperty().get());
                if (a.epochs() != null) same(out, "epochs", a.epochs(), t.epochsProperty().get());
                if (a.dropout() != null) same(out, "dropout", a.dropout(), t.dropoutProperty().get());
                if (a.batchSize() != null) same(out, "batch size", a.batchSize(), t.batchSizeProperty().get());
            }
            case DRAW -> {
                if (Boolean.TRUE.equals(a.clear())) same(out, "the pad's input", null, context.inputProperty().get());
                var why = parts.draw().explanation();
                if (a.explain() != null) same(out, "explanation shown", !a.explain().equals("off"), why.enabledProperty().get());
                if (a.explain() != null && !a.explain().equals("off")) same(out, "method", a.explain(), why.methodProperty().get().cliName);
                if (a.explainClass() != null) same(out, "class explained", a.explainClass(), why.explainedClassProperty().get());
            }
            case FOOL -> {
                var fool = context.viewModel(org.convscope.app.explain.FoolViewModel.class);
                if (a.epsilon() != null) same(out, "epsilon", a.epsilon(), fool.epsilonProperty().get());
            }
            case TRANSFER -> { }
        }
        return out;
    }

    /** The menu entry a lesson's input name stands for, found by its label ("toy-5" is "Toy matrix 5×5"). */
    private static InputChoice inputNamed(String name) {
        for (InputChoice c : InputChoice.values()) {
            if (java.util.Arrays.stream(name.split("-")).allMatch(c.label.toLowerCase()::contains)) return c;
        }
        throw new AssertionError("no input menu entry for " + name);
    }

    private static void same(List<String> out, String what, Object wanted, Object held) {
        if (!java.util.Objects.equals(wanted, held)) out.add(what + " is " + held + ", not " + wanted);
    }

    /** Next waits for the task; the task done (where it is quick) lets it go on. */
    private void checkTask(FxRobot robot, LessonViewModel vm, LessonStep step, String where, List<String> failures) throws Exception {
        boolean last = vm.stepIndexProperty().get() == vm.lessonProperty().get().steps().size() - 1;
        TryIt.Condition c = step.tryIt().condition();
        boolean drawnAlready = c == TryIt.Condition.DRAW && context.inputProperty().get() != null;
        if (!drawnAlready && FxThread.call(() -> vm.canNextProperty().get() || vm.taskDoneProperty().get())) {
            failures.add(where + "Next is enabled before the task \"" + c.key + "\" is done");
        }
        if (c == TryIt.Condition.START_TRAINING || c == TryIt.Condition.FINISH_TRAINING) return;
        FxThread.call(() -> {
            doTask(c, step.action().view());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (c == TryIt.Condition.DRAW) waitUntil(() -> context.inputProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        if (!FxThread.call(() -> vm.taskDoneProperty().get() && (last || vm.canNextProperty().get()))) {
            failures.add(where + "doing \"" + c.key + "\" did not enable Next");
        }
    }

    private void doTask(TryIt.Condition c, LessonAction.View view) {
        ConvolutionViewModel conv = context.viewModel(ConvolutionViewModel.class);
        PoolingViewModel pool = context.viewModel(PoolingViewModel.class);
        switch (c) {
            case DRAW -> {
                DrawViewModel d = parts.draw();
                d.penDown(200, 80);
                for (int y = 80; y <= 380; y += 20) d.penDrag(200 + (y - 80) / 10.0, y);
                d.penUp();
            }
            case CHANGE_STRIDE -> (view == LessonAction.View.POOLING ? pool.strideProperty() : conv.strideProperty()).set(3);
            case CHANGE_PADDING -> conv.paddingChoiceProperty().set(ConvolutionViewModel.PaddingChoice.SAME);
            case CHANGE_KERNEL -> conv.kernelChoiceProperty().set(new org.convscope.app.conv.KernelChoice(KernelPreset.LAPLACIAN));
            case CHANGE_POOLING -> pool.kindProperty().set(PoolTrace.Kind.AVERAGE);
            case MOVE_STEP -> (view == LessonAction.View.POOLING ? pool : conv).next();
            case OPEN_MAP -> {
                MapsViewModel m = context.viewModel(MapsViewModel.class);
                m.openDetail(1, 5);
            }
            default -> throw new IllegalArgumentException(c.key);
        }
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
