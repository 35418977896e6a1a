"""The student's own work outside the browser: what a notebook keeps between kernel restarts."""
