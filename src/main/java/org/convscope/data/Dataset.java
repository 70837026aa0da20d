package org.convscope.data;

import org.convscope.engine.Tensor;

import java.util.List;

/**
 * A labelled image dataset split into train and test: images (N, H, W, C) with values in 0..1,
 * labels (N) as class indices, and the class names.
 */
public record Dataset(String name, Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels,
                      List<String> classNames) {

    public Dataset {
        if (trainImages.batch() != trainLabels.size() || testImages.batch() != testLabels.size()) {
            throw new IllegalArgumentException(name + ": image and label counts differ");
        }
        classNames = List.copyOf(classNames);
    }
}
