package org.convscope.app.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

import java.util.Objects;

/**
 * Tooltips made when the pointer first enters their node. Each {@link Tooltip} is a popup window with a scene of
 * its own, whose root JavaFX matches against the whole of AtlantaFX's stylesheet (no cache shared with the
 * window's scene): ≈ 15 % of the JavaFX thread's time to the app's first frame went on the Draw view's 20 and the
 * sample strip's one per picture, and most are never shown. JavaFX shows a tooltip only on hover (its behaviour
 * listens to the node's mouse moved, exited and pressed events, not to focus), and the pointer's first move onto a
 * node delivers the entered event before the moved one, so a tooltip made then shows as it did when made up front.
 * <p>
 * The text is also the node's accessible help, unless the node gives one of its own: a {@link Control} reports to
 * a screen reader its accessible help, or else its tooltip's text, so nothing changes for keyboard and
 * screen-reader users, who never hovered; other nodes now report it too.
 */
public final class Tips {
    /** The key of a node's tooltip text in its properties; present once the node has a tip. */
    private static final Object TEXT = new Object();

    private Tips() {
    }

    /** Gives {@code node} a tooltip showing {@code text}; called again, the tooltip shows the new text. */
    public static void install(Node node, String text) {
        StringProperty tip = (StringProperty) node.getProperties().get(TEXT);
        if (tip == null) {
            tip = new SimpleStringProperty();
            node.getProperties().put(TEXT, tip);
            makeOnFirstEntry(node, tip);
        }
        // the help follows the tip only where the tip set it (a node's own help, e.g. why a button is off, stays)
        if (!node.accessibleHelpProperty().isBound() && Objects.equals(node.getAccessibleHelp(), tip.get())) {
            node.setAccessibleHelp(text);
        }
        tip.set(text);
    }

    /** What {@code node}'s tooltip shows, whether it has been made yet or not; null without one. */
    public static String text(Node node) {
        StringProperty tip = (StringProperty) node.getProperties().get(TEXT);
        return tip == null ? null : tip.get();
    }

    private static void makeOnFirstEntry(Node node, StringProperty text) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text);
                if (node instanceof Control c) c.setTooltip(tip);
                else Tooltip.install(node, tip);
            }
        });
    }
}
