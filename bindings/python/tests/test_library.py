"""Finding libsae and checking the options mirror against it."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sae
from sae import _cstructs, _library


def test_options_mirror_matches_the_library() -> None:
    lib = _library.library()
    probe = ctypes.create_string_buffer(4096)

    lib.sae_options_default(ctypes.cast(probe, ctypes.c_void_p))

    written = int.from_bytes(probe.raw[:4], sys.byteorder)
    assert written == ctypes.sizeof(_cstructs.COptions)
    assert _cstructs.options_layout_problem(lib.sae_options_default) is None


def test_a_grown_struct_is_reported() -> None:
    def newer_default(buffer: ctypes.c_void_p) -> None:
        _library.library().sae_options_default(buffer)
        grown = ctypes.sizeof(_cstructs.COptions) + 8
        ctypes.memmove(buffer, grown.to_bytes(4, sys.byteorder), 4)

    problem = _cstructs.options_layout_problem(newer_default)

    assert problem is not None and "_cstructs.py" in problem


def test_a_moved_field_is_reported() -> None:
    def shifted_default(buffer: ctypes.c_void_p) -> None:
        _library.library().sae_options_default(buffer)
        offset = _cstructs.COptions.rating_max.offset
        ctypes.memset(ctypes.c_void_p(buffer.value + offset), 0, 8)  # type: ignore[operator]

    problem = _cstructs.options_layout_problem(shifted_default)

    assert problem is not None and "rating_max" in problem


def test_seed_preset_reads_through_the_mirror() -> None:
    # The notebook's configuration, fixed for good, unlike the tunable defaults.
    options = sae.Options("seed")

    assert options.hidden_sizes == [20, 10, 20]
    assert options.hidden_activations == [sae.Activation.SIGMOID] * 3
    assert options.output_activation == sae.Activation.IDENTITY
    assert options.optimizer == sae.Optimizer.RMSPROP
    assert options.orientation == sae.Orientation.USER
    assert options.learning_rate == 0.01
    assert options.weight_decay == 0.5
    assert options.epochs == 200
    assert options.batch_size == 0
    assert options.ensemble_size == 1


def test_library_version_is_a_dotted_triple() -> None:
    parts = sae.library_version().split(".")

    assert len(parts) == 3 and all(part.isdigit() for part in parts)


def test_a_wrong_library_path_fails_clearly(tmp_path: Path) -> None:
    env = dict(os.environ, SAE_LIBRARY_PATH=str(tmp_path / "libsae-missing.so"))
    source = str(Path(sae.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))

    result = subprocess.run(
        [sys.executable, "-c", "import sae; sae.Options()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "LibraryNotFoundError" in result.stderr
    assert "libsae-missing.so" in result.stderr


def test_pkg_config_libdir_is_used_without_the_variable(tmp_path: Path) -> None:
    if shutil.which("pkg-config") is None:
        pytest.skip("pkg-config is not installed")
    libdir = Path(_library.library()._name).resolve().parent
    (tmp_path / "sae.pc").write_text(
        f"libdir={libdir}\n\nName: sae\nDescription: test\nVersion: 0.1.0\nLibs: -lsae\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SAE_LIBRARY_PATH", "LD_LIBRARY_PATH")
    }
    env["PKG_CONFIG_PATH"] = str(tmp_path)
    source = str(Path(sae.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))

    result = subprocess.run(
        [sys.executable, "-c", "from sae import _library; print(_library.library()._name)"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == libdir
