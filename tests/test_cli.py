"""Tests for lstm_course.cli: the `lstm-course forecast` command.

Bad input must end in one `error:` line on stderr and exit status 2, never a
traceback; good input writes the four outputs. Networks are tiny and train
for two epochs."""

import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstm_course.cli import main, read_series

ROOT = Path(__file__).resolve().parents[1]
FAST = ["--max-epochs", "2", "--units", "4", "--folds", "2"]


def series_frame(periods=120, freq="D", *, start="2024-01-01", tz=None, season=7):
    index = pd.date_range(start, periods=periods, freq=freq, tz=tz)
    t = np.arange(periods)
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "time": index,
            "load": 10 + np.sin(2 * np.pi * t / season) + rng.normal(0, 0.3, periods),
            "workday": (index.day_of_week < 5).astype(int),
        }
    )


def write(frame, path, **kwargs):
    frame.to_csv(path, index=False, **kwargs)
    return str(path)


def command(path, *extra, horizon="3"):
    return [
        "forecast",
        path,
        "--time",
        "time",
        "--target",
        "load",
        "--horizon",
        horizon,
        *extra,
    ]


def assert_one_error_line(capsys, *patterns):
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in captured.err
    for pattern in patterns:
        assert pattern in lines[0], lines[0]
    return lines[0]


# -- bad input: one line, exit status 2 --------------------------------------------
def _gap(frame, rows):
    return frame.drop(index=rows)


BAD_FILES = {
    "long gap": (
        lambda f: _gap(f, range(20, 25)),
        [],
        [
            "1 gap(s) are longer than max_gap=3",
            "5 missing step(s) of 'load'",
            "from 2024-01-21 00:00:00 to 2024-01-25 00:00:00",
            "--max-gap",
        ],
    ),
    "duplicated": (
        lambda f: pd.concat([f.iloc[:10], f.iloc[9:]]),
        [],
        ["1 are repeated, the first 2024-01-10", "one row per timestamp"],
    ),
    "unsorted": (
        lambda f: f.iloc[[*range(10), 11, 10, *range(12, len(f))]],
        [],
        ["increasing order", "2024-01-11 00:00:00 comes after 2024-01-12", "sort"],
    ),
    "string in target": (
        lambda f: f.astype({"load": object}).assign(
            load=lambda g: g["load"].where(g.index != 7, "abc")
        ),
        [],
        ["'load' must hold numbers", "'abc' at 2024-01-08"],
    ),
    "too short": (
        lambda f: f.iloc[:50],
        [],
        ["needs at least", "the data has 50", "shorter horizon or lookback"],
    ),
    "unknown target": (
        lambda f: f.rename(columns={"load": "demand"}),
        [],
        ["--target 'load' is not a column", "'demand'"],
    ),
    "unknown known-future": (
        lambda f: f,
        ["--known-future", "holiday"],
        ["--known-future 'holiday' is not a column"],
    ),
    "known future without future rows": (
        lambda f: f,
        ["--known-future", "workday"],
        ["needs the values", "add 3 rows"],
    ),
    "lookback shorter than a season": (
        lambda f: f,
        ["--lookback", "5"],
        ["lookback=5 is shorter than one season"],
    ),
    "time is not a time": (
        lambda f: f.assign(time="soon"),
        [],
        ["time column 'time' holds values that are not"],
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_end_in_one_error_line(tmp_path, capsys, case):
    change, extra, patterns = BAD_FILES[case]
    path = write(change(series_frame()), tmp_path / "data.csv")
    status = main(command(path, *extra, *FAST, "--out", str(tmp_path / "out")))
    assert status == 2
    assert_one_error_line(capsys, *patterns)
    assert not (tmp_path / "out").exists()


def test_missing_file(tmp_path, capsys):
    assert main(command(str(tmp_path / "nope.csv"))) == 2
    assert_one_error_line(capsys, "nope.csv does not exist")


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00", "not a CSV text file"),
        (b"", "is empty"),
        (b'{"time": [1, 2], "load": [3, 4]}', "whose first row names the columns"),
        (b"time;load\n2024-01-01;3\n", "is it comma-separated?"),
        (b"time,load\n", "has a header but no rows"),
    ],
    ids=["binary", "empty", "json", "semicolons", "header only"],
)
def test_files_that_are_not_csv(tmp_path, capsys, content, pattern):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    assert main(command(str(path))) == 2
    assert_one_error_line(capsys, pattern)


def test_a_folder_instead_of_a_file(tmp_path, capsys):
    assert main(command(str(tmp_path))) == 2
    assert_one_error_line(capsys, "is a folder")


@pytest.mark.parametrize(
    ("argv", "pattern"),
    [
        (["forecast", "x.csv", "--time", "t", "--horizon", "3"], "--target"),
        (
            ["forecast", "x.csv", "--time", "t", "--target", "y", "--horizon", "soon"],
            "invalid int value: 'soon'",
        ),
        ([], "required: COMMAND"),
        (["backcast"], "invalid choice"),
    ],
)
def test_usage_mistakes_end_in_one_error_line(capsys, argv, pattern):
    assert main(argv) == 2
    line = assert_one_error_line(capsys, pattern)
    assert "--help" in line


def test_help_exits_zero(capsys):
    assert main(["forecast", "--help"]) == 0
    assert "--known-future" in capsys.readouterr().out


# -- reading -----------------------------------------------------------------------
def test_read_series_keeps_utc_offsets(tmp_path):
    frame = series_frame(10, tz="Australia/Brisbane")  # +10:00, no DST
    path = write(frame, tmp_path / "data.csv")
    assert "+10:00" in Path(path).read_text().splitlines()[1]
    history, future, notes = read_series(path, "time", "load")
    assert str(history.index.tz) == "UTC+10:00" and notes == []
    assert history.index[0].isoformat() == "2024-01-01T00:00:00+10:00"
    assert future.empty


def test_read_series_works_in_utc_across_daylight_saving(tmp_path):
    frame = series_frame(48, "h", start="2024-03-30", tz="Europe/Berlin", season=24)
    path = write(frame, tmp_path / "data.csv")
    history, _, notes = read_series(path, "time", "load")
    assert str(history.index.tz) == "UTC"
    assert "several UTC offsets" in notes[0]
    assert (np.diff(history.index.asi8) == np.diff(history.index.asi8)[0]).all()


def test_read_series_splits_off_the_future_rows(tmp_path):
    frame = series_frame(20)
    frame.loc[17:, "load"] = np.nan
    path = write(frame, tmp_path / "data.csv")
    history, future, notes = read_series(path, "time", "load", ["workday"])
    assert len(history) == 17 and len(future) == 3
    assert list(future.columns) == ["workday"]
    assert "3 row(s) after the last 'load' value" in notes[0]


# -- a full run --------------------------------------------------------------------
def test_forecast_with_gaps_time_zone_and_known_future(tmp_path, capsys):
    frame = series_frame(123, tz="Australia/Brisbane")
    frame.loc[120:, "load"] = np.nan  # three future rows: known flags only
    frame.loc[40, "load"] = np.nan  # an empty cell
    frame = frame.drop(index=[60, 61])  # two missing days
    path = write(frame, tmp_path / "data.csv")
    out = tmp_path / "out"
    status = main(command(path, "--known-future", "workday", *FAST, "--out", str(out)))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert captured.err == ""
    assert "filled 3 row(s) by time interpolation" in captured.out
    assert "epoch 1/2: loss" in captured.out and "val_loss" in captured.out
    assert "backtest over 2 forecast origins" in captured.out
    for name in ("forecast.csv", "forecast.png", "evaluation.csv", "model"):
        assert (out / name).exists()
        assert str(out / name) in captured.out
    forecast = pd.read_csv(out / "forecast.csv")
    assert list(forecast.columns) == ["timestamp", "forecast", "lower", "upper"]
    assert list(forecast["timestamp"]) == [
        "2024-04-30 00:00:00+10:00",
        "2024-05-01 00:00:00+10:00",
        "2024-05-02 00:00:00+10:00",
    ]
    assert (forecast["lower"] <= forecast["upper"]).all()
    evaluation = pd.read_csv(out / "evaluation.csv", index_col=0)
    assert list(evaluation.index) == ["naive", "seasonal naive", "linear", "LSTM"]
    assert "MASE mean" in evaluation.columns


def test_python_m_lstm_course_cli_in_a_subprocess(tmp_path):
    """A real process: `python -m lstm_course.cli` on a bad file exits 2 with one
    error line and no traceback."""
    frame = series_frame(200, "30min", season=48)
    write(pd.concat([frame.iloc[:5], frame.iloc[4:]]), tmp_path / "dup.csv")
    done = subprocess.run(
        [sys.executable, "-m", "lstm_course.cli", *command(str(tmp_path / "dup.csv"))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: timestamps must be unique")
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_console_script_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["lstm-course"] == "lstm_course.cli:main"
