#!/usr/bin/env python3
"""Prints the side-by-side tables of a bench/run.sh run from the JSON files it wrote.

    report.py FOLDER THREADS SHAPES      e.g. report.py /tmp/out 1,2 ml-1m,ml-10m

Prints every section it can, then exits non-zero when a file the run needs is missing, does not
parse or lacks a finite figure, so that a broken benchmark fails; timings are never judged.
"""
import json
import math
import os
import sys


class BrokenRun(Exception):
    """A result that a section needs is missing, unreadable or not a number."""


class Record:
    """One part's JSON object; asking for a field it lacks, or holds as null, is a BrokenRun."""

    def __init__(self, name, fields):
        self.name = name
        self.fields = fields

    def __getitem__(self, key):
        if key not in self.fields:
            raise BrokenRun(f"{self.name}.json has no {key}")
        if self.fields[key] is None:
            raise BrokenRun(f"{self.name}.json has {key} = null, not a finite number")
        return self.fields[key]

    def __contains__(self, key):
        return key in self.fields


class Run:
    """The folder of one run, what it was asked to cover, and what was found broken so far."""

    def __init__(self, folder, threads, shapes):
        self.folder = folder
        self.threads = threads
        self.shapes = shapes
        self.broken = []

    def load(self, name, required=True):
        path = os.path.join(self.folder, name + ".json")
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            if required:
                raise BrokenRun(f"{name}.json is missing: that part of the run failed")
            return None
        return Record(name, read_last_object(path, name))


def read_last_object(path, name):
    """The JSON object on the last line of a part's output, checked for non-finite figures."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().strip().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise BrokenRun(f"{name}.json cannot be read as UTF-8 text ({e})") from None
    last = lines[-1] if lines else ""
    shown = last if len(last) <= 60 else last[:57] + "..."
    try:
        fields = json.loads(last)
    except ValueError as e:
        raise BrokenRun(f"{name}.json does not parse as JSON: '{shown}' ({e})") from None
    if not isinstance(fields, dict):
        raise BrokenRun(f"{name}.json does not end with a JSON object: '{shown}'")

    # Python reads NaN, Infinity and numbers past the double range, which JSON does not allow.
    for key, value in fields.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise BrokenRun(f"{name}.json has {key} = {value}")
    return fields


def ratio(numerator, denominator, digits=1):
    """numerator / denominator as 'N.N×', or '-' when a time rounded to 0 leaves no ratio."""
    if denominator == 0:
        return "-"
    return f"{numerator / denominator:.{digits}f}×"


def trainer_label(record):
    # The batched trainer runs on the thread that calls sae_fit(), whatever --threads says.
    if record["trainer"] == "batched":
        return "batched trainer, calling thread"
    threads = record["threads"]
    return f"{threads} thread{'' if threads == 1 else 's'}"


def trainer_cell(record):
    if record["trainer"] == "batched":
        return "batched, calling thread"
    return f"per user, {trainer_label(record)}"


def per_network(record):
    """Epochs each network ran: one number when they agree."""
    epochs = record["epochs_per_network"]
    if len(set(epochs)) == 1:
        return str(epochs[0])
    return ", ".join(str(e) for e in epochs)


# What a section or a table row catches: a BrokenRun, or a figure of the wrong type in a
# hand-edited or foreign file, which fails the f-string that formats it.
UNUSABLE = (BrokenRun, TypeError, ValueError)


def problem(run, where, e):
    """Notes why `where` could not be printed and returns the note."""
    note = str(e) if isinstance(e, BrokenRun) else f"{where}: a figure of the wrong type ({e})"
    run.broken.append(note)
    return note


def section(run, print_it):
    """Prints one section, or says why it cannot, and carries on with the others."""
    try:
        print_it(run)
    except UNUSABLE as e:
        print(f"\n(report: {problem(run, print_it.__name__, e)})")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: report.py FOLDER THREADS SHAPES (THREADS and SHAPES comma-separated)")
    run = Run(sys.argv[1], [int(t) for t in sys.argv[2].split(",")],
              [s for s in sys.argv[3].split(",") if s])

    section(run, floor_line)
    if os.path.exists(os.path.join(run.folder, "with-data")):
        for print_it in (seed_section, default_section, predict_section):
            section(run, print_it)
    else:
        print("\nML-100K sections skipped: no data set.")
    section(run, scaling_table)

    if run.broken:
        sys.exit("report: " + "; ".join(dict.fromkeys(run.broken)))


def floor_line(run):
    floor = run.load("floor")
    print(f"\nBare RMSprop update of {floor['params']} parameters × {floor['steps']} steps: "
          f"{floor['seconds']:.2f} s ({floor['ns_per_param']:.3f} ns per parameter).")


def reference(run, t):
    """PyTorch's result with t threads, or None and what the column says instead."""
    try:
        record = run.load(f"torch-{t}", required=False)
    except BrokenRun as e:
        run.broken.append(str(e))
        return None, f"failed: {e}"
    return record, "skipped"


def training_row(run, t, torch_one):
    ours = run.load(f"libsae-{t}")
    theirs, instead = reference(run, t)
    if theirs is None:
        return (f"| {t} | {ours['seconds']:.2f} | {instead} | | | {ours['peak_rss_mb']:.1f} / - "
                f"| {ours['test_loss']:.4f} / - | {ours['rmse']:.4f} / - |")
    base = torch_one["seconds"] if torch_one else theirs["seconds"]
    return (f"| {t} | {ours['seconds']:.2f} | {theirs['seconds']:.2f} "
            f"| {ratio(theirs['seconds'], ours['seconds'])} | {ratio(base, ours['seconds'])} "
            f"| {ours['peak_rss_mb']:.1f} / {theirs['peak_rss_mb']:.1f} "
            f"| {ours['test_loss']:.4f} / {theirs['test_loss']:.4f} "
            f"| {ours['rmse']:.4f} / {theirs['rmse']:.4f} |")


def training_table(run):
    print("| Threads | libsae s | PyTorch s | Speed-up | Speed-up vs PyTorch 1 thread "
          "| RSS MB (libsae / PyTorch) | Test loss (libsae / PyTorch) | RMSE (libsae / PyTorch) |")
    print("|---|---|---|---|---|---|---|---|")
    torch_one, _ = reference(run, 1)
    for t in run.threads:
        try:
            print(training_row(run, t, torch_one))
        except UNUSABLE as e:
            print(f"| {t} | failed: {problem(run, f'libsae-{t}.json', e)} | | | | | | |")


def spread_report(run, one):
    runs = [one] + [run.load(n[:-5]) for n in sorted(os.listdir(run.folder))
                    if n.startswith("spread-") and n.endswith(".json")]
    torch_one, _ = reference(run, 1)
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


def seed_section(run):
    print("\n## Seed preset on u1 (one user per step), libsae against PyTorch\n")
    training_table(run)

    one = run.load(f"libsae-{run.threads[0]}")
    spread_report(run, one)
    floor = run.load("floor")
    steps = one["epochs"] * one["rows_per_epoch"]
    floor_seconds = floor["seconds"] * steps / floor["steps"]
    print(f"\nThe bare update alone would take {floor_seconds:.2f} s for these {one['epochs']} "
          f"epochs of {one['rows_per_epoch']} steps; libsae with {trainer_label(one)} took "
          f"{ratio(one['seconds'], floor_seconds, 2)} that floor.")


def default_section(run):
    default = run.load("default")
    patience = default["patience"]
    stopping = (f"each stopping after {patience} epochs without a better validation RMSE"
                if patience else "without early stopping")
    epochs = per_network(default)
    ran = f"{epochs} epochs each" if "," not in epochs else f"{epochs} epochs"
    print(f"\n## Default preset on u1\n\n{trainer_label(default).capitalize()}. Time to the final "
          f"model: {default['seconds']:.1f} s for {default['networks']} networks, {stopping} "
          f"(they ran {ran}). The last network reached the epoch it keeps "
          f"{default['last_network_best_epoch_seconds']:.1f} s after training began. Test RMSE "
          f"{default['rmse']:.4f}, peak RSS {default['peak_rss_mb']:.1f} MB.")


def predict_section(run):
    predict = run.load("predict")
    users_per_second = ("-" if predict["predict_users_seconds"] == 0 else
                        f"{predict['predict_users'] / predict['predict_users_seconds']:.0f}")
    print(f"\n## Prediction (seed preset)\n\nOne user's row of {predict['n_items']} items: median "
          f"{predict['predict_median_us']:.1f} µs, p99 {predict['predict_p99_us']:.1f} µs. All "
          f"{predict['predict_users']} users: {predict['predict_users_seconds'] * 1e3:.1f} ms "
          f"({users_per_second} users/s).")


PRESET_ORDER = {"seed": 0, "default": 1}


def scale_row(s):
    start = (f"| {s['shape']} | {s['users']:,} × {s['items']:,} | {s['ratings']:,} "
             f"| {s['preset']} | {trainer_cell(s)} | {s['networks']}")
    if "not_trained" in s:
        return f"{start} | not trained: {s['not_trained']} | | |"
    return (f"{start} | {per_network(s)} | {s['seconds_per_epoch']:.2f} "
            f"| {s['peak_rss_mb']:.1f} |")


def scaling_table(run):
    print("\n## Scaling on synthetic ratings\n")
    print("| Shape | Users × items | Ratings | Preset | Trainer, threads | Networks "
          "| Epochs per network | s per epoch | Peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")

    rows = []
    for shape in run.shapes:
        for preset in PRESET_ORDER:
            name = f"scale-{shape}-{preset}"
            try:
                s = run.load(name)
                rows.append((shape, preset, s.fields.get("ratings"), scale_row(s)))
            except UNUSABLE as e:
                failure = f"failed: {problem(run, name + '.json', e)}"
                row = f"| {shape} | | | {preset} | | | {failure} | | |"
                rows.append((shape, preset, None, row))

    # Smaller shapes first; a shape whose parts all failed goes last, in the order it ran.
    sizes = {shape: ratings for shape, _, ratings, _ in rows if isinstance(ratings, int)}
    rows.sort(key=lambda r: (sizes.get(r[0], math.inf), run.shapes.index(r[0]),
                             PRESET_ORDER[r[1]]))
    for row in rows:
        print(row[3])
    print("\ns per epoch is one epoch of each of the preset's networks, summed: they train one "
          "after another.")


if __name__ == "__main__":
    main()
