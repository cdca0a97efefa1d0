"""Windowing speed and memory: the slides' Python loop against ``make_windows``.

Usage::

    .venv/bin/python benchmarks/windowing.py [--n 1000000] [--seq-length 24]

Both build every window of ``seq_length`` steps, and the value after each, from one
series of ``n`` float64 points. The script prints the wall time of each, the speed
ratio, the extra memory each allocated (``tracemalloc`` peak, which counts NumPy's
buffers), and whether the windows share memory with the series (a view) or are a
copy. Target: ``make_windows`` at least 100x faster, and no copy.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np

from lstm_course.windows import make_windows


def create_sequences(data, seq_length):
    """The slides' version (slide 7): a Python loop that copies every window."""
    sequences, targets = [], []
    for i in range(len(data) - seq_length):
        sequences.append(data[i : i + seq_length])
        targets.append(data[i + seq_length])
    return np.array(sequences), np.array(targets)


def measure(fn, *args):
    """Run ``fn(*args)`` once; return its result, seconds, and peak new bytes."""
    tracemalloc.start()
    start = time.perf_counter()
    result = fn(*args)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak


def best_time(fn, *args, repeat: int = 5) -> float:
    """Fastest of ``repeat`` runs, without tracemalloc's overhead."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seq-length", type=int, default=24)
    args = parser.parse_args(argv)

    data = np.sin(np.arange(args.n) * 2 * np.pi / 48)
    print(
        f"series: {args.n:,} float64 points ({data.nbytes / 2**20:.1f} MiB), "
        f"seq_length={args.seq_length}"
    )

    (X_loop, y_loop), _, peak_loop = measure(create_sequences, data, args.seq_length)
    (X_view, y_view), _, peak_view = measure(make_windows, data, args.seq_length)
    np.testing.assert_array_equal(X_view[..., 0], X_loop)
    np.testing.assert_array_equal(y_view, y_loop)

    # Time without tracemalloc (it slows allocation-heavy code down).
    del X_loop, y_loop
    t_loop = best_time(create_sequences, data, args.seq_length, repeat=1)
    t_view = best_time(make_windows, data, args.seq_length, repeat=20)

    shares = np.shares_memory(X_view, data)
    results = {
        "loop_s": t_loop,
        "view_s": t_view,
        "ratio": t_loop / t_view,
        "loop_peak_bytes": peak_loop,
        "view_peak_bytes": peak_view,
        "view_shares_memory": shares,
    }
    print(f"{'':16}{'time':>12}{'extra memory (peak)':>24}")
    print(f"{'slides loop':16}{t_loop:>11.3f}s{peak_loop / 2**20:>20.1f} MiB")
    print(f"{'make_windows':16}{t_view * 1e6:>10.1f}µs{peak_view / 2**10:>20.1f} KiB")
    print(f"make_windows is {results['ratio']:,.0f}x faster")
    print(
        f"windows: {X_view.shape}, np.shares_memory(X, data) = {shares}, "
        f"writeable = {X_view.flags.writeable} (a read-only view, no copy)"
    )
    assert shares, "make_windows copied the data"
    assert results["ratio"] >= 100, "make_windows should be at least 100x faster"
    return results


if __name__ == "__main__":
    main()
