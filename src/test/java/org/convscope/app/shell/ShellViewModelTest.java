package org.convscope.app.shell;

import org.convscope.app.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellViewModelTest {

    @Test
    void zoomStepsUpAndDownAndStopsAtTheEnds() {
        ShellViewModel vm = new ShellViewModel();
        vm.zoomIn();
        assertEquals(1.1, vm.zoomProperty().get(), 1e-9);
        vm.resetZoom();
        vm.zoomOut();
        vm.zoomOut();
        vm.zoomOut();
        assertEquals(ShellViewModel.ZOOM_STEPS[0], vm.zoomProperty().get(), 1e-9);
        for (int i = 0; i < 20; i++) vm.zoomIn();
        assertEquals(3.0, vm.zoomProperty().get(), 1e-9);
    }

    @Test
    void presentationModeScalesOnTopOfTheZoom() {
        ShellViewModel vm = new ShellViewModel();
        vm.zoomIn();
        vm.togglePresentation();
        assertEquals(1.1 * ShellViewModel.PRESENTATION_SCALE, vm.scale().get(), 1e-9);
        vm.togglePresentation();
        assertEquals(1.1, vm.scale().get(), 1e-9);
    }

    @Test
    void themeZoomAndWindowSizeSurviveARestart(@TempDir Path dir) {
        Path file = dir.resolve("app.properties");
        ShellViewModel before = new ShellViewModel();
        before.darkProperty().set(true);
        before.zoomIn();
        Settings s = Settings.load(file);
        before.store(s, 1500, 900);
        assertNull(s.save());

        ShellViewModel after = new ShellViewModel();
        after.restore(Settings.load(file));
        assertTrue(after.darkProperty().get());
        assertEquals(1.1, after.zoomProperty().get(), 1e-9);
        assertEquals(1500, after.windowWidth(), 1e-9);
        assertEquals(900, after.windowHeight(), 1e-9);
    }

    @Test
    void aDamagedOrOutOfRangeSettingsFileGivesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "zoom=400\ntheme.dark=maybe\nwindow.width=abc\n\\u00");
        ShellViewModel vm = new ShellViewModel();
        vm.restore(Settings.load(file));
        assertEquals(1.0, vm.zoomProperty().get(), 1e-9);
        assertFalse(vm.darkProperty().get());
        assertEquals(1280, vm.windowWidth(), 1e-9);
    }
}
