"""Runs the sae program for the command-line tests.

Each test script is started as `python3 test_x.py PATH_TO_SAE`. The scripts train on a made-up
folder in MovieLens's formats (8 users, 12 movies, split u1), written to a temporary folder when
a script starts, which keeps every training run to a fraction of a second.
"""

import os
import subprocess
import sys
import tempfile
import unittest

# (user, movie, rating); user 1 has rated a single movie of u1.base.
TINY_BASE = [
    (1, 3, 4), (2, 1, 5), (2, 2, 2), (2, 3, 5), (2, 6, 3), (2, 7, 1), (2, 10, 1), (3, 1, 4),
    (3, 2, 5), (3, 4, 1), (3, 7, 2), (3, 11, 5), (3, 12, 5), (4, 1, 5), (4, 2, 5), (4, 3, 5),
    (4, 5, 2), (4, 7, 1), (4, 9, 3), (5, 1, 5), (5, 2, 4), (5, 5, 4), (5, 6, 5), (5, 9, 3),
    (5, 11, 4), (6, 2, 1), (6, 3, 3), (6, 4, 4), (6, 5, 1), (6, 8, 5), (6, 12, 5), (7, 1, 5),
    (7, 3, 3), (7, 6, 5), (7, 7, 3), (7, 8, 3), (7, 12, 4), (8, 1, 1), (8, 2, 5), (8, 5, 3),
    (8, 8, 4), (8, 11, 3), (8, 12, 4),
]
TINY_TEST = [
    (1, 5, 3), (2, 5, 1), (2, 9, 4), (3, 5, 1), (3, 8, 2), (4, 11, 5), (4, 12, 2), (5, 4, 3),
    (5, 10, 3), (6, 10, 4), (6, 11, 2), (7, 5, 4), (7, 10, 5), (8, 3, 3), (8, 6, 4),
]
TINY_MOVIES = 12

_tiny_folder = tempfile.TemporaryDirectory()
TINY_DATA = _tiny_folder.name


def _write_tiny_data(folder):
    """Writes u1.base, u1.test (tab-separated, with timestamps) and u.item into `folder`."""
    for name, ratings in (("u1.base", TINY_BASE), ("u1.test", TINY_TEST)):
        with open(os.path.join(folder, name), "w", encoding="ascii") as f:
            for k, (user, movie, rating) in enumerate(ratings):
                f.write(f"{user}\t{movie}\t{rating}\t{880000000 + k}\n")
    with open(os.path.join(folder, "u.item"), "w", encoding="latin-1") as f:
        for movie in range(1, TINY_MOVIES + 1):
            f.write(f"{movie}|Movie {movie} (1990)|01-Jan-1990||http://example.org/{movie}|0|0\n")


_write_tiny_data(TINY_DATA)

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
