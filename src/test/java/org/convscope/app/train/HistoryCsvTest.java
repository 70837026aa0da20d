package org.convscope.app.train;

import org.convscope.app.train.TrainingSnapshot.BatchPoint;
import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryCsvTest {

    @Test
    void writesKerasCsvLoggerColumnsWithTheLearningRateAndTheBatchesBeside(@TempDir Path dir) throws Exception {
        List<Path> files = HistoryCsv.write(dir.resolve("history.csv"),
                List.of(new EpochLogs(1, 2, 0.5, 0.8, 0.4, 0.85, 3, 0.001f), new EpochLogs(2, 2, 0.25, 0.9, Double.NaN, Double.NaN, 3, 5e-4f)),
                List.of(new BatchPoint(1, 0.5, 0.75, 0.5, 0.001f)));
        assertEquals(List.of("epoch,accuracy,loss,lr,val_accuracy,val_loss", "0,0.8,0.5,0.001,0.85,0.4", "1,0.9,0.25,0.0005,,"),
                Files.readAllLines(files.get(0)));
        assertEquals(dir.resolve("history-batches.csv"), files.get(1));
        assertEquals(List.of("step,epoch,loss,accuracy,learning_rate", "1,0.5000,0.75,0.5,0.001"),
                Files.readAllLines(files.get(1)));
    }
}
