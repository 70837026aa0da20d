package org.convscope.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes a {@link Regularizer} as Keras writes an {@code L1L2} config: {@code {"l1": .., "l2": ..}}. */
final class RegularizerConfig {
    private RegularizerConfig() {
    }

    static Map<String, Object> toMap(Regularizer r) {
        if (r == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("l1", r.l1());
        m.put("l2", r.l2());
        return m;
    }

    static Regularizer fromMap(LayerConfig cfg) {
        if (cfg == null) return null;
        return new Regularizer(cfg.getFloat("l1", 0), cfg.getFloat("l2", 0));
    }
}
