"""Python binding of libsae, a stacked autoencoder recommender for explicit ratings.

Train on a MovieLens split and predict one user's ratings::

    import sae

    train, test = sae.Dataset.load_split("ml-100k", "u1")
    with sae.Model("seed", epochs=50) as model:
        model.fit(train)
        print("test RMSE", model.rmse(train, test))
        predicted = model.predict(train.user_row(1))

libsae is found through the SAE_LIBRARY_PATH environment variable, then
``pkg-config --variable=libdir sae``, then the system's library path.
"""

from __future__ import annotations

from . import _library
from ._library import LibraryNotFoundError
from .dataset import Dataset
from .errors import (
    CancelledError,
    DimensionError,
    DivergedError,
    FormatError,
    InternalError,
    InvalidArgumentError,
    ParseError,
    SaeError,
    SaeIOError,
    SaeMemoryError,
    StateError,
    Status,
    VersionError,
)
from .log import LogHandler, LogLevel, set_log_handler
from .model import EpochReport, Metrics, Model, ProgressCallback
from .options import Activation, Optimizer, Options, Orientation

__version__ = "0.1.0"


def library_version() -> str:
    """Version of the libsae that was loaded, as "MAJOR.MINOR.PATCH"."""
    return str(_library.library().sae_version().decode())


def status_string(status: int) -> str:
    """libsae's English name of a status, such as "invalid argument"."""
    return str(_library.library().sae_status_string(status).decode())


__all__ = [
    "Activation",
    "CancelledError",
    "Dataset",
    "DimensionError",
    "DivergedError",
    "EpochReport",
    "FormatError",
    "InternalError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "LogHandler",
    "LogLevel",
    "Metrics",
    "Model",
    "Optimizer",
    "Options",
    "Orientation",
    "ParseError",
    "ProgressCallback",
    "SaeError",
    "SaeIOError",
    "SaeMemoryError",
    "StateError",
    "Status",
    "VersionError",
    "library_version",
    "set_log_handler",
    "status_string",
]
