package org.convscope.app;

import javafx.scene.Node;

/** One of the app's views (Draw &amp; classify, Convolution, ...): the shell lists them in order. */
public interface AppView {

    /** The title in the view switcher. */
    String title();

    /** Builds the view's content; called once. Also used alone by the view's own TestFX test. */
    Node createContent(AppContext context);
}
