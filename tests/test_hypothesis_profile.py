"""The Hypothesis profile every property test runs under."""

from hypothesis import settings


def test_property_tests_have_no_deadline() -> None:
    # a deadline is an assertion on wall time, which a loaded machine fails at random
    assert settings.default.deadline is None
