"""The autoencoder model: create, train, predict, score, save and load."""

from __future__ import annotations

import ctypes
import dataclasses
import os
from typing import Any, Callable, Optional

import numpy as np
import numpy.typing as npt

from . import _library
from ._owned import OwnedHandle
from ._arrays import as_float_pointer, float32_array
from ._cstructs import CEpochReport, CMetrics, COptions
from .dataset import Dataset
from .errors import CancelledError, Status, VersionError
from .options import Options


@dataclasses.dataclass(frozen=True)
class EpochReport:
    """Progress of training, passed to the progress callback after every epoch."""

    epoch: int
    """Epochs completed, from 1."""
    n_epochs: int
    """Epochs requested."""
    n_users_trained: int
    """Users that took a step in this epoch."""
    train_loss: float
    """Mean over users of each user's RMSE before its step."""
    elapsed_seconds: float
    """Wall time since fit() started."""
    validation_rmse: float
    """RMSE on the held-out validation ratings; 0 without validation."""
    best_epoch: int
    """Epoch with the lowest validation RMSE so far; 0 without validation."""
    ensemble_member: int
    """Network of the ensemble being trained, from 1."""


@dataclasses.dataclass(frozen=True)
class Metrics:
    """Accuracy of a model on held-out ratings, returned by :meth:`Model.evaluate`."""

    n_users: int
    """Users with at least one target rating."""
    n_ratings: int
    """Target ratings scored."""
    rmse: float
    """Root mean squared error over all target ratings."""
    mae: float
    """Mean absolute error over all target ratings."""
    mean_user_rmse: float
    """Mean over users of each user's RMSE."""


ProgressCallback = Callable[[EpochReport], Optional[bool]]
"""Called after each epoch; returning True stops training (fit() then raises CancelledError)."""


class Model(OwnedHandle):
    """A stacked autoencoder that predicts a user's ratings of every item from the known ones.

    Create it from :class:`Options`, a preset name or keyword overrides::

        with sae.Model("seed", epochs=20) as model:
            model.fit(train)
            predicted = model.predict(train.user_row(1))

    Release it with :meth:`close` or a ``with`` block. :meth:`predict`, :meth:`predict_users`,
    :meth:`rmse` and :meth:`evaluate` may run from several threads at once on a trained model;
    everything else needs one thread at a time.
    """

    _kind = "sae.Model"
    _free_function = "sae_free"

    def __init__(self, options: Options | str | None = None, **fields: Any) -> None:
        self._handle = None
        if isinstance(options, Options):
            c_options = COptions.from_buffer_copy(options.c_struct)
            chosen = Options._from_c(c_options)
            for name, value in fields.items():
                setattr(chosen, name, value)
        else:
            chosen = Options(options, **fields)

        lib = _library.library()
        handle = ctypes.c_void_p()
        _library.call(lib.sae_create, ctypes.byref(handle), ctypes.byref(chosen.c_struct))
        self._handle = handle.value

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Reads a model written by :meth:`save`, from this or any other libsae binding."""
        lib = _library.library()
        handle = ctypes.c_void_p()
        _library.call(lib.sae_load, ctypes.byref(handle), _library.path_argument(path))

        model = cls.__new__(cls)
        model._handle = handle.value
        return model

    @property
    def n_items(self) -> int:
        """Number of items the model reads and predicts; 0 before training."""
        return int(_library.library().sae_model_n_items(self.handle))

    @property
    def options(self) -> Options:
        """A copy of the options the model was created or loaded with."""
        c_options = COptions()
        c_options.struct_size = ctypes.sizeof(COptions)
        _library.call(_library.library().sae_model_options, ctypes.byref(c_options), self.handle)
        return Options._from_c(c_options)

    def fit(self, train: Dataset, progress: ProgressCallback | None = None) -> None:
        """Trains on every user of ``train`` for the configured number of epochs.

        A later call trains further from the current weights. ``progress`` receives an
        :class:`EpochReport` after each epoch; returning True stops training, and so does an
        exception, which is raised again from here once libsae has returned. A stopped fit
        raises :class:`sae.CancelledError` and leaves the weights of the last finished epoch.
        """
        lib = _library.library()
        if progress is None:
            _library.call(lib.sae_fit, self.handle, train.handle, _library.PROGRESS_FN(), None)
            return

        raised: list[BaseException] = []
        trampoline = _library.PROGRESS_FN(_progress_trampoline(progress, raised))
        try:
            # `trampoline` stays referenced until sae_fit returns, the only time C may call it.
            _library.call(lib.sae_fit, self.handle, train.handle, trampoline, None)
        except CancelledError:
            if not raised:
                raise
        if raised:
            raise raised[0]

    def predict(self, ratings: npt.ArrayLike) -> npt.NDArray[np.float32]:
        """Predicts every item's rating from known ratings (0 where not rated).

        ``ratings`` is one row of ``n_items`` values, giving a row of predictions, or a 2-D
        array with one user per row, giving one row of predictions per user.
        """
        array = np.asarray(ratings)
        if array.ndim == 2:
            rows = float32_array(array, "ratings", 2)
            return np.stack([self._predict_row(row) for row in rows]).reshape(
                len(rows), self.n_items
            )
        return self._predict_row(float32_array(array, "ratings", 1))

    def _predict_row(self, row: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        out = np.empty(self.n_items, dtype=np.float32)
        _library.call(
            _library.library().sae_predict,
            as_float_pointer(out),
            len(out),
            self.handle,
            as_float_pointer(row),
            len(row),
        )
        return out

    def predict_users(
        self, input: Dataset, user_ids: npt.ArrayLike
    ) -> npt.NDArray[np.float32]:
        """Predicts full rows for several users, each from that user's ratings in ``input``.

        Returns a float32 array of shape ``(len(user_ids), n_items)``.
        """
        ids = np.asarray(user_ids)
        if ids.ndim != 1 or (ids.size and ids.dtype.kind not in "iu"):
            raise TypeError("user_ids must be a one-dimensional sequence of integer ids")
        if ids.size and ids.min() < 1:
            raise ValueError(f"user_ids: ids start at 1, got {ids.min()}")
        ids = np.ascontiguousarray(ids, dtype=np.uint32)

        out = np.empty((len(ids), self.n_items), dtype=np.float32)
        _library.call(
            _library.library().sae_predict_users,
            as_float_pointer(out),
            out.size,
            self.handle,
            input.handle,
            ids.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32)),
            len(ids),
        )
        return out

    def evaluate(self, input: Dataset, target: Dataset) -> Metrics:
        """Scores the model: each target user's row is predicted from that user's input row."""
        c_metrics = CMetrics()
        c_metrics.struct_size = ctypes.sizeof(CMetrics)
        _library.call(
            _library.library().sae_evaluate,
            ctypes.byref(c_metrics),
            self.handle,
            input.handle,
            target.handle,
        )
        return Metrics(
            n_users=c_metrics.n_users,
            n_ratings=c_metrics.n_ratings,
            rmse=c_metrics.rmse,
            mae=c_metrics.mae,
            mean_user_rmse=c_metrics.mean_user_rmse,
        )

    def rmse(self, input: Dataset, target: Dataset) -> float:
        """Global RMSE over all ratings of ``target``, predicted from ``input``."""
        value = ctypes.c_double()
        _library.call(
            _library.library().sae_rmse,
            ctypes.byref(value),
            self.handle,
            input.handle,
            target.handle,
        )
        return value.value

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the trained model to ``path`` atomically: a failure leaves no partial file."""
        _library.call(_library.library().sae_save, self.handle, _library.path_argument(path))

    def __repr__(self) -> str:
        if getattr(self, "_handle", None) is None:
            return "sae.Model(closed)"
        return f"sae.Model(n_items={self.n_items})"


def _progress_trampoline(
    progress: ProgressCallback, raised: list[BaseException]
) -> Callable[[Any, Any], int]:
    """Wraps a Python callback for C: exceptions are parked in ``raised`` and stop training."""

    def trampoline(report: Any, _user_data: Any) -> int:
        # Nothing may propagate into C: ctypes would print the exception and return 0.
        try:
            c_report = report.contents
            if c_report.struct_size < ctypes.sizeof(CEpochReport):
                raise VersionError(
                    Status.VERSION,
                    f"sae_epoch_report has {c_report.struct_size} bytes, fewer than the "
                    f"{ctypes.sizeof(CEpochReport)} the binding reads",
                )
            stop = progress(
                EpochReport(
                    epoch=c_report.epoch,
                    n_epochs=c_report.n_epochs,
                    n_users_trained=c_report.n_users_trained,
                    train_loss=c_report.train_loss,
                    elapsed_seconds=c_report.elapsed_seconds,
                    validation_rmse=c_report.validation_rmse,
                    best_epoch=c_report.best_epoch,
                    ensemble_member=c_report.ensemble_member,
                )
            )
            return 1 if stop else 0
        except BaseException as error:
            raised.append(error)
            return 1

    return trampoline
