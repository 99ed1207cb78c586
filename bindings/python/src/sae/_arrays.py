"""Conversions between NumPy arrays and the float buffers libsae reads and writes."""

from __future__ import annotations

import ctypes

import numpy as np
import numpy.typing as npt

FLOAT_POINTER = ctypes.POINTER(ctypes.c_float)


def float32_array(values: npt.ArrayLike, what: str, ndim: int) -> npt.NDArray[np.float32]:
    """A C-contiguous float32 copy (or view, when already one) of real-valued values.

    Raises TypeError for non-numeric or complex data and ValueError for the wrong number of
    dimensions; NaN and infinities are left for libsae to reject with its own message.
    """
    array = np.asarray(values)
    if array.size and array.dtype.kind not in "biuf":
        raise TypeError(f"{what} must hold real numbers, not {array.dtype}")
    if array.ndim != ndim:
        raise ValueError(f"{what} must have {ndim} dimension(s), not shape {array.shape}")
    return np.ascontiguousarray(array, dtype=np.float32)


def float32_vector(values: npt.ArrayLike, what: str) -> npt.NDArray[np.float32]:
    """float32_array() for one dimension."""
    return float32_array(values, what, 1)


def as_float_pointer(array: npt.NDArray[np.float32]) -> ctypes._Pointer[ctypes.c_float]:
    """Pointer to the first element; the array must stay referenced for as long as it is used."""
    assert array.dtype == np.float32 and array.flags.c_contiguous
    return array.ctypes.data_as(FLOAT_POINTER)
