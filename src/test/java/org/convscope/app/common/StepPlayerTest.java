package org.convscope.app.common;

import javafx.stage.Stage;
import org.convscope.app.pool.PoolingViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The player's clock runs while playing and shown: switched away, the animation waits where it is. */
@ExtendWith(ApplicationExtension.class)
class StepPlayerTest {
    private PoolingViewModel vm;
    private StepPlayer player;

    @Start
    void start(Stage stage) {
        vm = new PoolingViewModel();
        player = new StepPlayer(vm);
    }

    @Test
    void aHiddenViewKeepsPlayingButItsClockStops(FxRobot robot) {
        robot.interact(() -> vm.playingProperty().set(true));
        assertTrue(player.ticking());
        robot.interact(() -> vm.shownProperty().set(false));
        assertFalse(player.ticking());
        assertTrue(vm.playingProperty().get(), "still playing: it goes on when shown");
        robot.interact(() -> vm.shownProperty().set(true));
        assertTrue(player.ticking());
        robot.interact(() -> vm.playingProperty().set(false));
        assertFalse(player.ticking());
    }
}
