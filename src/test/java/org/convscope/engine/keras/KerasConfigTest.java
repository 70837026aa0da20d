package org.convscope.engine.keras;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model configs as Keras writes them, one layer or option ConvScope does not compute in each. */
class KerasConfigTest {

    /** A Model config: an InputLayer of {@code input}, then {@code layers} (JSON objects, comma-separated). */
    private static JsonObject sequential(String input, String layers) {
        return JsonParser.parseString("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, " + input + "], \"name\": \"in\"}}, "
                + layers + "]}}").getAsJsonObject();
    }

    private static String layer(String className, String config) {
        return "{\"class_name\": \"" + className + "\", \"config\": {" + config + "}}";
    }

    private static final String CONV = "\"name\": \"conv2d\", \"filters\": 2, \"kernel_size\": [3, 3], \"activation\": \"relu\"";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Conv2DTranspose | \"name\": \"up\", \"filters\": 2, \"kernel_size\": [3, 3] | layer up (Conv2DTranspose): Conv2DTranspose is not supported; ConvScope supports: InputLayer, Conv2D, MaxPooling2D, AveragePooling2D, Dense, Flatten, Dropout, BatchNormalization, Activation, ReLU, LeakyReLU, Softmax, Rescaling, Reshape (adding the channel axis)",
            "LSTM            | \"name\": \"lstm\", \"units\": 4 | layer lstm (LSTM): LSTM is not supported; ConvScope supports: InputLayer, Conv2D,",
            "Conv2D          | \"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"data_format\": \"channels_first\" | layer c (Conv2D): data_format='channels_first' is not supported; ConvScope computes channels_last",
            "Conv2D          | \"name\": \"c\", \"filters\": 4, \"kernel_size\": 3, \"groups\": 2 | layer c (Conv2D): groups > 1 is not supported",
            "Conv2D          | \"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"activation\": \"gelu\" | layer c (Conv2D): activation 'gelu' is not supported; ConvScope has: linear, relu, leaky_relu, elu, selu, sigmoid, tanh, softmax",
            "Conv2D          | \"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"padding\": \"causal\" | layer c (Conv2D): padding='causal' is not supported (valid, same)",
            "Conv2D          | \"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"strides\": 2, \"dilation_rate\": 2 | layer c (Conv2D): Conv2D cannot combine strides > 1 with dilation > 1 (as in Keras)",
            "Conv2D          | \"name\": \"c\", \"filters\": 2 | layer c (Conv2D): missing 'kernel_size'",
            "Conv2D          | \"name\": \"c\", \"filters\": 2.5, \"kernel_size\": 3 | layer c (Conv2D): 'filters' must be a positive integer, got 2.5",
            "Dense           | \"name\": \"d\", \"units\": 3 | layer d (Dense): Dense needs a 1-D input but got 8×8×1; add a Flatten layer before it",
            "ReLU            | \"name\": \"r\", \"max_value\": 6.0 | layer r (ReLU): max_value is not supported",
            "ReLU            | \"name\": \"r\", \"threshold\": 0.5 | layer r (ReLU): threshold ≠ 0 is not supported",
            "Softmax         | \"name\": \"s\", \"axis\": 1 | layer s (Softmax): axis=1 is not supported; ConvScope's softmax is over the last axis",
            "BatchNormalization | \"name\": \"bn\", \"axis\": 1 | layer bn (BatchNormalization): axis=1 is not supported; ConvScope normalises the last axis",
            "BatchNormalization | \"name\": \"bn\", \"center\": false | layer bn (BatchNormalization): center=False or scale=False is not supported",
            "Dropout         | \"name\": \"drop\", \"rate\": 0.5, \"noise_shape\": [null, 1, 1, 1] | layer drop (Dropout): noise_shape is not supported",
            "Reshape         | \"name\": \"re\", \"target_shape\": [64] | layer re (Reshape): Reshape to [64] changes the shape (None, 8, 8, 1); ConvScope supports only a Reshape that adds the channel axis to its (H, W) input",
            "Sequential      | \"name\": \"inner\", \"layers\": [] | the model config lists no layers",
            "InputLayer      | \"name\": \"in2\", \"batch_input_shape\": [null, 8, 8, 1] | layer in2 (InputLayer): an InputLayer may only come first",
    })
    void refusesByName(String className, String config, String message) {
        JsonObject model = sequential("8, 8, 1", layer(className, config));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KerasConfig.toModel(model));
        assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(), message.length())), e.getMessage());
    }

    /** A Functional config in Keras 2's spelling: an InputLayer "in" of 8×8×1, then {@code layers}, output {@code output}. */
    private static JsonObject functional(String layers, String outputs) {
        return JsonParser.parseString("{\"class_name\": \"Functional\", \"config\": {\"name\": \"model\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"in\", \"config\": {\"batch_input_shape\": [null, 8, 8, 1], \"name\": \"in\"}, \"inbound_nodes\": []}, "
                + layers + "], \"input_layers\": [[\"in\", 0, 0]], \"output_layers\": " + outputs + "}}").getAsJsonObject();
    }

    private static String node(String className, String name, String config, String... inbound) {
        StringBuilder in = new StringBuilder();
        for (String i : inbound) in.append(in.length() == 0 ? "" : ", ").append("[\"").append(i).append("\", 0, 0, {}]");
        return "{\"class_name\": \"" + className + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name + "\"" + config
                + "}, \"inbound_nodes\": [[" + in + "]]}";
    }

    @Test
    void readsAFunctionalGraphInKeras2sSpelling() {
        String conv = ", \"filters\": 1, \"kernel_size\": 3, \"padding\": \"same\"";
        Model m = KerasConfig.toModel(functional(node("Conv2D", "c", conv, "in") + ", " + node("Add", "a", "", "c", "in")
                + ", " + node("GlobalMaxPooling2D", "g", "", "a"), "[[\"g\", 0, 0]]"));
        assertEquals(List.of("c", "in"), m.inputsOf("a"));
        assertEquals(Shape.of(1), m.outputShape());
    }

    @Test
    void refusesWhatAGraphOfConvScopeCannotBe() {
        String dense = ", \"units\": 2";
        String flat = node("Flatten", "f", "", "in");
        assertEquals("the model has 2 outputs [f, d]; ConvScope models give one", assertThrows(IllegalArgumentException.class,
                () -> KerasConfig.toModel(functional(flat + ", " + node("Dense", "d", dense, "f"), "[[\"f\", 0, 0], [\"d\", 0, 0]]"))).getMessage());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> KerasConfig.toModel(functional(node("Multiply", "m", "", "in", "in"), "[[\"m\", 0, 0]]"))).getMessage();
        assertTrue(unknown.startsWith("layer m (Multiply): Multiply is not supported; ConvScope supports: InputLayer, Conv2D,"), unknown);
        String shared = "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"name\": \"d\", \"units\": 2}, "
                + "\"inbound_nodes\": [[[\"f\", 0, 0, {}]], [[\"f\", 0, 0, {}]]]}";
        assertEquals("layer d is applied 2 times (a shared layer); ConvScope applies each layer once", assertThrows(IllegalArgumentException.class,
                () -> KerasConfig.toModel(functional(flat + ", " + shared, "[[\"d\", 0, 0]]"))).getMessage());
        assertEquals("a model of class Subclassed is not supported: ConvScope opens Keras Sequential and Functional models",
                assertThrows(IllegalArgumentException.class, () -> KerasConfig.toModel(JsonParser.parseString(
                        "{\"class_name\": \"Subclassed\", \"config\": {\"layers\": []}}").getAsJsonObject())).getMessage());
    }

    @Test
    void flattensASequentialInsideASequential() {
        JsonObject model = sequential("8, 8, 1", "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"inner\", \"layers\": ["
                + layer("Conv2D", CONV) + ", " + layer("Flatten", "\"name\": \"f\"") + "]}}, " + layer("Dense", "\"name\": \"d\", \"units\": 2"));
        Model m = KerasConfig.toModel(model);
        assertEquals(List.of("conv2d", "f", "d"), m.layers().stream().map(l -> l.name()).toList());
        assertTrue(m.isSequential());
    }

    @Test
    void refusesAFreeOrHugeInputSize() {
        assertEquals("the input shape [null,null,null,1] has a free size; ConvScope needs fixed sizes",
                assertThrows(IllegalArgumentException.class, () -> KerasConfig.toModel(sequential("null, null, 1", layer("Flatten", "\"name\": \"f\""))))
                        .getMessage());
        assertEquals("the input shape [null,100000,100000,3] is too large",
                assertThrows(IllegalArgumentException.class, () -> KerasConfig.toModel(sequential("100000, 100000, 3", layer("Flatten", "\"name\": \"f\""))))
                        .getMessage());
    }

    @Test
    void refusesTwoLayersOfOneName() {
        JsonObject model = sequential("8, 8, 1", layer("Conv2D", CONV) + ", " + layer("Conv2D", CONV));
        assertEquals("layer conv2d (Conv2D): two layers are named 'conv2d'",
                assertThrows(IllegalArgumentException.class, () -> KerasConfig.toModel(model)).getMessage());
    }

    @Test
    void readsKeras3InputShapesAndAnInputWithoutChannels() {
        JsonObject keras3 = JsonParser.parseString("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"net\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 28, 28], \"name\": \"input_layer\"}},"
                + layer("Flatten", "\"name\": \"flatten\"") + "]}}").getAsJsonObject();
        Model m = KerasConfig.toModel(keras3);
        assertEquals(Shape.of(28, 28, 1), m.inputShape());
        assertEquals("net", m.name());
        // no InputLayer: the Sequential's build_config gives it
        JsonObject built = JsonParser.parseString("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [" + layer("Conv2D", CONV)
                + "], \"build_config\": {\"input_shape\": [null, 6, 6, 3]}}}").getAsJsonObject();
        assertEquals(Shape.of(4, 4, 2), KerasConfig.toModel(built).outputShape());
    }

    @Test
    void readsAFrozenLayerAndReLUWithASlopeAsLeakyReLU() {
        JsonObject model = sequential("8, 8, 1", layer("Conv2D", CONV + ", \"trainable\": false")
                + ", " + layer("ReLU", "\"name\": \"r\", \"negative_slope\": 0.1"));
        Model m = KerasConfig.toModel(model);
        assertEquals(false, m.layers().get(0).isTrainable());
        assertEquals("LeakyReLU", m.layers().get(1).className());
    }
}
