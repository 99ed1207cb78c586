"""Runs the Python binding's tests or its ML-100K example for `meson test`.

Usage: run_tests.py pytest | example

Exit codes follow meson: 0 pass, 77 skipped, anything else a failure. A missing NumPy or
pytest, or a missing SAE_DATA_DIR for the example, is a skip on a developer machine and a
failure under CI (CI set), where everything is installed. Nothing is written into the source
tree: no bytecode and no pytest cache.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

SKIP = 77
HERE = Path(__file__).resolve().parent


def unavailable(reason: str) -> int:
    if os.environ.get("CI"):
        print(f"python binding: {reason}, and CI must run every test", file=sys.stderr)
        return 1
    print(f"python binding: skipped: {reason}")
    return SKIP


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE / "src"), env.get("PYTHONPATH")]))
    return env


def run_pytest() -> int:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", str(HERE / "tests")]
    status = subprocess.run(command, cwd=HERE, env=child_environment(), check=False).returncode

    # pytest's 5 means it collected nothing: a test run that tests nothing has failed.
    if status == 5:
        print("python binding: pytest collected no tests", file=sys.stderr)
        return 1
    return status


def run_example() -> int:
    data = os.environ.get("SAE_DATA_DIR")
    if not data:
        return unavailable("SAE_DATA_DIR is not set, so the ML-100K example cannot run")

    # Two epochs keep CI fast; the output is checked, not the accuracy.
    command = [sys.executable, str(HERE / "examples" / "ml100k.py"), "--epochs", "2"]
    result = subprocess.run(
        command, env=child_environment(), capture_output=True, text=True, check=False
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        return result.returncode

    lines = result.stdout.splitlines()
    ranked = [line for line in lines if line[:3].strip().rstrip(".").isdigit()]
    if not any(line.startswith("test RMSE ") for line in lines) or len(ranked) != 10:
        print("python binding: the example did not print an RMSE and ten titles", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("pytest", "example"):
        print("usage: run_tests.py pytest | example", file=sys.stderr)
        return 2

    missing = [name for name in ("numpy", "pytest") if importlib.util.find_spec(name) is None]
    if missing:
        return unavailable(f"{sys.executable} lacks {', '.join(missing)}")
    return run_pytest() if sys.argv[1] == "pytest" else run_example()


if __name__ == "__main__":
    sys.exit(main())
