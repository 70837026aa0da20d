package org.convscope.lesson;

/**
 * "Try it yourself": Next waits until the student has done {@code condition}; {@code task} says
 * what to do ("Draw a digit of your own on the pad.").
 */
public record TryIt(Condition condition, String task) {

    /** What the student must do, measured against the state the step's action left. */
    public enum Condition {
        /** Ink on the drawing pad (or a picture opened). */
        DRAW("draw"),
        /** The convolution's or pooling's stride differs from the action's. */
        CHANGE_STRIDE("change-stride"),
        /** The padding differs from the action's. */
        CHANGE_PADDING("change-padding"),
        /** Another kernel (preset, size or a typed cell). */
        CHANGE_KERNEL("change-kernel"),
        /** Max switched to average pooling or back, or another pool size. */
        CHANGE_POOLING("change-pooling"),
        /** Another output cell than the action's (clicked, stepped or played to). */
        MOVE_STEP("move-step"),
        /** A feature map opened large in Inside the network. */
        OPEN_MAP("open-map"),
        /** A training run started. */
        START_TRAINING("start-training"),
        /** A training run finished and was evaluated. */
        FINISH_TRAINING("finish-training");

        /** The name in lesson files. */
        public final String key;

        Condition(String key) {
            this.key = key;
        }
    }
}
