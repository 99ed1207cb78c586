"""`sae train --save`: a target that cannot be written is refused before any training."""

import os
import tempfile
import unittest

from cli_support import EXIT_USAGE, main, run_sae

TRAIN_QUICKLY = ["train", "--preset", "seed", "--epochs", "1"]


class SaveTarget(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.folder = self.scratch.name

    def tearDown(self):
        # A folder left read-only by a test could not be emptied.
        os.chmod(self.folder, 0o700)
        self.scratch.cleanup()

    def assert_refused_up_front(self, save_path, message):
        result = run_sae(*TRAIN_QUICKLY, "--save", save_path)

        self.assertEqual(result.returncode, EXIT_USAGE, result.stderr)
        self.assertIn(message, result.stderr)

        # Nothing was printed about the data or training, so neither was started.
        self.assertEqual(result.stdout, "")
        self.assertNotIn("epoch", result.stderr)

    def test_empty_path(self):
        self.assert_refused_up_front("", "sae: error: --save: the file name is empty\n")

    def test_directory(self):
        self.assert_refused_up_front(
            self.folder, "cannot save to '" + self.folder + "': it is a directory\n"
        )

    def test_device(self):
        self.assert_refused_up_front(
            "/dev/null", "cannot save to '/dev/null': it exists and is not a regular file\n"
        )

    def test_file_of_proc(self):
        # procfs refuses new files even to root, for whom access() allows writing anywhere.
        self.assert_refused_up_front(
            "/proc/version", "cannot save to '/proc/version': folder '/proc' is not writable"
        )

    def test_missing_folder(self):
        missing = os.path.join(self.folder, "missing")
        target = os.path.join(missing, "model.sae")
        self.assert_refused_up_front(
            target, "cannot save to '" + target + "': folder '" + missing + "' does not exist\n"
        )

    def test_folder_that_is_a_file(self):
        plain_file = os.path.join(self.folder, "notes.txt")
        with open(plain_file, "w") as notes:
            notes.write("not a folder\n")
        target = os.path.join(plain_file, "model.sae")
        self.assert_refused_up_front(
            target, "cannot save to '" + target + "': '" + plain_file + "' is not a folder\n"
        )

    @unittest.skipIf(os.geteuid() == 0, "root may write into a folder without write permission")
    def test_read_only_folder(self):
        os.chmod(self.folder, 0o500)
        target = os.path.join(self.folder, "model.sae")
        self.assert_refused_up_front(
            target,
            "cannot save to '" + target + "': folder '" + self.folder + "' is not writable"
            " (Permission denied)\n",
        )

    def test_refusal_leaves_no_file(self):
        target = os.path.join(self.folder, "model.sae")
        os.mkdir(target)

        run_sae(*TRAIN_QUICKLY, "--save", target)

        self.assertEqual(os.listdir(self.folder), ["model.sae"])
        self.assertEqual(os.listdir(target), [])

    def test_save_writes_only_the_model(self):
        target = os.path.join(self.folder, "model.sae")

        result = run_sae(*TRAIN_QUICKLY, "--save", target)

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("saved to", result.stdout)
        self.assertEqual(os.listdir(self.folder), ["model.sae"])
        self.assertEqual(run_sae("eval", "--model", target).returncode, 0)

    def test_existing_model_is_replaced(self):
        target = os.path.join(self.folder, "model.sae")
        with open(target, "w") as old:
            old.write("an older model\n")

        result = run_sae(*TRAIN_QUICKLY, "--save", target)

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(run_sae("eval", "--model", target).returncode, 0)


if __name__ == "__main__":
    main()
