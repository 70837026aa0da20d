package org.convscope.app.draw;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;

/** Mouse strokes on a {@link DrawingPad}, at points given in fractions of its ink square, for the views' tests. */
public final class PadStrokes {
    private PadStrokes() {
    }

    /** A point of the ink square of the pad {@code id}, in fractions of its side from the top-left corner. */
    public static Point2D onPad(FxRobot robot, String id, double fx, double fy) {
        DrawingPad pad = robot.lookup(id).queryAs(DrawingPad.class);
        Bounds b = pad.localToScreen(pad.getLayoutBounds());
        double side = pad.side();
        double left = b.getMinX() + (b.getWidth() - side) / 2, top = b.getMinY() + (b.getHeight() - side) / 2;
        return new Point2D(left + fx * side, top + fy * side);
    }

    /** Presses at the first point (fx, fy pairs), moves through the others, releases. */
    public static void stroke(FxRobot robot, String id, double... fractions) {
        robot.moveTo(onPad(robot, id, fractions[0], fractions[1])).press(MouseButton.PRIMARY);
        for (int i = 2; i < fractions.length; i += 2) robot.moveTo(onPad(robot, id, fractions[i], fractions[i + 1]));
        robot.release(MouseButton.PRIMARY);
    }
}
