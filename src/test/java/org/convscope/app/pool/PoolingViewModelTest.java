package org.convscope.app.pool;

import org.convscope.app.common.InputChoice;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.render.GridPicture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
