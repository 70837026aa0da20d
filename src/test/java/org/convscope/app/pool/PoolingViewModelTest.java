package org.convscope.app.pool;

import org.convscope.app.common.InputChoice;
import org.convscope.engine.Tensor;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.render.GridPicture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PoolingViewModelTest {

    @Test
    void startsOnThe32To16Example() {
        PoolingViewModel vm = new PoolingViewModel();
        assertEquals("32×32 → 16×16 — 256 steps", vm.outputSizeProperty().get());
        assertNotNull(vm.frameProperty().get().inputs().get(0).winner());
    }

    @Test
    void maxMarksTheWinnerAndAverageShowsTheMean() {
        PoolingViewModel vm = new PoolingViewModel();
        vm.inputChoiceProperty().set(InputChoice.TOY_5);
        // toy 5×5, 2×2 windows stride 2: the first window is 3 3 / 0 0
        assertEquals(List.of("max(3, 3, 0, 0) = 3"), vm.frameProperty().get().equation());
        assertEquals(new GridPicture.Cell(0, 0), vm.frameProperty().get().inputs().get(0).winner());
        vm.kindProperty().set(PoolTrace.Kind.AVERAGE);
        assertEquals(List.of("(3 + 3 + 0 + 0) / 4 = 1.5"), vm.frameProperty().get().equation());
        assertNull(vm.frameProperty().get().inputs().get(0).winner());
    }

    @Test
    void samePaddingAndStrideChangeTheOutputSize() {
        PoolingViewModel vm = new PoolingViewModel();
        vm.inputChoiceProperty().set(InputChoice.TOY_5);
        assertEquals(4, vm.getStepCount()); // ⌊(5 − 2) / 2⌋ + 1 = 2
        vm.samePaddingProperty().set(true);
        assertEquals(9, vm.getStepCount()); // ⌈5 / 2⌉ = 3
        vm.strideProperty().set(1);
        assertEquals(25, vm.getStepCount());
        vm.selectOutputCell(4, 4);
        assertEquals(List.of("the window hangs over the padding: those cells take no part", "max(1) = 1"),
                vm.frameProperty().get().equation()); // only the corner is real
    }

    @Test
    void rgbChannelsArePooledOneAtATime() {
        PoolingViewModel vm = new PoolingViewModel();
        vm.inputChoiceProperty().set(InputChoice.RGB);
        vm.channelProperty().set(2);
        assertEquals(2, vm.traceProperty().get().channel());
        vm.inputChoiceProperty().set(InputChoice.TOY_7);
        assertEquals(0, vm.channelProperty().get());
    }

    @Test
    void drawingsWhileHiddenArePooledOnceWhenShown() {
        PoolingViewModel vm = new PoolingViewModel();
        vm.inputChoiceProperty().set(InputChoice.DRAWING);
        PoolTrace before = vm.traceProperty().get();
        List<PoolTrace> plans = new ArrayList<>();
        vm.traceProperty().addListener((o, old, t) -> plans.add(t));
        vm.shownProperty().set(false);
        for (int col = 6; col <= 8; col++) {
            Tensor drawing = Tensor.zeros(1, 28, 28, 1);
            drawing.set(0, 5, col, 0, 1f);
            vm.drawingProperty().set(drawing);
        }
        assertEquals(List.of(), plans, "nothing pooled while hidden");
        assertSame(before, vm.traceProperty().get());

        vm.shownProperty().set(true);
        assertEquals(1, plans.size(), "once when shown");
        assertEquals(255f, vm.inputProperty().get().get(5, 8, 0), "the newest drawing");
        assertEquals(0f, vm.inputProperty().get().get(5, 6, 0));
    }
}
