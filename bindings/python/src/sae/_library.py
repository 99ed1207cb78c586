"""Finds libsae, declares the prototype of every function it exports and checks the struct mirror.

The library is loaded on first use rather than on import, so that ``import sae`` works without
it (for documentation or type checking) and the error appears where it can be handled.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import subprocess
import threading
from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_size_t, c_uint32, c_uint64
from ctypes import c_void_p
from typing import Any, Callable

from ._cstructs import CEpochReport, CMetrics, COptions, options_layout_problem
from .errors import SaeError, Status, VersionError, error_for

# Handles are void pointers: a restype left at the default int would truncate them on 64-bit.
HANDLE = c_void_p
HANDLE_OUT = POINTER(c_void_p)

# typedef int (*sae_progress_fn)(const sae_epoch_report *report, void *user_data);
PROGRESS_FN = ctypes.CFUNCTYPE(c_int, POINTER(CEpochReport), c_void_p)

# typedef void (*sae_log_fn)(int level, const char *message, void *user_data);
LOG_FN = ctypes.CFUNCTYPE(None, c_int, c_char_p, c_void_p)

# (name, restype, argtypes), in the order of sae.h.
_PROTOTYPES: list[tuple[str, Any, list[Any]]] = [
    # const char *sae_status_string(int status);
    ("sae_status_string", c_char_p, [c_int]),
    # const char *sae_last_error(void);
    ("sae_last_error", c_char_p, []),
    # const char *sae_version(void);
    ("sae_version", c_char_p, []),
    # uint32_t sae_version_number(void);
    ("sae_version_number", c_uint32, []),
    # void sae_set_log_callback(sae_log_fn fn, int max_level, void *user_data);
    ("sae_set_log_callback", None, [LOG_FN, c_int, c_void_p]),
    # int sae_dataset_load(sae_dataset **out, const char *path);
    ("sae_dataset_load", c_int, [HANDLE_OUT, c_char_p]),
    # int sae_dataset_load_split(sae_dataset **train_out, sae_dataset **test_out,
    #                            const char *dir, const char *name);
    ("sae_dataset_load_split", c_int, [HANDLE_OUT, HANDLE_OUT, c_char_p, c_char_p]),
    # int sae_dataset_from_arrays(sae_dataset **out, const uint32_t *users,
    #                             const uint32_t *items, const float *ratings, size_t count);
    (
        "sae_dataset_from_arrays",
        c_int,
        [HANDLE_OUT, POINTER(c_uint32), POINTER(c_uint32), POINTER(c_float), c_size_t],
    ),
    # int sae_dataset_resize(sae_dataset *dataset, uint32_t n_users, uint32_t n_items);
    ("sae_dataset_resize", c_int, [HANDLE, c_uint32, c_uint32]),
    # int sae_dataset_user_row(float *out, size_t out_len, const sae_dataset *dataset,
    #                          uint32_t user_id);
    ("sae_dataset_user_row", c_int, [POINTER(c_float), c_size_t, HANDLE, c_uint32]),
    # uint32_t sae_dataset_n_users(const sae_dataset *dataset);
    ("sae_dataset_n_users", c_uint32, [HANDLE]),
    # uint32_t sae_dataset_n_items(const sae_dataset *dataset);
    ("sae_dataset_n_items", c_uint32, [HANDLE]),
    # uint64_t sae_dataset_n_ratings(const sae_dataset *dataset);
    ("sae_dataset_n_ratings", c_uint64, [HANDLE]),
    # void sae_dataset_free(sae_dataset *dataset);
    ("sae_dataset_free", None, [HANDLE]),
    # void sae_options_default(sae_options *opts);
    # Declared with void * so that the layout check can pass a buffer larger than the mirror.
    ("sae_options_default", None, [c_void_p]),
    # int sae_options_preset(sae_options *opts, const char *name);
    ("sae_options_preset", c_int, [POINTER(COptions), c_char_p]),
    # int sae_create(sae_model **out, const sae_options *opts);
    ("sae_create", c_int, [HANDLE_OUT, POINTER(COptions)]),
    # int sae_fit(sae_model *model, const sae_dataset *train, sae_progress_fn progress,
    #             void *user_data);
    ("sae_fit", c_int, [HANDLE, HANDLE, PROGRESS_FN, c_void_p]),
    # int sae_predict(float *out, size_t out_len, const sae_model *model, const float *ratings,
    #                 size_t n_items);
    ("sae_predict", c_int, [POINTER(c_float), c_size_t, HANDLE, POINTER(c_float), c_size_t]),
    # int sae_predict_users(float *out, size_t out_len, const sae_model *model,
    #                       const sae_dataset *input, const uint32_t *user_ids, size_t n_users);
    (
        "sae_predict_users",
        c_int,
        [POINTER(c_float), c_size_t, HANDLE, HANDLE, POINTER(c_uint32), c_size_t],
    ),
    # int sae_evaluate(sae_metrics *out, const sae_model *model, const sae_dataset *input,
    #                  const sae_dataset *target);
    ("sae_evaluate", c_int, [POINTER(CMetrics), HANDLE, HANDLE, HANDLE]),
    # int sae_rmse(double *out, const sae_model *model, const sae_dataset *input,
    #              const sae_dataset *target);
    ("sae_rmse", c_int, [POINTER(c_double), HANDLE, HANDLE, HANDLE]),
    # uint32_t sae_model_n_items(const sae_model *model);
    ("sae_model_n_items", c_uint32, [HANDLE]),
    # int sae_model_options(sae_options *out, const sae_model *model);
    ("sae_model_options", c_int, [POINTER(COptions), HANDLE]),
    # int sae_save(const sae_model *model, const char *path);
    ("sae_save", c_int, [HANDLE, c_char_p]),
    # int sae_load(sae_model **out, const char *path);
    ("sae_load", c_int, [HANDLE_OUT, c_char_p]),
    # void sae_free(sae_model *model);
    ("sae_free", None, [HANDLE]),
]


class LibraryNotFoundError(ImportError):
    """libsae could not be found; the message lists where the binding looked."""


def _pkg_config_candidates() -> list[str]:
    try:
        result = subprocess.run(
            ["pkg-config", "--variable=libdir", "sae"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    libdir = result.stdout.strip()
    if result.returncode != 0 or not libdir:
        return []

    # The versioned name first: it is the ABI this binding was written for.
    return [os.path.join(libdir, name) for name in ("libsae.so.0", "libsae.so", "libsae.dylib")]


def _candidates() -> list[str]:
    explicit = os.environ.get("SAE_LIBRARY_PATH")
    if explicit:
        # An explicit choice is never second-guessed by falling back to another copy.
        return [explicit]

    found = [path for path in _pkg_config_candidates() if os.path.exists(path)]
    by_name = ctypes.util.find_library("sae")
    if by_name:
        found.append(by_name)
    return found


def _declare(lib: ctypes.CDLL) -> None:
    for name, restype, argtypes in _PROTOTYPES:
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def _load() -> ctypes.CDLL:
    tried = _candidates()
    errors = []
    for path in tried:
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as error:
            errors.append(f"{path}: {error}")
    else:
        where = "; ".join(errors) if errors else "nothing found"
        raise LibraryNotFoundError(
            "libsae not found (looked at SAE_LIBRARY_PATH, `pkg-config --variable=libdir sae` "
            f"and the system library path): {where}"
        )

    _declare(lib)
    problem = options_layout_problem(lib.sae_options_default)
    if problem is not None:
        raise VersionError(Status.VERSION, problem)
    return lib


@functools.lru_cache(maxsize=None)
def library() -> ctypes.CDLL:
    """The loaded libsae, with every prototype declared and the options mirror checked."""
    return _load()


_last_call = threading.local()


def call(function: Callable[..., int], *args: Any) -> None:
    """Calls a fallible libsae function and raises the matching SaeError when it fails.

    The message is thread-local in libsae and only valid until the next call on this thread, so
    it is read here, right after the failing call and on the same thread.
    """
    status = function(*args)
    if status != Status.OK:
        raw = library().sae_last_error()
        message = raw.decode("utf-8", "replace") if raw else ""
        raise error_for(status, message)


def path_argument(path: str | os.PathLike[str]) -> bytes:
    """A path as the bytes libsae expects, in the file system's encoding."""
    return os.fsencode(path)


__all__ = [
    "HANDLE",
    "LOG_FN",
    "PROGRESS_FN",
    "LibraryNotFoundError",
    "SaeError",
    "call",
    "library",
    "path_argument",
]
