"""ctypes mirrors of the structs declared in sae.h.

This module is the only place that knows their layout. sae_options grows by appending fields;
check_options_layout() compares the mirror with what the loaded library writes, so a mirror that
has fallen behind fails loudly instead of sending libsae a struct it would misread.
"""

from __future__ import annotations

import ctypes
from typing import Callable

MAX_HIDDEN_LAYERS = 8


class COptions(ctypes.Structure):
    """struct sae_options, field for field and in the same order."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("n_hidden", ctypes.c_uint32),
        ("hidden_sizes", ctypes.c_uint32 * MAX_HIDDEN_LAYERS),
        ("hidden_activations", ctypes.c_int32 * MAX_HIDDEN_LAYERS),
        ("output_activation", ctypes.c_int32),
        ("optimizer", ctypes.c_int32),
        ("learning_rate", ctypes.c_double),
        ("weight_decay", ctypes.c_double),
        ("rmsprop_alpha", ctypes.c_double),
        ("epsilon", ctypes.c_double),
        ("epochs", ctypes.c_uint32),
        ("accumulate_gradients", ctypes.c_int32),
        ("seed", ctypes.c_uint64),
        ("threads", ctypes.c_uint32),
        ("clip_predictions", ctypes.c_int32),
        ("rating_min", ctypes.c_double),
        ("rating_max", ctypes.c_double),
        ("orientation", ctypes.c_int32),
        ("batch_size", ctypes.c_uint32),
        ("l2", ctypes.c_double),
        ("input_dropout", ctypes.c_double),
        ("hidden_dropout", ctypes.c_double),
        ("momentum", ctypes.c_double),
        ("beta2", ctypes.c_double),
        ("validation_fraction", ctypes.c_double),
        ("patience", ctypes.c_uint32),
        ("ensemble_size", ctypes.c_uint32),
    ]


class CEpochReport(ctypes.Structure):
    """struct sae_epoch_report."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("epoch", ctypes.c_uint32),
        ("n_epochs", ctypes.c_uint32),
        ("n_users_trained", ctypes.c_uint32),
        ("train_loss", ctypes.c_double),
        ("elapsed_seconds", ctypes.c_double),
        ("validation_rmse", ctypes.c_double),
        ("best_epoch", ctypes.c_uint32),
        ("ensemble_member", ctypes.c_uint32),
    ]


class CMetrics(ctypes.Structure):
    """struct sae_metrics."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("n_users", ctypes.c_uint32),
        ("n_ratings", ctypes.c_uint64),
        ("rmse", ctypes.c_double),
        ("mae", ctypes.c_double),
        ("mean_user_rmse", ctypes.c_double),
    ]


# Defaults documented in sae.h, read back at their offsets to catch a field that moved. Only
# constants of the algorithms are listed, spread over the struct: the defaults of the tunable
# fields change as better configurations are measured.
OPTIONS_DEFAULTS: dict[str, object] = {
    "rmsprop_alpha": 0.99,
    "epsilon": 1e-8,
    "rating_min": 1.0,
    "rating_max": 5.0,
    "momentum": 0.9,
    "beta2": 0.999,
}

# Far larger than sae_options will ever grow, so that a newer library never writes past the end.
_PROBE_SIZE = 4096


def options_layout_problem(options_default: Callable[[ctypes.c_void_p], None]) -> str | None:
    """Describes how the mirror disagrees with the library, or returns None when they agree.

    options_default is the library's sae_options_default, called on a zeroed probe buffer.
    """
    probe = ctypes.create_string_buffer(_PROBE_SIZE)
    options_default(ctypes.cast(probe, ctypes.c_void_p))

    written = COptions.from_buffer_copy(probe.raw[: ctypes.sizeof(COptions)])
    if written.struct_size != ctypes.sizeof(COptions):
        return (
            f"libsae's sae_options has {written.struct_size} bytes but the Python binding "
            f"mirrors {ctypes.sizeof(COptions)}; update sae/_cstructs.py to match sae.h"
        )

    for name, expected in OPTIONS_DEFAULTS.items():
        actual = getattr(written, name)
        if actual != expected:
            return (
                f"libsae's default for sae_options.{name} is {actual!r} where the binding "
                f"expects {expected!r}: the mirror's field offsets are stale"
            )
    return None
