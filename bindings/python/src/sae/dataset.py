"""Sets of (user, item, rating) triples, loaded from MovieLens files or built from arrays."""

from __future__ import annotations

import ctypes
import os
from typing import Any

import numpy as np
import numpy.typing as npt

from . import _library
from ._owned import OwnedHandle
from ._arrays import as_float_pointer, float32_vector


class Dataset(OwnedHandle):
    """Ratings with a shape of ``n_users`` × ``n_items``; ids are 1-based, as in MovieLens.

    Release it with :meth:`close` or a ``with`` block; a model never keeps a reference to it,
    so it may be closed as soon as the call that used it returns.
    """

    _kind = "sae.Dataset"
    _free_function = "sae_dataset_free"

    def __init__(self, _handle: int) -> None:
        # Built by the class methods below, never from a user-supplied handle.
        self._handle = _handle

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Dataset:
        """Reads a ratings file in the MovieLens ``u.data`` format (also ``::`` and CSV).

        Raises :class:`sae.SaeIOError` when the file cannot be read and :class:`sae.ParseError`
        (naming the line) when it is malformed.
        """
        lib = _library.library()
        handle = ctypes.c_void_p()
        _library.call(lib.sae_dataset_load, ctypes.byref(handle), _library.path_argument(path))
        return cls(handle.value or 0)

    @classmethod
    def load_split(cls, directory: str | os.PathLike[str], name: str) -> tuple[Dataset, Dataset]:
        """Reads ``DIR/NAME.base`` and ``DIR/NAME.test`` (such as ML-100K's "u1") with one shape.

        Returns ``(train, test)``.
        """
        lib = _library.library()
        train = ctypes.c_void_p()
        test = ctypes.c_void_p()
        _library.call(
            lib.sae_dataset_load_split,
            ctypes.byref(train),
            ctypes.byref(test),
            _library.path_argument(directory),
            name.encode(),
        )
        return cls(train.value or 0), cls(test.value or 0)

    @classmethod
    def from_arrays(
        cls, users: npt.ArrayLike, items: npt.ArrayLike, ratings: npt.ArrayLike
    ) -> Dataset:
        """Builds a data set from three equally long sequences of user ids, item ids, ratings."""
        user_ids = _id_vector(users, "users")
        item_ids = _id_vector(items, "items")
        values = float32_vector(ratings, "ratings")
        if not len(user_ids) == len(item_ids) == len(values):
            raise ValueError(
                f"users, items and ratings differ in length: "
                f"{len(user_ids)}, {len(item_ids)}, {len(values)}"
            )

        lib = _library.library()
        handle = ctypes.c_void_p()
        _library.call(
            lib.sae_dataset_from_arrays,
            ctypes.byref(handle),
            user_ids.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32)),
            item_ids.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32)),
            as_float_pointer(values),
            len(values),
        )
        return cls(handle.value or 0)

    @property
    def n_users(self) -> int:
        """Number of users (rows)."""
        return int(_library.library().sae_dataset_n_users(self.handle))

    @property
    def n_items(self) -> int:
        """Number of items (columns)."""
        return int(_library.library().sae_dataset_n_items(self.handle))

    @property
    def n_ratings(self) -> int:
        """Number of ratings stored."""
        return int(_library.library().sae_dataset_n_ratings(self.handle))

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_users, n_items)``."""
        return self.n_users, self.n_items

    def __len__(self) -> int:
        return self.n_ratings

    def resize(self, n_users: int, n_items: int) -> None:
        """Widens the shape, for instance to match a model trained on more items."""
        _library.call(_library.library().sae_dataset_resize, self.handle, n_users, n_items)

    def user_row(self, user_id: int) -> npt.NDArray[np.float32]:
        """One user's ratings as a dense float32 row of ``n_items`` (0 where not rated)."""
        row = np.zeros(self.n_items, dtype=np.float32)
        _library.call(
            _library.library().sae_dataset_user_row,
            as_float_pointer(row),
            len(row),
            self.handle,
            user_id,
        )
        return row

    def __repr__(self) -> str:
        if self._handle is None:
            return "sae.Dataset(closed)"
        return f"sae.Dataset({self.n_users} users, {self.n_items} items, {self.n_ratings} ratings)"


def _id_vector(values: npt.ArrayLike, what: str) -> npt.NDArray[np.uint32]:
    array = np.asarray(values)
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise TypeError(f"{what} must be a one-dimensional sequence of integer ids")
    if array.size and (array.min() < 1 or array.max() > np.iinfo(np.uint32).max):
        raise ValueError(f"{what}: ids must be between 1 and {np.iinfo(np.uint32).max}")
    return np.ascontiguousarray(array, dtype=np.uint32)
