package org.convscope.app.draw;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Stage;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Tensor;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers that come while the view is not shown (drawn on another view's pad) are not explained until it is. */
@ExtendWith(ApplicationExtension.class)
class ExplanationWhileHiddenTest {
    private final Model model = Presets.create("seed-001").build(7);
    private final ObjectProperty<Classification> answer = new SimpleObjectProperty<>();
    private final List<ExplanationViewModel.Explanation> made = new ArrayList<>();
    private ExplanationViewModel why;

    @Start
    void start(Stage stage) {
        why = new ExplanationViewModel(answer);
        why.explanationProperty().addListener((o, old, e) -> {
            if (e != null) made.add(e);
        });
    }

    private Classification answerTo(int row) {
        Tensor x = Tensor.zeros(1, 28, 28, 1);
        for (int col = 5; col < 20; col++) x.data[row * 28 + col] = 1;
        return new Classification(model, null, x, model.predict(x).data, null);
    }

    @Test
    void answersWhileHiddenAreExplainedOnceWhenShown(FxRobot robot) throws Exception {
        Classification first = answerTo(8), second = answerTo(16);
        robot.interact(() -> {
            why.shownProperty().set(false);
            why.enabledProperty().set(true);
            answer.set(first);
            answer.set(second);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(why.isSettled());
        assertEquals(List.of(), made, "nothing explained while hidden");

        robot.interact(() -> why.shownProperty().set(true));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> why.isSettled() && !made.isEmpty()).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, made.size(), "one explanation when shown");
        assertSame(second, made.get(0).source(), "of the newest answer");
        assertTrue(made.get(0).complete());
    }
}
