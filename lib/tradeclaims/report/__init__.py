"""The reports: which notebook runs with which parameters, what notebooks show, the runner
(papermill and nbconvert in one process), the make rules and the index page."""
