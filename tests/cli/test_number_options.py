"""Numbers on the command line: a value out of range names the option and the range allowed."""

from cli_support import EXIT_USAGE, TrainedModelCase, main, run_sae


class NumberOptions(TrainedModelCase):
    def assert_usage_error(self, args, message):
        result = run_sae(*args)

        self.assertEqual(result.returncode, EXIT_USAGE, result.stderr)
        self.assertIn("sae: error: " + message + "\n", result.stderr)
        self.assertNotIn("Could not convert", result.stderr)

    def test_threads_beyond_32_bits(self):
        self.assert_usage_error(
            ["train", "--threads", "4294967296"],
            "--threads: Value 4294967296 not in range 0 to 1024",
        )

    def test_threads_beyond_the_limit(self):
        self.assert_usage_error(
            ["train", "--threads", "1025"], "--threads: Value 1025 not in range 0 to 1024"
        )

    def test_threads_beyond_64_bits(self):
        self.assert_usage_error(
            ["train", "--threads", "123456789012345678901234"],
            "--threads: Value 123456789012345678901234 not in range 0 to 1024",
        )

    def test_epochs_out_of_range(self):
        self.assert_usage_error(
            ["train", "--epochs", "0"], "--epochs: Value 0 not in range 1 to 1000000"
        )

    def test_seed_beyond_64_bits(self):
        self.assert_usage_error(
            ["train", "--seed", "18446744073709551616"],
            "--seed: Value 18446744073709551616 not in range 0 to 18446744073709551615",
        )

    def test_user_beyond_32_bits(self):
        self.assert_usage_error(
            ["recommend", "--model", self.model, "--user", "99999999999"],
            "invalid argument: --user 99999999999 is not in u1.base, whose users are 1 to 8",
        )

    def test_user_zero(self):
        self.assert_usage_error(
            ["recommend", "--model", self.model, "--user", "0"],
            "invalid argument: --user 0 is not in u1.base, whose users are 1 to 8",
        )

    def test_top_out_of_range(self):
        self.assert_usage_error(
            ["recommend", "--model", self.model, "--user", "1", "--top", "4294967296"],
            "--top: Value 4294967296 not in range 1 to 100000",
        )

    def test_negative_seed_in_a_list(self):
        self.assert_usage_error(
            ["cv", "--folds", "u1", "--seeds", "1,-1"],
            "--seeds: '-1' is not a non-negative whole number",
        )

    def test_seed_list_beyond_64_bits(self):
        self.assert_usage_error(
            ["cv", "--folds", "u1", "--seeds", "99999999999999999999999"],
            "--seeds: Value 99999999999999999999999 not in range 0 to 18446744073709551615",
        )

    def test_leading_zero(self):
        self.assert_usage_error(["train", "--epochs", "010"], "--epochs: '010' starts with a zero")


if __name__ == "__main__":
    main()
