"""Counts in messages agree in number with their noun: "1 movie", "2 movies"."""

from cli_support import TrainedModelCase, main, run_sae


class CountWording(TrainedModelCase):
    def run_ok(self, *args):
        result = run_sae(*args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def test_user_with_one_rating(self):
        # User 1 of the tiny data has rated a single movie of u1.base.
        listing = self.run_ok("recommend", "--model", self.model, "--user", "1", "--top", "2")

        self.assertIn("user 1 rated 1 movie in u1.base; top 2 of the rest:\n", listing)

    def test_user_with_several_ratings(self):
        listing = self.run_ok("recommend", "--model", self.model, "--user", "2", "--top", "1")

        self.assertIn("user 2 rated 6 movies in u1.base; top 1 of the rest:\n", listing)

    def test_one_fold_one_seed(self):
        report = self.run_ok("cv", "--folds", "u1", "--epochs", "1")

        self.assertIn("preset default, 1 fold, 1 seed\n", report)
        self.assertIn("(1 run)\n", report)

    def test_one_fold_two_seeds(self):
        report = self.run_ok("cv", "--folds", "u1", "--seeds", "1,2", "--epochs", "1")

        self.assertIn("preset default, 1 fold, 2 seeds\n", report)
        self.assertIn("seed 1, over folds", report)
        self.assertIn("(1 run)\n", report)
        self.assertIn("(2 runs)\n", report)

    def test_train_summary(self):
        summary = self.run_ok("train", "--preset", "seed", "--epochs", "1")

        self.assertIn("preset seed: 1 epoch, seed 1", summary)
        self.assertRegex(summary, r"test ratings +15 from 8 users\n")


if __name__ == "__main__":
    main()
