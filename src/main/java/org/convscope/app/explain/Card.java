package org.convscope.app.explain;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A captioned card of the explanation views: a title over its pictures or bars, sharing a row's width. */
final class Card {
    private Card() {
    }

    static VBox of(String title, Node... content) {
        Label caption = new Label(title);
        caption.getStyleClass().add("caption");
        VBox card = new VBox(caption);
        card.getChildren().addAll(content);
        card.getStyleClass().addAll("card", "fool-card");
        HBox.setHgrow(card, Priority.ALWAYS);
        return card;
    }
}
