package org.convscope.engine.keras;

import org.convscope.engine.Activation;
import org.convscope.engine.ActivationLayer;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Dropout;
import org.convscope.engine.Flatten;
import org.convscope.engine.LeakyReLU;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Padding;
import org.convscope.engine.Add;
import org.convscope.engine.Concatenate;
import org.convscope.engine.GlobalAveragePooling2D;
import org.convscope.engine.Presets;
import org.convscope.engine.SeparableConv2D;
import org.convscope.engine.Shape;
import org.convscope.engine.ZeroPadding2D;
import org.convscope.engine.Regularizer;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Model;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasCodeTest {

    private static List<String> lines(String code) {
        return Arrays.asList(code.split("\n"));
    }

    @Test
    void seed001IsTheTutorialModel() {
        Model m = Presets.create("seed-001").setName("sequential");
        assertEquals("""
                from tensorflow.keras import layers, models

                model = models.Sequential()
                model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
                model.add(layers.MaxPooling2D((2, 2)))
                model.add(layers.Conv2D(64, (3, 3), activation='relu'))
                model.add(layers.MaxPooling2D((2, 2), padding='same'))
                model.add(layers.Flatten())
                model.add(layers.Dense(64, activation='relu'))
                model.add(layers.Dense(10, activation='softmax'))

                model.compile(optimizer='adam',
                              loss='sparse_categorical_crossentropy',
                              metrics=['accuracy'])

                history = model.fit(x_train, y_train, epochs=5, batch_size=128,
                                    validation_data=(x_test, y_test))

                # the model with ConvScope's weights, exported by File → Export model… (or convscope export)
                from tensorflow import keras
                model = keras.models.load_model('sequential.keras')
                """, KerasCode.of(m, KerasCode.Training.defaults()));
    }

    /** A graph is written with the Functional API: one variable per layer, the joins called on a list. */
    @Test
    void aGraphIsWrittenAsAFunctionalModel() {
        Model m = new Model(Shape.of(8, 8, 4))
                .add(new ZeroPadding2D(1))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.VALID, 1, 1, Activation.RELU, true))
                .add(new SeparableConv2D(4, 3, Padding.SAME, Activation.RELU))
                .add(new Add(), null, "separable_conv2d", "conv2d")
                .add(new Concatenate(), null, "add", "input_1")
                .add(new GlobalAveragePooling2D())
                .add(new Dense(3, Activation.SOFTMAX));
        String code = KerasCode.of(m, KerasCode.Training.defaults());
        assertTrue(code.contains("""
                inputs = layers.Input(shape=(8, 8, 4))
                zero_padding2d = layers.ZeroPadding2D()(inputs)
                conv2d = layers.Conv2D(4, (3, 3), activation='relu')(zero_padding2d)
                separable_conv2d = layers.SeparableConv2D(4, (3, 3), padding='same', activation='relu')(conv2d)
                add = layers.Add()([separable_conv2d, conv2d])
                concatenate = layers.Concatenate()([add, inputs])
                global_average_pooling2d = layers.GlobalAveragePooling2D()(concatenate)
                dense = layers.Dense(3, activation='softmax')(global_average_pooling2d)
                model = models.Model(inputs, dense)

                model.compile(optimizer='adam',"""), code);
        String pads = KerasCode.of(new Model(Shape.of(4, 4, 1)).add(new ZeroPadding2D(2, 2, 3, 3)).add(new ZeroPadding2D(1, 0, 0, 2)),
                KerasCode.Training.defaults());
        assertTrue(pads.contains("model.add(layers.ZeroPadding2D((2, 3), input_shape=(4, 4, 1)))\nmodel.add(layers.ZeroPadding2D(((1, 0), (0, 2))))"), pads);
        assertTrue(KerasCode.of(Presets.create("resnet-small"), KerasCode.Training.defaults())
                .contains("add_2 = layers.Add()([batch_normalization_7, batch_normalization_8])\n"));
    }

    @Test
    void theLastCellLoadsTheFileTheExportIsOfferedUnder() {
        Model m = Presets.create("seed-004").setName("my net/v2");
        assertEquals("my_net_v2.keras", KerasCode.exportFileName(m));
        List<String> code = lines(KerasCode.of(m, KerasCode.Training.defaults()));
        assertEquals("model = keras.models.load_model('my_net_v2.keras')", code.get(code.size() - 1));
    }

    @Test
    void namesTheModelWhenKerasWouldNameItOtherwise() {
        assertTrue(lines(KerasCode.of(Presets.create("seed-001"), KerasCode.Training.defaults()))
                .contains("model = models.Sequential()"), "Keras calls it sequential too");
        assertTrue(lines(KerasCode.of(Presets.create("seed-001").setName("digits"), KerasCode.Training.defaults()))
                .contains("model = models.Sequential(name='digits')"));
    }

    @Test
    void writesOnlyArgumentsThatDifferFromKerasDefaults() {
        Model m = new Model(Shape.of(8, 8, 3))
                .add(new Rescaling(1f / 255, 0))
                .add(new Conv2D(4, 5, 3, 2, 2, Padding.SAME, 1, 1, Activation.LINEAR, false).withKernelRegularizer(new Regularizer(0, 1e-4f)))
                .add(new BatchNormalization(0.9f, 1e-3f))
                .add(ActivationLayer.relu())
                .add(new MaxPooling2D(3, 3, 1, 1, Padding.VALID))
                .add(new Flatten())
                .add(new Dropout(0.3f))
                .add(new Dense(8, Activation.LINEAR), "features")
                .add(new LeakyReLU(0.1f))
                .add(new Dense(3, Activation.LINEAR))
                .add(new ActivationLayer(Activation.SOFTMAX));
        m.layers().get(1).setTrainable(false);
        List<String> code = lines(KerasCode.of(m, new KerasCode.Training("sgd", 0.05f, "categorical_crossentropy", 32, 12, 0.1)));
        assertEquals(List.of(
                "from tensorflow.keras import layers, models, optimizers, regularizers",
                "",
                "model = models.Sequential()",
                "model.add(layers.Rescaling(1./255, input_shape=(8, 8, 3)))",
                "model.add(layers.Conv2D(4, (5, 3), strides=(2, 2), padding='same', use_bias=False, kernel_regularizer=regularizers.l2(0.0001), trainable=False))",
                "model.add(layers.BatchNormalization(momentum=0.9))",
                "model.add(layers.ReLU())",
                "model.add(layers.MaxPooling2D((3, 3), strides=(1, 1)))",
                "model.add(layers.Flatten())",
                "model.add(layers.Dropout(0.3))",
                "model.add(layers.Dense(8, name='features'))",
                "model.add(layers.LeakyReLU(alpha=0.1))",
                "model.add(layers.Dense(3))",
                "model.add(layers.Activation('softmax'))",
                "",
                "model.compile(optimizer=optimizers.SGD(learning_rate=0.05, momentum=0.9),",
                "              loss='categorical_crossentropy',",
                "              metrics=['accuracy'])",
                "",
                "history = model.fit(x_train, y_train, epochs=12,",
                "                    validation_split=0.1)",
                "",
                "# the model with ConvScope's weights, exported by File → Export model… (or convscope export)",
                "from tensorflow import keras",
                "model = keras.models.load_model('sequential.keras')"), code);
    }

    @Test
    void saysWhenTheModelTakesRawPixelsWithoutRescaling() {
        Model m = Presets.create("seed-001").setName("sequential").setInputScale(255);
        String code = KerasCode.of(m, KerasCode.Training.defaults());
        assertTrue(code.contains("# This model takes pixel values 0–255: do not divide the images by 255.\nmodel = models.Sequential()"), code);
    }

    @Test
    void usesTheCompileSettingsAnImportedModelRecorded() {
        Model m = Presets.create("lenet5");
        m.metadata().put(KerasCode.OPTIMIZER_KEY, "rmsprop");
        m.metadata().put(KerasCode.LEARNING_RATE_KEY, "5.0E-4");
        assertEquals(new KerasCode.Training("rmsprop", 5e-4f, "sparse_categorical_crossentropy", 128, 5, 0), KerasCode.Training.of(m));
        assertTrue(KerasCode.of(m, KerasCode.Training.of(m)).contains("model.compile(optimizer=optimizers.RMSprop(learning_rate=0.0005),"));
        m.metadata().remove(KerasCode.LEARNING_RATE_KEY);
        assertTrue(KerasCode.of(m, KerasCode.Training.of(m)).contains("model.compile(optimizer='rmsprop',"));
    }
}
