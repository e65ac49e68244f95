"""Hypothesis profiles of the sync suites: fixed seeds and bounded sizes unless asked."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

# CI and `make test`: derandomized (fixed seeds), a bounded number of examples.
settings.register_profile(
    "ci", derandomize=True, max_examples=2, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    # Each example runs a real server database: shrinking would take minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate])
# Local exploration: FIELDCRM_HYPOTHESIS_PROFILE=explore (random seeds, more examples).
settings.register_profile(
    "explore", max_examples=50, stateful_step_count=80, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("FIELDCRM_HYPOTHESIS_PROFILE", "ci"))
