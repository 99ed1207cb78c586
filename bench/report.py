#!/usr/bin/env python3
"""Prints the side-by-side tables of a bench/run.sh run from the JSON files it wrote.

Prints every section it can, then exits non-zero when a file the run needs is missing or a
figure is not a finite number, so that a broken benchmark fails; timings themselves are never
judged.
"""
import json
import math
import os
import sys


class BrokenRun(Exception):
    """A result that a section needs is missing or not a number."""


def load(folder, name, required=True):
    path = os.path.join(folder, name + ".json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        if required:
            raise BrokenRun(f"{name}.json is missing: that part of the run failed")
        return None
    with open(path, encoding="utf-8") as f:
        record = json.loads(f.read().strip().splitlines()[-1])
    for key, value in record.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise BrokenRun(f"{name}.json has {key} = {value}")
    return record


def section(broken, print_it, *args):
    """Prints one section, or says why it cannot, and carries on with the others."""
    try:
        print_it(*args)
    except BrokenRun as e:
        print(f"\n(report: {e})")
        broken.append(str(e))


def training_table(folder, threads):
    print("| Threads | libsae s | PyTorch s | Speed-up | Speed-up vs PyTorch 1 thread "
          "| RSS MB (libsae / PyTorch) | Test loss (libsae / PyTorch) | RMSE (libsae / PyTorch) |")
    print("|---|---|---|---|---|---|---|---|")
    torch_one = load(folder, "torch-1", required=False)
    for t in threads:
        ours = load(folder, f"libsae-{t}")
        theirs = load(folder, f"torch-{t}", required=False)
        if theirs is None:
            print(f"| {t} | {ours['seconds']:.2f} | skipped | | | {ours['peak_rss_mb']:.1f} / - "
                  f"| {ours['test_loss']:.4f} / - | {ours['rmse']:.4f} / - |")
            continue
        base = torch_one["seconds"] if torch_one else theirs["seconds"]
        print(f"| {t} | {ours['seconds']:.2f} | {theirs['seconds']:.2f} "
              f"| {theirs['seconds'] / ours['seconds']:.1f}× | {base / ours['seconds']:.1f}× "
              f"| {ours['peak_rss_mb']:.1f} / {theirs['peak_rss_mb']:.1f} "
              f"| {ours['test_loss']:.4f} / {theirs['test_loss']:.4f} "
              f"| {ours['rmse']:.4f} / {theirs['rmse']:.4f} |")


def main():
    folder = sys.argv[1]
    threads = [int(t) for t in sys.argv[2].split(",")]
    broken = []

    section(broken, floor_line, folder)
    if os.path.exists(os.path.join(folder, "with-data")):
        for print_it in (seed_section, default_section, predict_section):
            section(broken, print_it, folder, threads)
    else:
        print("\nML-100K sections skipped: no data set.")
    section(broken, scaling_table, folder)

    if broken:
        sys.exit("report: " + "; ".join(broken))


def floor_line(folder):
    floor = load(folder, "floor")
    print(f"\nBare RMSprop update of {floor['params']} parameters × {floor['steps']} steps: "
          f"{floor['seconds']:.2f} s ({floor['ns_per_param']:.3f} ns per parameter).")


def spread_report(folder, one):
    runs = [one] + [load(folder, n[:-5]) for n in sorted(os.listdir(folder))
                    if n.startswith("spread-")]
    torch_one = load(folder, "torch-1", required=False)
    for key, label in (("test_loss", "test loss"), ("rmse", "RMSE")):
        values = [r[key] for r in runs]
        line = (f"libsae {label} over seeds {', '.join(str(r['seed']) for r in runs)}: "
                f"{min(values):.4f} to {max(values):.4f}")
        if torch_one is not None:
            inside = min(values) <= torch_one[key] <= max(values)
            line += (f"; PyTorch (its own seed 1): {torch_one[key]:.4f}, "
                     f"{'inside' if inside else 'outside'} that range "
                     f"({abs(torch_one[key] - one[key]):.4f} from libsae seed 1)")
        print(line + ".")


def seed_section(folder, threads):
    print("\n## Seed preset on u1 (one user per step), libsae against PyTorch\n")
    training_table(folder, threads)

    one = load(folder, f"libsae-{threads[0]}")
    spread_report(folder, one)
    floor = load(folder, "floor")
    floor_seconds = floor["seconds"] * (one["epochs"] * 943.0 / floor["steps"])
    print(f"\nThe bare update alone would take {floor_seconds:.2f} s for these "
          f"{one['epochs']} epochs; libsae with {threads[0]} thread took "
          f"{one['seconds'] / floor_seconds:.2f}× that floor.")


def default_section(folder, threads):
    default = load(folder, "default")
    print(f"\n## Default preset on u1\n\n{default['threads']} threads: finished in "
          f"{default['seconds']:.1f} s after {default['epochs']} epochs; its best epoch "
          f"(the weights it keeps) ended at {default['seconds_to_best_epoch']:.1f} s. Test RMSE "
          f"{default['rmse']:.4f}, peak RSS {default['peak_rss_mb']:.1f} MB.")


def predict_section(folder, threads):
    predict = load(folder, "predict")
    print(f"\n## Prediction (seed preset)\n\nOne user's row of {predict['n_items']} items: median "
          f"{predict['predict_median_us']:.1f} µs, p99 {predict['predict_p99_us']:.1f} µs. All "
          f"{predict['predict_users']} users: {predict['predict_users_seconds'] * 1e3:.1f} ms "
          f"({predict['users_per_second']:.0f} users/s).")



def scaling_table(folder):
    print("\n## Scaling on synthetic ratings\n")
    print("| Shape | Users × items | Ratings | Preset | Threads | Epochs | s per epoch "
          "| Peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(n[:-5] for n in os.listdir(folder) if n.startswith("scale-")):
        s = load(folder, name)
        if "not_trained" in s:
            print(f"| {s['shape']} | {s['users']:,} × {s['items']:,} | {s['ratings']:,} "
                  f"| {s['preset']} | {s['threads']} | not trained: {s['not_trained']} | | |")
            continue
        print(f"| {s['shape']} | {s['users']:,} × {s['items']:,} | {s['ratings']:,} "
              f"| {s['preset']} | {s['threads']} | {s['epochs']} | {s['seconds_per_epoch']:.2f} "
              f"| {s['peak_rss_mb']:.1f} |")


if __name__ == "__main__":
    main()
