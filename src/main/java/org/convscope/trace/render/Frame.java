package org.convscope.trace.render;

import java.util.List;

/**
 * Everything one animation frame shows: a title, the input channels, the kernel channels (none for
 * pooling), the output so far, and text lines (equation, then the output-size formulas).
 */
public record Frame(String title, List<GridPicture> inputs, List<GridPicture> kernels, GridPicture output,
                    List<String> equation, List<String> formulas) {
}
