package org.convscope.app.common;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/** Keeps a chart's accessible text on its series' last values, e.g. {@code Loss, epoch 3: train (epoch) 0.1234, validation (epoch) 0.2345}. */
public final class ChartDescriptions {
    private ChartDescriptions() {
    }

    /** Describes {@code chart} now and whenever a series gains or loses points; {@code xName} names the x axis ("epoch"). */
    public static void follow(XYChart<Number, Number> chart, String xName) {
        follow(chart, null, xName);
    }

    /** As {@link #follow(XYChart, String)}, under {@code name} when the chart shows no title (null: its title). */
    public static void follow(XYChart<Number, Number> chart, String name, String xName) {
        Runnable describe = () -> {
            List<String> names = new ArrayList<>();
            List<double[]> last = new ArrayList<>();
            for (XYChart.Series<Number, Number> s : chart.getData()) {
                names.add(s.getName());
                var data = s.getData();
                last.add(data.isEmpty() ? null : new double[] {data.get(data.size() - 1).getXValue().doubleValue(),
                        data.get(data.size() - 1).getYValue().doubleValue()});
            }
            String title = name != null ? name : chart.getTitle() == null || chart.getTitle().isBlank() ? "Chart" : chart.getTitle();
            chart.setAccessibleText(Descriptions.chart(title, xName, names, last));
        };
        ListChangeListener<Object> changed = c -> describe.run();
        for (XYChart.Series<Number, Number> s : chart.getData()) s.getData().addListener(changed);
        chart.titleProperty().addListener(o -> describe.run());
        describe.run();
    }
}
