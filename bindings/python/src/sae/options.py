"""Options that shape and train a model, as a Python object over libsae's options struct."""

from __future__ import annotations

import ctypes
import enum
from typing import Any, Iterable

from . import _library
from ._cstructs import MAX_HIDDEN_LAYERS, COptions


class Activation(enum.IntEnum):
    """Activation functions of the hidden and output layers."""

    IDENTITY = 0
    SIGMOID = 1
    TANH = 2
    RELU = 3
    ELU = 4
    SELU = 5


class Optimizer(enum.IntEnum):
    """Optimisers that update the weights."""

    RMSPROP = 0
    SGD = 1
    ADAM = 2
    ADAMW = 3


class Orientation(enum.IntEnum):
    """What one row of the autoencoder holds."""

    USER = 0
    """A user's ratings of all items."""
    ITEM = 1
    """An item's ratings by all users."""


# The two per-layer arrays are read and written as lists of n_hidden entries.
_LAYER_FIELDS = ("hidden_sizes", "hidden_activations")
_FIELD_NAMES = tuple(field[0] for field in COptions._fields_ if field[0] != "struct_size")


class Options:
    """Everything that shapes and trains a model.

    Starts from libsae's defaults, or from a named preset ("default" or "seed"), then applies
    keyword overrides; every field of the C struct is an attribute::

        opts = sae.Options("seed", epochs=20, hidden_sizes=[32, 16, 32])
        opts.learning_rate = 0.005

    ``hidden_sizes`` and ``hidden_activations`` are lists with one entry per hidden layer;
    assigning ``hidden_sizes`` also sets ``n_hidden``. Values are checked by libsae when a
    model is created, and a bad one raises :class:`sae.InvalidArgumentError` naming the field.
    """

    def __init__(self, preset: str | None = None, **fields: Any) -> None:
        lib = _library.library()
        c_options = COptions()
        if preset is None:
            lib.sae_options_default(ctypes.cast(ctypes.pointer(c_options), ctypes.c_void_p))
        else:
            _library.call(lib.sae_options_preset, ctypes.byref(c_options), preset.encode())
        object.__setattr__(self, "_c", c_options)

        for name, value in fields.items():
            setattr(self, name, value)

    @classmethod
    def _from_c(cls, c_options: COptions) -> Options:
        options = cls.__new__(cls)
        object.__setattr__(options, "_c", c_options)
        return options

    @property
    def c_struct(self) -> COptions:
        """The underlying ctypes struct, for passing to libsae."""
        c_options: COptions = self.__dict__["_c"]
        return c_options

    def __getattr__(self, name: str) -> Any:
        if name not in _FIELD_NAMES:
            raise AttributeError(f"sae.Options has no field {name!r}")

        value = getattr(self._c, name)
        if name in _LAYER_FIELDS:
            count = min(self._c.n_hidden, MAX_HIDDEN_LAYERS)
            values = list(value)[:count]
            return [Activation(v) for v in values] if name == "hidden_activations" else values
        if name == "optimizer":
            return Optimizer(value)
        if name == "orientation":
            return Orientation(value)
        if name == "output_activation":
            return Activation(value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in _FIELD_NAMES:
            raise AttributeError(f"sae.Options has no field {name!r}")

        if name in _LAYER_FIELDS:
            self._set_layers(name, value)
        else:
            setattr(self._c, name, value)
            _check_stored(name, value, getattr(self._c, name))

    def _set_layers(self, name: str, values: Iterable[int]) -> None:
        values = [int(v) for v in values]
        if len(values) > MAX_HIDDEN_LAYERS:
            raise ValueError(
                f"{name}: at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(values)}"
            )

        array = getattr(self._c, name)
        for index, value in enumerate(values):
            array[index] = value
            _check_stored(f"{name}[{index}]", value, array[index])
        if name == "hidden_sizes":
            self._c.n_hidden = len(values)

    def as_dict(self) -> dict[str, Any]:
        """Every field by name (struct_size left out)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.as_dict().items())
        return f"sae.Options({fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Options):
            return NotImplemented
        return self.as_dict() == other.as_dict()


def _check_stored(name: str, given: Any, stored: Any) -> None:
    # ctypes wraps integers silently: -1 would become 4294967295 in an unsigned field.
    if stored != given:
        raise ValueError(f"{name}: {given!r} does not fit the field (stored as {stored!r})")
