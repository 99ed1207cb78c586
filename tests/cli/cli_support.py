"""Runs the sae program for the command-line tests.

Each test script is started as `python3 test_x.py PATH_TO_SAE`; the tiny MovieLens folder beside
these scripts (8 users, 12 movies, split u1) keeps every training run to a fraction of a second.
"""

import os
import subprocess
import sys
import tempfile
import unittest

TINY_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ml-tiny")

# The exit status of a command line that cannot be run as given.
EXIT_USAGE = 2

_sae_path = None


def run_sae(*args):
    """Runs sae with `args` on the tiny data set and returns the finished process."""
    env = dict(os.environ, SAE_DATA_DIR=TINY_DATA)
    return subprocess.run(
        [_sae_path, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TrainedModelCase(unittest.TestCase):
    """Test cases that share one seed-preset model, trained for an epoch on the tiny data."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.model = os.path.join(cls.scratch.name, "model.sae")
        trained = run_sae("train", "--preset", "seed", "--epochs", "1", "--save", cls.model)
        if trained.returncode != 0:
            raise RuntimeError("training the shared model failed: " + trained.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()


def main():
    """Takes the program's path from the command line, then runs the script's test cases."""
    global _sae_path
    if len(sys.argv) < 2:
        sys.exit("usage: " + sys.argv[0] + " PATH_TO_SAE [unittest arguments]")
    _sae_path = sys.argv.pop(1)
    unittest.main(verbosity=2)
