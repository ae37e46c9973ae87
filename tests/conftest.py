"""Settings shared by the tests: one environment whatever the caller's make, locale or terminal
(tests/workspace.py); hypothesis runs a fixed set of examples under CI, so every run there is
the same; locally it draws new ones each time."""

import os

from hypothesis import HealthCheck, settings

from workspace import clean_environment

_environment = clean_environment(os.environ)  # before any test, and before xdist's workers start
os.environ.clear()
os.environ.update(_environment)

settings.register_profile("ci", derandomize=True, max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("dev", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
