"""Progress callbacks stop training on request, and their exceptions are not lost."""

from __future__ import annotations

import numpy as np
import pytest

import sae
from support import small_options


def test_progress_reports_every_epoch(tiny: sae.Dataset) -> None:
    reports: list[sae.EpochReport] = []

    with sae.Model(small_options(epochs=4)) as model:
        model.fit(tiny, progress=reports.append)

    assert [report.epoch for report in reports] == [1, 2, 3, 4]
    assert all(report.n_epochs == 4 for report in reports)
    assert all(report.n_users_trained > 0 for report in reports)
    assert all(np.isfinite(report.train_loss) for report in reports)


def test_returning_true_cancels_and_leaves_a_usable_model(tiny: sae.Dataset) -> None:
    seen: list[int] = []

    def stop_after_two(report: sae.EpochReport) -> bool:
        seen.append(report.epoch)
        return report.epoch >= 2

    with sae.Model(small_options(epochs=50)) as model:
        with pytest.raises(sae.CancelledError) as caught:
            model.fit(tiny, progress=stop_after_two)

        assert caught.value.status == sae.Status.CANCELLED
        assert seen == [1, 2]
        predicted = model.predict(tiny.user_row(1))
        assert np.all(np.isfinite(predicted))
        assert np.isfinite(model.rmse(tiny, tiny))


def test_exception_in_callback_stops_training_and_is_raised(tiny: sae.Dataset) -> None:
    class Boom(Exception):
        pass

    calls: list[int] = []

    def explode(report: sae.EpochReport) -> None:
        calls.append(report.epoch)
        raise Boom("from the callback")

    with sae.Model(small_options(epochs=50)) as model:
        with pytest.raises(Boom, match="from the callback"):
            model.fit(tiny, progress=explode)

        assert calls == [1]
        assert model.n_items == tiny.n_items


def test_log_handler_receives_lines_until_removed(tiny: sae.Dataset) -> None:
    lines: list[tuple[sae.LogLevel, str]] = []

    sae.set_log_handler(lambda level, text: lines.append((level, text)), sae.LogLevel.DEBUG)
    try:
        with sae.Model(small_options(epochs=2)) as model:
            model.fit(tiny)
    finally:
        sae.set_log_handler(None)
    count = len(lines)

    with sae.Model(small_options(epochs=2)) as model:
        model.fit(tiny)

    assert count > 0
    assert all(isinstance(text, str) and text for _, text in lines)
    assert len(lines) == count
