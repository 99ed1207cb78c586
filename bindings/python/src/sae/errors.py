"""Exceptions raised when a libsae call fails, one class per status worth catching apart."""

from __future__ import annotations

import enum


class Status(enum.IntEnum):
    """The statuses libsae returns; values are fixed by its ABI."""

    OK = 0
    INVALID_ARGUMENT = -1
    OUT_OF_MEMORY = -2
    IO = -3
    PARSE = -4
    FORMAT = -5
    VERSION = -6
    DIMENSION = -7
    STATE = -8
    CANCELLED = -9
    DIVERGED = -10
    INTERNAL = -100


class SaeError(Exception):
    """A libsae call failed.

    ``status`` is the integer status libsae returned (a :class:`Status` value, or a plain int
    for a status newer than this binding); ``message`` is libsae's description of the failure.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def __str__(self) -> str:
        try:
            name = Status(self.status).name.lower().replace("_", " ")
        except ValueError:
            name = f"status {self.status}"
        return f"{name}: {self.message}" if self.message else name


class InvalidArgumentError(SaeError, ValueError):
    """A value out of range, a NaN in an array, an unknown preset name."""


class SaeMemoryError(SaeError, MemoryError):
    """libsae could not allocate memory."""


class SaeIOError(SaeError):
    """A file could not be opened, read or written; the message names it."""


class ParseError(SaeError):
    """A ratings file has a malformed line; the message names the file and line."""


class FormatError(SaeError):
    """A model file is corrupt, truncated or not a libsae model."""


class VersionError(SaeError):
    """A struct or file version this build of libsae (or of the binding) does not know."""


class DimensionError(SaeError, ValueError):
    """Sizes of a model, a data set or an array disagree."""


class StateError(SaeError):
    """The model cannot do this yet, typically because it has not been trained."""


class CancelledError(SaeError):
    """The progress callback stopped training; the model keeps its last finished epoch."""


class DivergedError(SaeError):
    """Training produced a NaN or infinite loss; the model keeps its last finite epoch."""


class InternalError(SaeError):
    """A bug in libsae."""


_BY_STATUS: dict[int, type[SaeError]] = {
    Status.INVALID_ARGUMENT: InvalidArgumentError,
    Status.OUT_OF_MEMORY: SaeMemoryError,
    Status.IO: SaeIOError,
    Status.PARSE: ParseError,
    Status.FORMAT: FormatError,
    Status.VERSION: VersionError,
    Status.DIMENSION: DimensionError,
    Status.STATE: StateError,
    Status.CANCELLED: CancelledError,
    Status.DIVERGED: DivergedError,
    Status.INTERNAL: InternalError,
}


def error_for(status: int, message: str) -> SaeError:
    """Builds the exception matching a status; unknown statuses give a plain SaeError."""
    try:
        status = Status(status)
    except ValueError:
        pass
    return _BY_STATUS.get(status, SaeError)(status, message)
