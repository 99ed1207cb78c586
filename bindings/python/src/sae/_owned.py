"""The ownership rules shared by every libsae handle wrapped in Python."""
from __future__ import annotations

from typing import Any, TypeVar

from . import _library

_Owned = TypeVar("_Owned", bound="OwnedHandle")


class OwnedHandle:
    """A C handle owned by Python: released by close(), by a ``with`` block, or, as a safety
    net, when the object is garbage collected."""

    #: Name used in the error raised after close(), such as "sae.Model".
    _kind = "handle"
    #: The libsae function that releases the handle, such as "sae_free".
    _free_function = ""

    _handle: int | None = None

    @property
    def handle(self) -> int:
        """The C handle; raises ValueError once closed."""
        if self._handle is None:
            raise ValueError(f"operation on a closed {self._kind}")
        return self._handle

    def close(self) -> None:
        """Releases the handle; later calls raise ValueError. Closing twice is fine."""
        handle, self._handle = self._handle, None
        if handle:
            getattr(_library.library(), self._free_function)(handle)

    def __enter__(self: _Owned) -> _Owned:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter exit the library may already be gone; nothing is left to report to.
        try:
            self.close()
        except Exception:
            pass
