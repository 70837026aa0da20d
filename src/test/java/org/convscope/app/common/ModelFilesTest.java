package org.convscope.app.common;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which dropped or chosen files the app opens as models (the rest are images). */
class ModelFilesTest {
    @Test
    void convscopeAndKerasFilesAreModelsWhateverTheirCase() {
        for (String name : new String[] {"net.convscope", "net.h5", "NET.H5", "net.hdf5", "net.keras", "dir/net.Keras"}) {
            assertTrue(ModelFiles.isModelFile(Path.of(name)), name);
        }
        for (String name : new String[] {"digit.png", "photo.jpg", "net.json", "h5", "net.h5.png"}) {
            assertFalse(ModelFiles.isModelFile(Path.of(name)), name);
        }
    }
}
