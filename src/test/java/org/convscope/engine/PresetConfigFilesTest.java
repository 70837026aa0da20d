package org.convscope.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/models/ holds every preset as a config file (written by {@link ModelIO#writeConfig}); these
 * tests keep the files and {@link Presets} from drifting apart. After changing a preset, rewrite its
 * file with {@code ModelIO.writeConfig(Presets.create(name), path)}.
 */
class PresetConfigFilesTest {
    static List<String> presets() {
        return Presets.NAMES;
    }

    private static Path file(String preset) {
        return Path.of("samples", "models", preset + ".json");
    }

    @ParameterizedTest
    @MethodSource("presets")
    void configFileHoldsExactlyThePreset(String preset) throws IOException {
        assertTrue(Files.isRegularFile(file(preset)), file(preset) + " exists");
        assertEquals(ModelIO.configJson(Presets.create(preset)), Files.readString(file(preset)));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void configFileReadsBackToThePresetModel(String preset) throws IOException {
        Model fromFile = ModelIO.readConfig(file(preset), 42);
        Model fromCode = Presets.create(preset).build(42);
        assertEquals(fromCode.summary(), fromFile.summary());
        assertEquals(ModelIO.configJson(fromCode), ModelIO.configJson(fromFile));
        assertArrayEquals(TestModels.values(fromCode.params()), TestModels.values(fromFile.params()), "same seed, same weights");
    }
}
