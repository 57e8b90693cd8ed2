/**
 * Lesson 13's fixed numbers, apart from the code that uses them, so a page can read them without
 * loading the generator or the engine.
 */

/** Steps of the lecture's six training recordings, in its order. */
export const LECTURE_LENGTHS = [64_480, 53_696, 56_416, 50_688, 51_888, 54_756] as const;
export const LECTURE_PEOPLE = 7;
export const LECTURE_RATE = 50;
/** Sitting, standing, walking, dancing, running. */
export const ACTIVITY_COUNT = 5;
/** The widget name the activity trainer keeps its runs under (the recorder reads them back). */
export const TRAINER_WIDGET = 'activity-trainer';
