package org.convscope.app.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartStepTest {

    @Test
    void epochTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, TrainView.niceStep(1 / 8.0), 1e-12);  // 1 epoch
        assertEquals(0.5, TrainView.niceStep(3 / 8.0), 1e-12);  // 3 epochs
        assertEquals(1, TrainView.niceStep(8 / 8.0), 1e-12);
        assertEquals(2, TrainView.niceStep(12 / 8.0), 1e-12);
        assertEquals(20, TrainView.niceStep(100 / 8.0), 1e-12);
    }
}
