package org.convscope.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's Keras-style configuration: ordered keys with numbers, strings, booleans, lists of
 * numbers or nested maps, as they appear in {@code model.json}. The typed getters turn a wrong or
 * missing entry into a message that names the key.
 */
public final class LayerConfig {
    private final Map<String, Object> values;

    public LayerConfig() {
        this(new LinkedHashMap<>());
    }

    public LayerConfig(Map<String, Object> values) {
        this.values = values;
    }

    public LayerConfig put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public int getInt(String key) {
        Object v = require(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw bad(key, "an integer", v);
    }

    public int getInt(String key, int fallback) {
        return has(key) ? getInt(key) : fallback;
    }

    public float getFloat(String key, float fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof Number n) return n.floatValue();
        throw bad(key, "a number", v);
    }

    public String getString(String key, String fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof String s) return s;
        throw bad(key, "a string", v);
    }

    public boolean getBoolean(String key, boolean fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof Boolean b) return b;
        throw bad(key, "true or false", v);
    }

    /** A pair such as kernel_size: {@code [3, 3]} or a single {@code 3} meaning {@code [3, 3]}. */
    public int[] getPair(String key, int[] fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof Number) {
            int i = getInt(key);
            return new int[] {i, i};
        }
        if (v instanceof List<?> list && list.size() == 2
                && list.get(0) instanceof Number a && list.get(1) instanceof Number b) {
            return new int[] {a.intValue(), b.intValue()};
        }
        throw bad(key, "an integer or a list of two integers", v);
    }

    @SuppressWarnings("unchecked")
    public LayerConfig getMap(String key) {
        if (!has(key)) return null;
        Object v = values.get(key);
        if (v instanceof Map<?, ?> m) return new LayerConfig((Map<String, Object>) m);
        throw bad(key, "an object", v);
    }

    private Object require(String key) {
        if (!has(key)) throw new IllegalArgumentException("missing '" + key + "'");
        return values.get(key);
    }

    private static IllegalArgumentException bad(String key, String expected, Object got) {
        return new IllegalArgumentException("'" + key + "' must be " + expected + ", got " + got);
    }
}
