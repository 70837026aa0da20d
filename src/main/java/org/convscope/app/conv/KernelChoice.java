package org.convscope.app.conv;

import org.convscope.trace.KernelPreset;

import java.util.ArrayList;
import java.util.List;

/** An entry of the kernel menu: a preset, or the learned kernel of a layer of the loaded model ({@code preset} null). */
public record KernelChoice(KernelPreset preset) {
    public static final KernelChoice LEARNED = new KernelChoice(null);

    public boolean learned() {
        return preset == null;
    }

    public static List<KernelChoice> all() {
        List<KernelChoice> all = new ArrayList<>();
        for (KernelPreset p : KernelPreset.values()) all.add(new KernelChoice(p));
        all.add(LEARNED);
        return all;
    }

    @Override
    public String toString() {
        return preset == null ? "Learned kernel of the model" : preset.label;
    }
}
