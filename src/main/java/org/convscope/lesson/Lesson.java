package org.convscope.lesson;

import java.util.List;

/**
 * A guided lesson: a title, a line saying what it teaches, and the steps a teacher (or a student)
 * goes through with Next and Back.
 *
 * @param source where it was read from, for messages ({@code classpath:/assets/lessons/…} or a path)
 */
public record Lesson(String title, String summary, List<LessonStep> steps, String source) {
    public Lesson {
        steps = List.copyOf(steps);
    }
}
