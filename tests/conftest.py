"""Settings every test module shares."""

from hypothesis import settings

# No test asserts on wall time: a property holds however loaded the machine is.
settings.register_profile("timeline", deadline=None)
settings.load_profile("timeline")
