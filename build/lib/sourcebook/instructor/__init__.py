"""The instructor's side: assignments, the two editions, the class report, gradebooks, LMS exports, feedback."""
