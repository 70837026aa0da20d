package org.convscope.app.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the app remembers between runs (theme, zoom, window size), kept in a small properties file,
 * by default {@code ~/.convscope/app.properties}. A missing or unreadable file means defaults; a
 * value out of range falls back to its default.
 */
public final class Settings {
    private final Path file;
    private final Properties values = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    /** The settings file in the user's home. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".convscope", "app.properties");
    }

    /** Reads {@code file}; {@code null} gives settings that are never written (tests). */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                s.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                s.values.clear(); // a damaged settings file must not stop the app from starting
            }
        }
        return s;
    }

    public boolean getBoolean(String key, boolean fallback) {
        String v = values.getProperty(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    /** The stored number when it parses and lies in [min, max], else {@code fallback}. */
    public double getDouble(String key, double fallback, double min, double max) {
        try {
            double v = Double.parseDouble(values.getProperty(key, ""));
            return v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
    }

    /** Writes the file; a failure is returned as a message, since losing preferences must not stop the app. */
    public String save() {
        if (file == null) return null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "ConvScope settings");
            }
            return null;
        } catch (IOException e) {
            return "Could not save settings to " + file + ": " + e.getMessage();
        }
    }
}
