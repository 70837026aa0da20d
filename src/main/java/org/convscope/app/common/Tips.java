package org.convscope.app.common;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their node. Each {@link Tooltip} is a popup window with a scene of
 * its own, whose root JavaFX matches against the whole of AtlantaFX's stylesheet (no cache shared with the
 * window's scene): ≈ 15 % of the JavaFX thread's time to the app's first frame went on the Draw view's 20 and the
 * sample strip's one per picture, and most are never shown. JavaFX shows a tooltip only on hover (its behaviour
 * listens to the node's mouse moved, exited and pressed events, not to focus), and the pointer's first move onto a
 * node delivers the entered event before the moved one, so a tooltip made then shows as it did when made up front.
 * <p>
 * The text is also the node's accessible help: what a {@link Control} reports to a screen reader as its help when it
 * has a tooltip (its {@code HELP} attribute is its accessible help, or else its tooltip's text), so nothing changes
 * for keyboard and screen-reader users, who never hovered; other nodes now report it too.
 */
public final class Tips {
    /** Marks a node whose first entry already makes (or made) its tooltip. */
    private static final Object ARMED = new Object();

    private Tips() {
    }

    /** Gives {@code node} a tooltip showing {@code text}; called again, the tooltip shows the new text. */
    public static void install(Node node, String text) {
        if (node.accessibleHelpProperty().isBound()) node.accessibleHelpProperty().unbind();
        node.setAccessibleHelp(text);
        arm(node);
    }

    /** Gives {@code node} a tooltip that follows {@code text}. */
    public static void install(Node node, ObservableValue<String> text) {
        node.accessibleHelpProperty().bind(text);
        arm(node);
    }

    /** What {@code node}'s tooltip shows, whether it has been made yet or not; null without one. */
    public static String text(Node node) {
        return node.getProperties().containsKey(ARMED) ? node.getAccessibleHelp() : null;
    }

    private static void arm(Node node) {
        if (node.getProperties().putIfAbsent(ARMED, Boolean.TRUE) != null) return;
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(node.accessibleHelpProperty());
                if (node instanceof Control c) c.setTooltip(tip);
                else Tooltip.install(node, tip);
            }
        });
    }
}
