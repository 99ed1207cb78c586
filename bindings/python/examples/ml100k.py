"""Trains the seed preset on ML-100K's u1 split, prints the test RMSE and ten recommendations.

Usage: python ml100k.py [--data DIR] [--epochs N] [--user ID]

DIR defaults to the SAE_DATA_DIR environment variable and holds u1.base, u1.test and u.item.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

import sae

TOP = 10


def read_titles(path: Path) -> dict[int, str]:
    """Movie titles by id from u.item: Latin-1 text, fields separated by '|', id first."""
    titles = {}
    with open(path, encoding="latin-1") as lines:
        for line in lines:
            fields = line.split("|")
            if len(fields) > 1 and fields[0].isdigit():
                titles[int(fields[0])] = fields[1]
    return titles


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("SAE_DATA_DIR"), help="ML-100K folder")
    parser.add_argument("--epochs", type=int, help="override the preset's 200 epochs")
    parser.add_argument("--user", type=int, default=1, help="user to recommend for (default 1)")
    arguments = parser.parse_args()
    if not arguments.data:
        parser.error("give --data or set SAE_DATA_DIR to the ML-100K folder")
    return arguments


def main() -> int:
    arguments = parse_arguments()
    data = Path(arguments.data)
    overrides = {} if arguments.epochs is None else {"epochs": arguments.epochs}

    train, test = sae.Dataset.load_split(data, "u1")
    with train, test, sae.Model("seed", **overrides) as model:
        print(f"training on {train.n_ratings} ratings of {train.n_users} users")
        model.fit(train)
        print(f"test RMSE {model.rmse(train, test):.4f} over {test.n_ratings} ratings")

        known = train.user_row(arguments.user)
        predicted = model.predict(known)

    # Only movies the user has not rated; ties keep the lower id first.
    predicted[known > 0] = -np.inf
    best = np.argsort(-predicted, kind="stable")[:TOP]
    titles = read_titles(data / "u.item")
    print(f"top {TOP} for user {arguments.user}:")
    for rank, index in enumerate(best, start=1):
        item = int(index) + 1
        print(f"{rank:2}. {predicted[index]:.2f}  {titles.get(item, f'movie {item}')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
