package org.convscope.app.common;

import org.convscope.app.AppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The cividis setting: its own colours, remembered between runs through the settings file. */
class CividisSettingTest {
    @Test
    void cividisRunsFromDarkBlueToYellowAndDiffersFromViridis() {
        assertEquals(0xff00224e, ColorMap.CIVIDIS.argb(0));
        assertEquals(0xfffee838, ColorMap.CIVIDIS.argb(1));
        for (double t = 0; t <= 1; t += 0.125) assertNotEquals(ColorMap.VIRIDIS.argb(t), ColorMap.CIVIDIS.argb(t), "at " + t);
    }

    @Test
    void theChoiceIsRememberedAcrossRuns(@TempDir Path dir) {
        Path file = dir.resolve("app.properties");
        AppContext first = new AppContext();
        assertEquals(ColorMap.VIRIDIS, first.sequentialColorMapProperty().get(), "viridis for a first-time user");
        first.sequentialColorMapProperty().set(ColorMap.CIVIDIS);
        Settings s = Settings.load(file);
        first.store(s);
        assertEquals(null, s.save());

        AppContext next = new AppContext();
        next.restore(Settings.load(file));
        assertEquals(ColorMap.CIVIDIS, next.sequentialColorMapProperty().get());

        next.sequentialColorMapProperty().set(ColorMap.VIRIDIS);
        Settings again = Settings.load(file);
        next.store(again);
        again.save();
        AppContext third = new AppContext();
        third.restore(Settings.load(file));
        assertEquals(ColorMap.VIRIDIS, third.sequentialColorMapProperty().get());
    }
}
