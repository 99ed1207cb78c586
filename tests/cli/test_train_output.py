"""What `sae train` says about threads, epochs and the networks of an ensemble."""

import unittest

from cli_support import main, run_sae


def option_help(help_text, option):
    """The help of `option`: its line and the indented lines that continue it."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(option + " "))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("-") or not line.strip():
            break
        block.append(line)
    return " ".join(" ".join(block).split())


class TrainHelp(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        result = run_sae("train", "--help")
        assert result.returncode == 0, result.stderr
        cls.help_text = result.stdout

    def test_threads(self):
        text = option_help(self.help_text, "--threads")

        self.assertNotIn("Worker threads", text)
        self.assertIn("one-user-per-step trainer (preset seed, batch size 0)", text)
        self.assertIn("counting the calling thread", text)
        self.assertIn("0 means one per core, at most 1024", text)
        self.assertIn("batched trainer runs on the calling thread", text)
        self.assertIn("OpenBLAS", text)

    def test_epochs(self):
        text = option_help(self.help_text, "--epochs")

        self.assertNotIn("training users", text)
        self.assertIn("training rows", text)
        self.assertIn("users' rows", text)
        self.assertIn("items' rows", text)

    def test_help_fits_in_100_columns(self):
        for line in self.help_text.splitlines():
            self.assertLessEqual(len(line), 100, line)


class TrainSummary(unittest.TestCase):
    def test_batched_trainer_claims_no_threads(self):
        result = run_sae("train", "--epochs", "1", "--threads", "2")

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("preset default: 1 epoch, seed 1\n", result.stdout)

    def test_one_user_per_step_trainer_names_its_threads(self):
        result = run_sae("train", "--preset", "seed", "--epochs", "1", "--threads", "2")

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("preset seed: 1 epoch, seed 1, 2 threads\n", result.stdout)

    def test_threads_by_default(self):
        result = run_sae("train", "--preset", "seed", "--epochs", "1")

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("preset seed: 1 epoch, seed 1, one thread per core\n", result.stdout)


class TrainProgress(unittest.TestCase):
    def progress_lines(self, *args):
        result = run_sae("train", *args)
        self.assertEqual(result.returncode, 0, result.stderr)

        # stderr is not a terminal here, so every epoch has a line of its own.
        return [line for line in result.stderr.splitlines() if "epoch " in line]

    def test_every_network_of_an_ensemble_is_named(self):
        lines = self.progress_lines("--epochs", "2")

        # The default preset averages three networks.
        self.assertEqual(len(lines), 6, lines)
        for number, line in enumerate(lines):
            self.assertTrue(line.startswith("network %d  epoch " % (number // 2 + 1)), line)

    def test_a_single_network_is_not_named(self):
        lines = self.progress_lines("--preset", "seed", "--epochs", "2")

        self.assertEqual(len(lines), 2, lines)
        for line in lines:
            self.assertTrue(line.startswith("epoch "), line)


if __name__ == "__main__":
    main()
