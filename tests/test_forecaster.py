"""Tests for lstm_course.forecaster: the Forecaster and fill_gaps.

Tiny series and two-epoch networks keep the file fast; what is tested is the
bookkeeping (timestamps, shifts, splits, files), not the accuracy."""

import json

import numpy as np
import pandas as pd
import pytest

import lstm_course as lc
from lstm_course.forecaster import (
    FORMAT_VERSION,
    Forecaster,
    _calendar,
    _default_lookback,
    _season,
    _tz_from_json,
    _tz_to_json,
    _utc_iso,
    fill_gaps,
)

FAST = {"units": 4, "max_epochs": 2, "patience": 1, "batch_size": 64}


def make_series(periods, freq, *, start="2024-01-01", tz=None, season=7, seed=0):
    """A seasonal sine plus noise on a regular grid."""
    index = pd.date_range(start, periods=periods, freq=freq, tz=tz, name="time")
    t = np.arange(periods)
    noise = np.random.default_rng(seed).normal(0, 0.3, periods)
    values = 10 + np.sin(2 * np.pi * t / season) + 0.01 * t + noise
    return pd.Series(values, index=index, name="y")


@pytest.fixture(scope="module")
def daily():
    """Daily data in Berlin time, ending just before the spring DST change."""
    series = make_series(120, "D", start="2023-12-01", tz="Europe/Berlin")
    frame = series.to_frame()
    frame["flag"] = (series.index.day_of_week < 5).astype(float)
    return frame


@pytest.fixture(scope="module")
def flagged_model(daily):
    return Forecaster(horizon=3, **FAST).fit(daily, target="y", known_future=["flag"])


@pytest.fixture(scope="module")
def flags(flagged_model):
    """The flag's values at the three forecast timestamps."""
    index = flagged_model.forecast_index()
    return pd.DataFrame({"flag": [1.0, 0.0, 1.0]}, index=index)


@pytest.fixture(scope="module")
def half_hourly():
    """30-minute data, time-zone aware, crossing the spring DST change."""
    return make_series(200, "30min", start="2024-03-28", tz="Europe/Berlin", season=48)


@pytest.fixture(scope="module")
def half_hourly_model(half_hourly):
    return Forecaster(horizon=4, lookback=48, **FAST).fit(half_hourly)


# -- what is inferred from the frequency -------------------------------------------
@pytest.mark.parametrize(
    ("freq", "season", "lookback"),
    [
        ("30min", 48, 336),
        ("h", 24, 168),
        ("5min", 288, 336),
        ("min", 1440, 1440),  # at least one day
        ("D", 7, 28),
        ("B", 5, 20),
        ("MS", 12, 48),
        ("ME", 12, 48),
        ("QS", 4, 16),
        ("W", 1, 8),
        ("YS", 1, 8),
        ("2D", 1, 8),
        ("7min", 1, 336),  # 1440 / 7 steps per day is not a whole number
    ],
)
def test_season_and_default_lookback(freq, season, lookback):
    offset = pd.tseries.frequencies.to_offset(freq)
    assert _season(offset) == season
    assert _default_lookback(offset, season, horizon=3) == lookback


@pytest.mark.parametrize(
    ("freq", "periods", "expected"),
    [
        ("30min", 200, ["day", "week"]),
        ("h", 24 * 400, ["day", "week", "year"]),
        ("D", 100, ["week"]),
        ("D", 400, ["week", "year"]),
        ("MS", 36, ["year"]),
        ("W", 30, []),
    ],
)
def test_calendar_encodes_only_cycles_the_data_can_show(freq, periods, expected):
    index = pd.date_range("2020-01-01", periods=periods, freq=freq)
    offset = pd.tseries.frequencies.to_offset(freq)
    assert _calendar(offset, index) == expected


def test_fitted_attributes(flagged_model):
    model = flagged_model
    assert (model.freq_.freqstr, model.season_, model.lookback_) == ("D", 7, 28)
    assert model.calendar_ == ["week"]
    assert model.target_ == "y" and model.known_future_ == ["flag"]
    assert model.residual_ in ("naive", "seasonal naive")
    assert set(model.validation_mae_) == {"naive", "seasonal naive"}
    assert model.residual_ == min(model.validation_mae_, key=model.validation_mae_.get)
    assert 1 <= model.best_epoch_ <= model.epochs_run_ <= FAST["max_epochs"]
    assert model.interval_width_.shape == (3,) and (model.interval_width_ > 0).all()
    assert list(model.test_scores_.index) == [
        "naive",
        "seasonal naive",
        "linear",
        "LSTM",
    ]
    assert 0 <= model.test_coverage_ <= 1
    assert not model.refitted_
    assert "Forecaster(horizon=3" in repr(model)


# -- timestamps after the end ------------------------------------------------------
def test_daily_forecast_index_follows_local_midnights(daily, flagged_model, flags):
    forecast = flagged_model.predict(future=flags)
    expected = pd.DatetimeIndex(
        ["2024-03-30", "2024-03-31", "2024-04-01"], tz="Europe/Berlin", name="time"
    )
    assert daily.index[-1] == pd.Timestamp("2024-03-29", tz="Europe/Berlin")
    pd.testing.assert_index_equal(forecast.index, expected, check_freq=False)
    assert str(forecast.index.tz) == "Europe/Berlin"
    assert list(forecast.columns) == ["forecast", "lower", "upper"]
    assert (forecast["lower"] < forecast["forecast"]).all()
    assert (forecast["forecast"] < forecast["upper"]).all()
    np.testing.assert_allclose(
        forecast["upper"] - forecast["forecast"], flagged_model.interval_width_
    )


def test_half_hourly_forecast_index_is_the_next_half_hours(
    half_hourly, half_hourly_model
):
    forecast = half_hourly_model.predict()
    last = half_hourly.index[-1]
    assert half_hourly_model.freq_.freqstr == "30min"
    assert half_hourly_model.season_ == 48
    assert half_hourly_model.calendar_ == ["day", "week"]
    assert len(forecast) == 4
    assert forecast.index[0] - last == pd.Timedelta(minutes=30)
    assert (np.diff(forecast.index.asi8) == np.diff(forecast.index.asi8)[0]).all()
    assert forecast.index.tz == half_hourly.index.tz
    assert np.isfinite(forecast.to_numpy()).all()


# -- known-future columns ----------------------------------------------------------
def test_known_future_column_is_shifted_by_the_horizon(daily, flagged_model):
    raw = flagged_model._raw(daily)
    flag = daily["flag"].to_numpy()
    np.testing.assert_array_equal(raw[:-3, 1], flag[3:])  # row t holds flag at t + 3
    assert np.isnan(raw[-3:, 1]).all()  # not known from the data: predict's future


def test_predict_reads_the_future_values_into_the_window(flagged_model):
    index = flagged_model.forecast_index()
    future = pd.DataFrame({"flag": [1.0, 0.0, 1.0]}, index=index)
    window = flagged_model._last_window(future)
    scaler = flagged_model._fitted.scaler
    expected = (np.array([1.0, 0.0, 1.0]) - scaler.mean[1]) / scaler.scale[1]
    # The window's last three rows carry the flags of the three forecast steps.
    np.testing.assert_allclose(window[0, -3:, 1], expected, rtol=1e-6)
    forecast = flagged_model.predict(future=future)
    assert forecast.index.equals(index)


def test_predict_needs_the_known_future_values(flagged_model):
    with pytest.raises(ValueError, match=r"known-future column.*predict\(future="):
        flagged_model.predict()
    index = flagged_model.forecast_index()
    short = pd.DataFrame({"flag": [1.0, 1.0]}, index=index[:2])
    with pytest.raises(ValueError, match="lacks 1 of the 3 forecast timestamps"):
        flagged_model.predict(future=short)
    with pytest.raises(
        ValueError, match=r"lacks the known-future column\(s\) \['flag'\]"
    ):
        flagged_model.predict(future=pd.DataFrame({"other": [1.0] * 3}, index=index))


def test_future_without_known_columns_is_refused(half_hourly_model):
    index = half_hourly_model.forecast_index()
    future = pd.DataFrame({"flag": [1.0] * 4}, index=index)
    with pytest.raises(ValueError, match="without known_future"):
        half_hourly_model.predict(future=future)


# -- saving and loading ------------------------------------------------------------
def test_save_load_round_trip_gives_identical_forecasts(tmp_path, flagged_model):
    future = pd.DataFrame(
        {"flag": [1.0, 1.0, 0.0]}, index=flagged_model.forecast_index()
    )
    before = flagged_model.predict(future=future)
    folder = flagged_model.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == [
        "forecaster.json",
        "model.keras",
    ]
    state = json.loads((folder / "forecaster.json").read_text())
    assert state["format_version"] == FORMAT_VERSION
    assert state["residual"] == flagged_model.residual_
    loaded = Forecaster.load(folder)
    after = loaded.predict(future=future)
    np.testing.assert_array_equal(after.to_numpy(), before.to_numpy())
    pd.testing.assert_index_equal(after.index, before.index)
    assert str(after.index.tz) == "Europe/Berlin"
    assert loaded.get_params() == flagged_model.get_params()
    assert loaded.freq_ == flagged_model.freq_
    pd.testing.assert_frame_equal(loaded.test_scores_, flagged_model.test_scores_)
    with pytest.raises(RuntimeError, match="loaded Forecaster"):
        loaded.evaluate()
    with pytest.raises(RuntimeError, match="loaded Forecaster"):
        loaded.refit()


@pytest.mark.parametrize(
    "tz", [None, "UTC", "Europe/Berlin", lc.datasets.AEST, "UTC+10:00"]
)
def test_time_zones_survive_the_json(tz):
    index = pd.date_range("2024-03-30", periods=3, freq="D", tz=tz)
    state = json.loads(json.dumps(_tz_to_json(index.tz)))
    again = pd.DatetimeIndex(pd.to_datetime([_utc_iso(t) for t in index], utc=True))
    again = again.tz_convert(_tz_from_json(state)) if tz else again.tz_localize(None)
    pd.testing.assert_index_equal(again.as_unit(index.unit), index, check_freq=False)
    assert str(again.tz) == str(index.tz)


def test_load_refuses_a_newer_format(tmp_path, half_hourly_model):
    folder = half_hourly_model.save(tmp_path / "m")
    state = json.loads((folder / "forecaster.json").read_text())
    state["format_version"] = FORMAT_VERSION + 1
    (folder / "forecaster.json").write_text(json.dumps(state))
    with pytest.raises(
        ValueError, match=f"format_version {FORMAT_VERSION + 1}.*upgrade"
    ):
        Forecaster.load(folder)
    with pytest.raises(FileNotFoundError, match=r"Forecaster\.save"):
        Forecaster.load(tmp_path / "nothing-here")


# -- evaluate and refit ------------------------------------------------------------
def test_evaluate_returns_the_backtest_table(flagged_model):
    table = flagged_model.evaluate(folds=2)
    assert list(table.index) == ["naive", "seasonal naive", "linear", "LSTM"]
    assert list(table.columns) == [
        "MAE mean",
        "MAE std",
        "RMSE mean",
        "MASE mean",
        "skill mean",
        "pooled MAE",
    ]
    assert np.isfinite(table.to_numpy()).all()
    folds = flagged_model.backtest_.folds
    assert len(folds) == 2 * 4 and sorted(folds["fold"].unique()) == [0, 1]
    # skill is measured against the best non-LSTM model of each fold
    for _, rows in folds.groupby("fold"):
        assert rows.loc[rows["model"] != "LSTM", "skill"].max() == pytest.approx(0)
    with pytest.raises(ValueError, match="use fewer folds"):
        flagged_model.evaluate(folds=20)


def test_refit_trains_on_all_rows_for_the_chosen_epochs():
    series = make_series(100, "D")  # time-zone naive
    model = Forecaster(horizon=2, **FAST).fit(series)
    expected = [pd.Timestamp("2024-04-10"), pd.Timestamp("2024-04-11")]
    assert list(model.predict().index) == expected
    model.refit()
    assert model.refitted_
    assert len(model._fitted.history["loss"]) == model.best_epoch_
    assert model._fitted.scaler.mean[0] == pytest.approx(series.mean())
    forecast = model.predict()
    assert forecast.index.tz is None and list(forecast.index) == expected


# -- bad input ---------------------------------------------------------------------
def _daily_frame(n=100):
    return make_series(n, "D").to_frame()


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda f: f.iloc[::-1], ValueError, "increasing order"),
        (lambda f: pd.concat([f.iloc[:5], f.iloc[4:]]), ValueError, "1 are repeated"),
        (lambda f: f.drop(f.index[10]), ValueError, r"1 step\(s\) of D are missing"),
        (
            lambda f: f.assign(
                y=f["y"].astype(object).where(f.index != f.index[3], "x")
            ),
            TypeError,
            "must hold numbers.*'x'",
        ),
        (
            lambda f: f.assign(y=f["y"].where(f.index != f.index[3])),
            ValueError,
            "1 missing or infinite",
        ),
        (
            lambda f: f.iloc[:40],
            ValueError,
            "needs at least .* rows, but the data has 40",
        ),
        (lambda f: f.reset_index(drop=True), TypeError, "DatetimeIndex"),
    ],
    ids=["unsorted", "duplicated", "gap", "string", "nan", "short", "no-time-index"],
)
def test_fit_refuses_bad_data(make, error, match):
    with pytest.raises(error, match=match):
        Forecaster(horizon=3, **FAST).fit(make(_daily_frame()), target="y")


@pytest.mark.parametrize(
    ("kwargs", "fit_kwargs", "error", "match"),
    [
        ({"horizon": 0}, {}, ValueError, "horizon=0"),
        ({"horizon": 2.5}, {}, TypeError, "horizon must be an integer"),
        ({"horizon": 3, "interval": 1.5}, {}, ValueError, "interval=1.5"),
        ({"horizon": 3, "lookback": 5}, {}, ValueError, "shorter than one season"),
        ({"horizon": 3}, {"target": "nope"}, ValueError, "'nope' is not in the data"),
        (
            {"horizon": 3},
            {"target": "y", "known_future": ["z"]},
            ValueError,
            "known_future column 'z'",
        ),
        (
            {"horizon": 3},
            {"target": "y", "known_future": ["y"]},
            ValueError,
            "cannot also be",
        ),
    ],
)
def test_fit_refuses_bad_settings(kwargs, fit_kwargs, error, match):
    with pytest.raises(error, match=match):
        Forecaster(**kwargs).fit(_daily_frame(), **fit_kwargs)


def test_predict_before_fit():
    with pytest.raises(RuntimeError, match="not fitted"):
        Forecaster(horizon=3).predict()


# -- fill_gaps ---------------------------------------------------------------------
def test_fill_gaps_fills_short_gaps_in_time():
    series = make_series(30, "h", tz="UTC")
    holed = series.drop(series.index[[5, 6, 20]])
    holed.iloc[10] = np.nan
    filled, n = fill_gaps(holed, max_gap=3)
    assert n == 4
    assert filled.index.equals(series.index)
    np.testing.assert_allclose(
        filled.iloc[5:7], np.linspace(series.iloc[4], series.iloc[7], 4)[1:3]
    )
    assert filled.notna().all()


def test_fill_gaps_refuses_long_gaps_with_where_the_first_is():
    series = make_series(40, "30min")
    holed = series.drop(series.index[list(range(10, 15)) + list(range(25, 30))])
    with pytest.raises(
        ValueError,
        match=(
            r"2 gap\(s\) are longer than max_gap=3 steps of 30min; the first: 5 "
            r"missing step\(s\) of 'y' from 2024-01-01 05:00:00 to 2024-01-01 07:00:00"
        ),
    ):
        fill_gaps(holed, max_gap=3)
    with pytest.raises(ValueError, match="max_gap=0"):
        fill_gaps(series.drop(series.index[3]), max_gap=0)


def test_fill_gaps_finds_monthly_steps_despite_a_gap():
    series = make_series(24, "MS", season=12)
    filled, n = fill_gaps(series.drop(series.index[7]))
    assert n == 1 and filled.index.equals(series.index)


def test_fill_gaps_leaves_a_regular_series_alone():
    frame = make_series(20, "D").to_frame()
    filled, n = fill_gaps(frame)
    assert n == 0
    pd.testing.assert_frame_equal(filled, frame, check_freq=False)


@pytest.mark.parametrize(
    ("index", "match"),
    [
        (pd.DatetimeIndex(["2024-01-01", "2024-01-01", "2024-01-02"]), "repeated"),
        (pd.DatetimeIndex(["2024-01-02", "2024-01-01", "2024-01-03"]), "increasing"),
        (
            pd.DatetimeIndex(["2024-01-01", "2024-01-02 05:13", "2024-01-05 01:01"]),
            "no regular grid",
        ),
    ],
)
def test_fill_gaps_refuses_what_it_cannot_repair(index, match):
    with pytest.raises(ValueError, match=match):
        fill_gaps(pd.Series([1.0, 2.0, 3.0], index=index))


def test_a_missing_row_is_one_gap_however_many_columns():
    frame = make_series(40, "D").to_frame().assign(flag=1.0)
    holed = frame.drop(frame.index[10:15])
    with pytest.raises(ValueError, match=r"^1 gap\(s\) are longer"):
        fill_gaps(holed)
