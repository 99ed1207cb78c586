#!/usr/bin/env python3
"""The reference PyTorch notebook's training loop, kept faithful so that libsae can be timed
and checked against it.

Faithful means: user rows of all movies (0 = unrated), 1682-20-10-20-1682 with sigmoid hidden
layers, the masked MSE (unrated outputs zeroed), RMSprop(lr=0.01, weight_decay=0.5), one user
per step in id order, and gradients never cleared (the notebook has no zero_grad()). The test
loss is the notebook's: the mean over test users of each user's RMSE, predicted from the user's
training row. Also reported: the global RMSE over all test ratings.

Prints one JSON object on stdout.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
from torch import nn


def read_ratings(path):
    data = np.loadtxt(path, dtype=np.int64, usecols=(0, 1, 2))
    return data.reshape(-1, 3)


def to_rows(data, n_users, n_movies):
    rows = np.zeros((n_users, n_movies), dtype=np.float32)
    rows[data[:, 0] - 1, data[:, 1] - 1] = data[:, 2]
    return torch.from_numpy(rows)


class StackedAutoEncoder(nn.Module):
    def __init__(self, n_movies):
        super().__init__()
        self.fc1 = nn.Linear(n_movies, 20)
        self.fc2 = nn.Linear(20, 10)
        self.fc3 = nn.Linear(10, 20)
        self.fc4 = nn.Linear(20, n_movies)
        self.activation = nn.Sigmoid()

    def forward(self, x):
        x = self.activation(self.fc1(x))
        x = self.activation(self.fc2(x))
        x = self.activation(self.fc3(x))
        return self.fc4(x)


def train(model, training_set, n_movies, epochs, progress):
    criterion = nn.MSELoss()
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.01, weight_decay=0.5)
    train_loss = 0.0
    for epoch in range(1, epochs + 1):
        train_loss = 0.0
        s = 0.0
        for user in range(training_set.shape[0]):
            input_row = training_set[user].unsqueeze(0)
            target = input_row.clone()
            if torch.sum(target > 0) > 0:
                output = model(input_row)
                output[target == 0] = 0
                loss = criterion(output, target)
                mean_corrector = n_movies / float(torch.sum(target > 0) + 1e-10)
                loss.backward()
                train_loss += np.sqrt(loss.item() * mean_corrector)
                s += 1.0
                optimizer.step()
        train_loss /= s
        if progress:
            print(f"epoch {epoch}/{epochs} loss {train_loss:.4f}", file=sys.stderr)
    return train_loss


def evaluate(model, training_set, test_set, n_movies):
    user_rmse_sum = 0.0
    squared_sum = 0.0
    n_ratings = 0
    users = 0
    with torch.no_grad():
        for user in range(training_set.shape[0]):
            target = test_set[user].unsqueeze(0)
            rated = target > 0
            count = int(torch.sum(rated))
            if count == 0:
                continue
            output = model(training_set[user].unsqueeze(0))
            errors = (output[rated] - target[rated]).double()
            user_squared = float(torch.sum(errors * errors))
            user_rmse_sum += np.sqrt(user_squared / count)
            squared_sum += user_squared
            n_ratings += count
            users += 1
    return user_rmse_sum / users, np.sqrt(squared_sum / n_ratings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("SAE_DATA_DIR"), help="ML-100K folder")
    parser.add_argument("--split", default="u1")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--progress", action="store_true", help="print each epoch to stderr")
    args = parser.parse_args()
    if not args.data:
        parser.error("pass --data or set SAE_DATA_DIR")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    base = read_ratings(os.path.join(args.data, args.split + ".base"))
    test = read_ratings(os.path.join(args.data, args.split + ".test"))
    n_users = int(max(base[:, 0].max(), test[:, 0].max()))
    n_movies = int(max(base[:, 1].max(), test[:, 1].max()))
    training_set = to_rows(base, n_users, n_movies)
    test_set = to_rows(test, n_users, n_movies)

    model = StackedAutoEncoder(n_movies)
    start = time.perf_counter()
    train_loss = train(model, training_set, n_movies, args.epochs, args.progress)
    seconds = time.perf_counter() - start
    test_loss, rmse = evaluate(model, training_set, test_set, n_movies)

    print(json.dumps({
        "implementation": "pytorch " + torch.__version__,
        "epochs": args.epochs,
        "threads": args.threads,
        "seconds": seconds,
        "train_loss": train_loss,
        "test_loss": test_loss,
        "rmse": rmse,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }))


if __name__ == "__main__":
    main()
