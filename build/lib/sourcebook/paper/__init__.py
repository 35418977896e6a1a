"""The course on paper: the built HTML printed to PDF by Chromium (`make pdf`, `make pdf-instructor`)."""
