package org.convscope.lesson;

import java.util.Map;

/**
 * One step of a lesson: what the teacher says ({@code title}, two or three sentences of
 * {@code text}), the {@code action} that sets a view up for it, what the view then shows
 * ({@code expect}, checked when the step is run), and optionally a task the student must do before
 * Next is enabled.
 *
 * @param expect what the view shows after the action, by {@link Expectation} (empty for none)
 * @param tryIt  the student's task, or null
 * @param line   the line of the step in its file, for messages
 */
public record LessonStep(String title, String text, LessonAction action, Map<Expectation, String> expect, TryIt tryIt, int line) {
    public LessonStep {
        expect = Map.copyOf(expect);
    }
}
