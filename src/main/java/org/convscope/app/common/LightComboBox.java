package org.convscope.app.common;

import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.Skin;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * A {@link ComboBox} that looks, sizes and behaves as JavaFX's own (same skin, style classes, type selector, keyboard,
 * accessibility), but whose popup list joins the scene graph only when the popup is first opened.
 * <p>
 * Why: JavaFX's skin keeps the popup's {@code ListView} (24 nodes with its virtual flow and two scroll bars) among the
 * combo box's own children from the start, unmanaged and invisible, so every combo box in a view costs those nodes'
 * skins, CSS matching and layout when the view first opens, although nobody has opened its popup. Without it, the
 * sizes are those of JavaFX's skin: a non-editable combo box is as wide as its widest item's button cell in either
 * case (JavaFX measures that on the button cell, not on the list, since JDK-8178102); for an editable one JavaFX
 * also takes the list's preferred width (its widest cell + 30 px), which this skin computes from the items' text
 * (the list's cell padding as AtlantaFX styles it). When the popup opens, the
 * list moves into the popup's scene, as it does with JavaFX's skin, and stays there.
 * <p>
 * Use it in place of {@code new ComboBox<>()} wherever a view has menus; nothing else changes.
 */
public class LightComboBox<T> extends ComboBox<T> {

    /** An empty menu. */
    public LightComboBox() {
        super();
    }

    /** A menu of {@code items} (kept, not copied). */
    public LightComboBox(ObservableList<T> items) {
        super(items);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new LightSkin<>(this);
    }

    /** "ComboBox", as for JavaFX's own, so that stylesheets matching the type match this one too. */
    @Override
    public String getTypeSelector() {
        return "ComboBox";
    }

    /** JavaFX's skin without the popup list among the combo box's children until the popup is first shown. */
    static final class LightSkin<T> extends ComboBoxListViewSkin<T> {
        /** AtlantaFX's {@code .list-view} border width, in pixels. */
        private static final double LIST_BORDER = 1;
        private final ComboBox<T> box;

        LightSkin(ComboBox<T> box) {
            super(box);
            this.box = box;
            getChildren().remove(getPopupContent()); // the popup takes it as its content when first shown
        }

        @Override
        protected double computePrefWidth(double height, double topInset, double rightInset, double bottomInset, double leftInset) {
            // JavaFX's own: also puts the display node among the children the first time (an unskinned list says 100)
            double pw = super.computePrefWidth(height, topInset, rightInset, bottomInset, leftInset);
            if (getPopupContent().getScene() != null) return pw;
            // JavaFX's skin takes the larger of its display area (the button cell or the editor, and the arrow button)
            // and its list's preferred width: max(its own width, widest cell + 30).
            // The display node as JavaFX's skin holds it, read without getDisplayNode(), which would also put the
            // value's text back into the editor, undoing what is being typed
            Node display = box.isEditable() ? box.getEditor() : null;
            double arrowButton = 0;
            for (Node n : getChildren()) {
                if (!box.isEditable() && n instanceof ListCell<?>) display = n;
                if (n instanceof Region r && r.getStyleClass().contains("arrow-button") && !r.getChildrenUnmodifiable().isEmpty()) {
                    Region arrow = (Region) r.getChildrenUnmodifiable().get(0);
                    arrowButton = r.snappedLeftInset() + snapSizeX(arrow.prefWidth(-1)) + r.snappedRightInset();
                }
            }
            if (display == null || display.getParent() != box) return pw;
            double area = leftInset + display.prefWidth(height) + arrowButton + rightInset;
            double list = Math.max(50, Math.max(box.getWidth(), widestCell(display) + 30));
            return Math.max(area, list);
        }

        /**
         * The widest item as the list would measure it, without making the list's cells: its text in the font of the
         * combo box's button cell or editor, plus the padding of AtlantaFX's {@code .list-view .list-cell} (0.5em each
         * side) and the list's border ({@code .list-view}, 1 px each side).
         */
        private double widestCell(Node display) {
            // the display node is styled in the scene (the editor of a non-editable combo box is not)
            Font font = display instanceof Labeled l ? l.getFont() : display instanceof TextField t ? t.getFont() : Font.getDefault();
            Text text = new Text();
            text.setFont(font);
            StringConverter<T> converter = box.getConverter();
            double widest = 0;
            for (T item : box.getItems()) {
                text.setText(converter == null ? String.valueOf(item) : converter.toString(item));
                widest = Math.max(widest, text.getLayoutBounds().getWidth());
            }
            return snapSizeX(Math.ceil(widest) + font.getSize()) + 2 * LIST_BORDER;
        }
    }
}
