"""Helpers shared by the test modules."""

from __future__ import annotations

import sae


def small_options(**overrides: object) -> sae.Options:
    """The notebook's trainer on a network small enough to train on the tiny file at once."""
    fields: dict[str, object] = {"hidden_sizes": [3], "epochs": 20, "seed": 7}
    fields.update(overrides)
    return sae.Options("seed", **fields)
