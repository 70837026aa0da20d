package org.convscope.engine.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.convscope.engine.Model;
import org.convscope.engine.export.ModelExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ConvScope's .h5 against a real Keras 2.10 file: keras210-structure.json is the layout of
 * ../shared/fixtures/keras/mnist_cnn_keras2.h5 (a notebook's model.save, see its README) as
 * scripts/keras_h5_structure.py lists it. The same architecture, read from that file's model_config
 * and exported, must have the same groups, datasets (names, shapes, float32) and attribute names at
 * every path, and the same layer configs, but for the differences the exporter documents.
 */
class KerasExportLayoutTest {
    @TempDir
    Path dir;

    static JsonObject keras210() throws IOException {
        try (InputStream in = KerasExportLayoutTest.class.getResourceAsStream("keras210-structure.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** The same listing of a file read with jhdf: groups, datasets (shape, dtype), attribute names per path. */
    static JsonObject listing(Path file) throws IOException {
        TreeSet<String> groups = new TreeSet<>();
        Map<String, String> datasets = new TreeMap<>();
        Map<String, List<String>> attributes = new TreeMap<>();
        try (HdfFile h5 = new HdfFile(file)) {
            attributes.put("/", new ArrayList<>(new TreeSet<>(h5.getAttributes().keySet())));
            walk(h5, "", groups, datasets, attributes);
        }
        JsonObject o = new JsonObject();
        o.add("groups", toJson(new ArrayList<>(groups)));
        JsonObject ds = new JsonObject();
        datasets.forEach((k, v) -> ds.add(k, JsonParser.parseString(v)));
        o.add("datasets", ds);
        JsonObject at = new JsonObject();
        attributes.forEach((k, v) -> at.add(k, toJson(v)));
        o.add("attributes", at);
        return o;
    }

    private static void walk(Group g, String prefix, TreeSet<String> groups, Map<String, String> datasets, Map<String, List<String>> attributes) {
        for (Node n : g.getChildren().values()) {
            String path = prefix + n.getName();
            attributes.put(path, new ArrayList<>(new TreeSet<>(n.getAttributes().keySet())));
            if (n instanceof Group child) {
                groups.add(path);
                walk(child, path + "/", groups, datasets, attributes);
            } else {
                Dataset d = (Dataset) n;
                String dtype = d.getJavaType() == float.class ? "float32" : d.getJavaType().getSimpleName();
                datasets.put(path, "{\"dtype\":\"" + dtype + "\",\"shape\":" + Arrays.toString(d.getDimensions()) + "}");
            }
        }
    }

    private static JsonArray toJson(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    @Test
    void exportedH5HasTheGroupsDatasetsAndAttributesOfKeras210sOwnFile() throws IOException {
        JsonObject keras = keras210();
        Model model = KerasConfig.toModel(keras.getAsJsonObject("model_config")).build(1);
        Path file = dir.resolve("mnist_cnn.h5");
        ModelExport.write(model, file);
        JsonObject ours = listing(file);

        // what Keras wrote that the export leaves out, on purpose (no optimizer state or training config)
        // or because jhdf cannot write it (an empty weight_names list: Keras' loader reads the absent attribute as [])
        JsonObject expected = keras.deepCopy();
        expected.remove("model_config");
        JsonArray groups = new JsonArray();
        for (JsonElement g : expected.getAsJsonArray("groups")) if (!g.getAsString().startsWith("optimizer_weights")) groups.add(g);
        expected.add("groups", groups);
        JsonObject datasets = expected.getAsJsonObject("datasets");
        for (String k : new ArrayList<>(datasets.keySet())) if (k.startsWith("optimizer_weights")) datasets.remove(k);
        JsonObject attributes = expected.getAsJsonObject("attributes");
        for (String k : new ArrayList<>(attributes.keySet())) if (k.startsWith("optimizer_weights")) attributes.remove(k);
        attributes.getAsJsonArray("/").remove(JsonParser.parseString("\"training_config\""));
        for (String weightless : List.of("flatten", "max_pooling2d", "max_pooling2d_1", "top_level_model_weights")) {
            attributes.add("model_weights/" + weightless, new JsonArray());
        }
        // what the export adds: jhdf's own version attribute, and the root dataset that keeps jhdf from damaging the file
        JsonArray root = attributes.getAsJsonArray("/");
        root.add("_jHDF");
        attributes.add("/", sorted(root));
        attributes.add("written_by", new JsonArray());
        datasets.add("written_by", JsonParser.parseString("{\"dtype\":\"String\",\"shape\":[1]}"));

        assertEquals(sortedKeys(expected.getAsJsonObject("datasets")), sortedKeys(ours.getAsJsonObject("datasets")));
        assertEquals(sortedKeys(expected.getAsJsonObject("attributes")), sortedKeys(ours.getAsJsonObject("attributes")));
        assertEquals(expected.getAsJsonArray("groups"), ours.getAsJsonArray("groups"));
    }

    @Test
    void exportedModelConfigIsKeras210sLayerForLayer() throws IOException {
        JsonObject keras = keras210().getAsJsonObject("model_config");
        Model model = KerasConfig.toModel(keras).build(1);
        Path file = dir.resolve("mnist_cnn.h5");
        ModelExport.write(model, file);
        JsonObject ours = KerasExportTest.modelConfig(file);
        assertEquals(keras.get("class_name"), ours.get("class_name"));
        assertEquals(keras.getAsJsonObject("config").get("name"), ours.getAsJsonObject("config").get("name"));
        JsonArray a = keras.getAsJsonObject("config").getAsJsonArray("layers"), b = ours.getAsJsonObject("config").getAsJsonArray("layers");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            JsonObject expected = a.get(i).getAsJsonObject().deepCopy();
            // the notebook gave its first Dense an input_shape too, which Keras keeps; ConvScope writes it on the first layer only
            if (i > 1) expected.getAsJsonObject("config").remove("batch_input_shape");
            assertEquals(expected, b.get(i).getAsJsonObject(), "layer " + i);
        }
    }

    private static JsonObject sortedKeys(JsonObject o) {
        JsonObject s = new JsonObject();
        new TreeMap<>(o.asMap()).forEach(s::add);
        return s;
    }

    private static JsonArray sorted(JsonArray a) {
        TreeSet<String> t = new TreeSet<>();
        a.forEach(e -> t.add(e.getAsString()));
        return toJson(new ArrayList<>(t));
    }
}
