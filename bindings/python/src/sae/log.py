"""libsae's optional log lines, delivered to a Python function."""

from __future__ import annotations

import enum
import threading
from typing import Any, Callable, Optional

from . import _library


class LogLevel(enum.IntEnum):
    """Severity of a log line; a handler receives lines up to its chosen level."""

    ERROR = 0
    WARN = 1
    INFO = 2
    DEBUG = 3


LogHandler = Callable[[LogLevel, str], None]

_lock = threading.Lock()
# The installed C callback; libsae may call it at any time until it is replaced, so it lives here.
_installed: Optional[Any] = None


def set_log_handler(handler: LogHandler | None, max_level: LogLevel = LogLevel.INFO) -> None:
    """Installs ``handler(level, message)`` for libsae's log lines, process-wide.

    ``None`` switches logging off (the default). The handler runs on the thread that made the
    libsae call; an exception it raises is dropped, since it cannot cross into libsae.
    Example, forwarding to the standard ``logging`` module::

        logger = logging.getLogger("sae")
        sae.set_log_handler(lambda level, text: logger.info(text), sae.LogLevel.DEBUG)
    """
    global _installed

    if handler is None:
        callback = _library.LOG_FN()
    else:

        def forward(level: int, message: bytes | None, _user_data: Any) -> None:
            try:
                handler(LogLevel(level), (message or b"").decode("utf-8", "replace"))
            except Exception:
                pass

        callback = _library.LOG_FN(forward)

    with _lock:
        _library.library().sae_set_log_callback(callback, int(max_level), None)
        # Only dropped once libsae holds the new one, so the old one is never called dangling.
        _installed = callback if handler is not None else None
