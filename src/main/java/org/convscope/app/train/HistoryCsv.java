package org.convscope.app.train;

import org.convscope.app.train.TrainingSnapshot.BatchPoint;
import org.convscope.engine.History;
import org.convscope.engine.TrainingListener.EpochLogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Training history as CSV: per epoch in Keras' CSVLogger columns, and per batch in a second file. */
public final class HistoryCsv {
    private HistoryCsv() {
    }

    /**
     * Writes {@code file} as Keras' CSVLogger does ({@link History#csv}: epoch,accuracy,loss,lr,val_accuracy,val_loss)
     * and {@code <name>-batches.csv} beside it (step,epoch,loss,accuracy,learning_rate).
     * @return both paths
     */
    public static List<Path> write(Path file, List<EpochLogs> epochs, List<BatchPoint> batches) throws IOException {
        Files.write(file, History.csv(epochs));
        List<String> batchRows = new ArrayList<>();
        batchRows.add("step,epoch,loss,accuracy,learning_rate");
        for (BatchPoint p : batches) {
            batchRows.add(String.format(Locale.ROOT, "%d,%.4f,%s,%s,%s", p.step(), p.epochs(), num(p.loss()), num(p.accuracy()),
                    Float.toString(p.learningRate())));
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        Path batchFile = file.resolveSibling(name + "-batches.csv");
        Files.write(batchFile, batchRows);
        return List.of(file, batchFile);
    }

    /** Empty for NaN (no validation), so spreadsheets read the column as numbers. */
    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
