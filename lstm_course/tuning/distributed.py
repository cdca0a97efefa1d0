"""One search, many machines: KerasTuner's distributed mode (chapter 13).

KerasTuner can share one search between several processes, on one machine or on
a whole classroom of laptops. One process, the **chief**, holds the *oracle*: the
object that decides which hyperparameters to try next and records every result.
It trains nothing. Each **worker** asks the chief for a trial over gRPC, trains
that model on its own data copy, reports the validation loss, and asks again
until the chief says the search is over.

KerasTuner reads three environment variables to know its role:

- ``KERASTUNER_TUNER_ID``: ``chief`` for the chief, a unique name per worker
  (``tuner0``, ``tuner1``, ...);
- ``KERASTUNER_ORACLE_IP``: the address the chief listens on and the workers
  connect to;
- ``KERASTUNER_ORACLE_PORT``: its port.

The command line below sets them from its options (or takes them from the
environment when the options are left out)::

    python -m lstm_course.tuning chief  --ip 0.0.0.0 --port 8000
    python -m lstm_course.tuning worker --ip <chief's address> --port 8000 \\
        --tuner-id tuner0

Every process must be given the same search options (tuner, budget, data,
space), since workers build the models from the trials the chief hands out.

The chief serves KerasTuner's own gRPC servicer
(``keras_tuner.src.distribute.oracle_chief``). KerasTuner's ``search()`` on a
chief checks every 20 seconds whether the workers are done; :func:`serve_chief`
checks every half second and can stop after a time limit, so that a laptop that
leaves the room cannot keep the chief waiting forever.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import tempfile
import time
from concurrent import futures
from pathlib import Path

import numpy as np

from lstm_course._validation import check_int
from lstm_course.tuning.search import (
    _check_name,
    _quiet_weight_loading,
    make_hypermodel,
    make_tuner,
    results_table,
)

ENV_TUNER_ID = "KERASTUNER_TUNER_ID"
ENV_ORACLE_IP = "KERASTUNER_ORACLE_IP"
ENV_ORACLE_PORT = "KERASTUNER_ORACLE_PORT"

CONNECT_TIMEOUT = 60.0
"""Seconds a worker waits for its chief to answer before it gives up."""


def set_distributed_environment(tuner_id: str, ip: str, port: int) -> dict:
    """Set the three variables through which KerasTuner finds its chief.

    Parameters
    ----------
    tuner_id : str
        ``"chief"`` for the chief; any other unique name (``"tuner0"``) for a
        worker.
    ip : str
        The chief's address (the workers') or the address it listens on (the
        chief's own; ``0.0.0.0`` means every network interface).
    port : int
        The chief's port, 1 to 65535.

    Returns
    -------
    dict
        The three variables and the values now set in :data:`os.environ`.

    Raises
    ------
    TypeError, ValueError
        If ``tuner_id`` or ``ip`` is empty or ``port`` is out of range.

    Examples
    --------
    >>> env = set_distributed_environment("tuner0", "127.0.0.1", 8000)
    >>> env["KERASTUNER_TUNER_ID"], env["KERASTUNER_ORACLE_PORT"]
    ('tuner0', '8000')
    >>> for name in env:
    ...     del os.environ[name]
    """
    tuner_id = _check_name(tuner_id, "tuner_id")
    ip = _check_name(ip, "ip")
    port = check_int(port, "port", minimum=1)
    if port > 65535:
        raise ValueError(
            f"port={port} is too large: ports go from 1 to 65535."
        )
    env = {
        ENV_TUNER_ID: tuner_id,
        ENV_ORACLE_IP: ip,
        ENV_ORACLE_PORT: str(port),
    }
    os.environ.update(env)
    return env


def serve_chief(
    hypermodel,
    *,
    tuner: str = "random",
    max_trials: int = 10,
    max_epochs: int = 3,
    factor: int = 3,
    directory,
    project_name: str = "lstm_tuning",
    seed: int = 42,
    timeout: float | None = None,
    poll_seconds: float = 0.5,
):
    """Run the chief: serve the oracle until every worker has been told to stop.

    Expects :func:`set_distributed_environment` (or the environment) to name
    this process ``chief``. Blocks until the search is over, then returns the
    tuner, whose oracle holds every trial the workers ran.

    Parameters
    ----------
    hypermodel : callable
        The model-building function; the chief builds it once to learn the space.
    tuner : {"random", "hyperband"}, default="random"
        The search strategy; workers must use the same.
    max_trials : int, default=10
        Trials for random search (ignored by Hyperband).
    max_epochs, factor : int
        Hyperband's budget (see :func:`lstm_course.tuning.run_search`).
    directory : str or path-like
        Where the chief keeps the oracle's state.
    project_name : str, default="lstm_tuning"
        Sub-directory of ``directory``.
    seed : int, default=42
        Seeds the oracle's sampling.
    timeout : float, optional
        Stop serving after this many seconds even if trials are unfinished.
    poll_seconds : float, default=0.5
        How often to check whether the search is over.

    Returns
    -------
    keras_tuner.Tuner
        The chief's tuner; pass it to :func:`results_table`.

    Raises
    ------
    RuntimeError
        If this process is not configured as the chief, or the port is taken
        (by another chief or any other program).
    """
    import grpc
    from keras_tuner.src import protos
    from keras_tuner.src.distribute import oracle_chief
    from keras_tuner.src.distribute import utils as dist_utils

    if not dist_utils.is_chief_oracle():
        raise RuntimeError(
            f"This process is not the chief: set {ENV_TUNER_ID}=chief together "
            f"with {ENV_ORACLE_IP} and {ENV_ORACLE_PORT} (see "
            "set_distributed_environment)."
        )
    _check_port_free(
        os.environ[ENV_ORACLE_IP], int(os.environ[ENV_ORACLE_PORT])
    )
    chief = make_tuner(
        hypermodel,
        tuner,
        max_epochs=max_epochs,
        factor=factor,
        max_trials=max_trials if tuner == "random" else None,
        directory=directory,
        project_name=project_name,
        overwrite=True,
        seed=seed,
    )
    chief.oracle.verbose = 0
    chief.save()
    address = f"{os.environ[ENV_ORACLE_IP]}:{os.environ[ENV_ORACLE_PORT]}"
    # No SO_REUSEPORT: a second chief on a port in use must fail, not share it.
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=1),
        options=[("grpc.so_reuseport", 0)],
    )
    servicer = oracle_chief.OracleServicer(chief.oracle)
    protos.get_service_grpc().add_OracleServicer_to_server(servicer, server)
    try:
        bound = server.add_insecure_port(address)
    except RuntimeError as exc:  # grpc raises when it cannot bind
        raise RuntimeError(
            f"The chief cannot listen on {address}: {exc}"
        ) from exc
    if bound == 0:
        raise RuntimeError(
            f"The chief cannot listen on {address}: is the port in use? "
            "Pick another --port (and give the workers the same)."
        )
    server.start()
    start = time.monotonic()
    try:
        while not (
            servicer.stop_triggered and oracle_chief.exit_chief(chief.oracle)
        ):
            if timeout is not None and time.monotonic() - start > timeout:
                break
            time.sleep(poll_seconds)
    finally:
        server.stop(grace=1).wait()
    return chief


def _check_port_free(ip: str, port: int) -> None:
    """Refuse a port another process listens on, before gRPC logs its own error."""
    try:
        infos = socket.getaddrinfo(ip, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RuntimeError(
            f"The chief cannot listen on {ip}:{port}: {exc}. Give an address of "
            "this machine (0.0.0.0 means every network interface)."
        ) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise RuntimeError(
                f"The chief cannot listen on {ip}:{port}: {exc.strerror or exc}. "
                "Is another chief running? Pick another --port (and give the "
                "workers the same)."
            ) from None


def run_worker(
    hypermodel,
    X_train,
    y_train,
    X_val,
    y_val,
    *,
    tuner: str = "random",
    max_trials: int = 10,
    max_epochs: int = 3,
    factor: int = 3,
    batch_size: int = 64,
    directory,
    project_name: str = "lstm_tuning",
    seed: int = 42,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> list[str]:
    """Run one worker: train the trials the chief hands out until it says stop.

    Expects :func:`set_distributed_environment` (or the environment) to give
    this process a worker ID and the chief's address.

    Parameters
    ----------
    hypermodel : callable
        The same model-building function as the chief's.
    X_train, y_train, X_val, y_val : numpy.ndarray
        This worker's copy of the data (the same on every worker).
    tuner, max_trials, max_epochs, factor, project_name, seed
        The same search options as the chief's.
    batch_size : int, default=64
        Batch size for training.
    directory : str or path-like
        Where this worker keeps its checkpoints. For Hyperband it must be one
        directory shared by every worker (a network drive): a promoted trial
        resumes from its parent's checkpoint, which another worker may have
        written. Random search trials are independent: any directory will do.
    connect_timeout : float, default=60
        Seconds to wait for the chief to answer before giving up (start the
        chief first).

    Returns
    -------
    list of str
        The IDs of the trials this worker ran.

    Raises
    ------
    RuntimeError
        If this process is configured as the chief, or not for distribution.
    TimeoutError
        If no chief answers at the address within ``connect_timeout`` seconds.
    """
    from keras_tuner.src.distribute import utils as dist_utils

    from lstm_course.reproducibility import set_seed

    if not dist_utils.has_chief_oracle() or dist_utils.is_chief_oracle():
        raise RuntimeError(
            f"This process is not a worker: set {ENV_TUNER_ID} to a worker name "
            f"such as tuner0 (not chief), with {ENV_ORACLE_IP} and "
            f"{ENV_ORACLE_PORT} pointing at the chief."
        )
    wait_for_chief(connect_timeout)
    set_seed(seed)
    worker = make_tuner(
        hypermodel,
        tuner,
        max_epochs=max_epochs,
        factor=factor,
        max_trials=max_trials if tuner == "random" else None,
        directory=directory,
        project_name=project_name,
        overwrite=False,  # a shared directory holds the other workers' checkpoints
        seed=seed,
    )
    ran: list[str] = []
    on_trial_end = worker.on_trial_end

    def record(trial):  # note each trial this worker finishes, then carry on
        ran.append(trial.trial_id)
        on_trial_end(trial)

    worker.on_trial_end = record
    with _quiet_weight_loading():
        worker.search(
            X_train,
            y_train,
            validation_data=(X_val, y_val),
            epochs=max_epochs,
            batch_size=batch_size,
            verbose=0,
        )
    return ran


def wait_for_chief(timeout: float = CONNECT_TIMEOUT) -> None:
    """Wait until the chief named in the environment answers, or give up.

    KerasTuner's worker waits for its chief forever; a worker started with a
    wrong address (or before the chief) should say so instead.

    Parameters
    ----------
    timeout : float, default=60
        Seconds to wait.

    Raises
    ------
    TypeError, ValueError
        If ``timeout`` is not a positive number.
    TimeoutError
        If no chief answers within ``timeout`` seconds.
    """
    import grpc

    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(
            f"timeout must be a number of seconds, got {timeout!r}."
        )
    if not timeout > 0:
        raise ValueError(
            f"timeout={timeout} must be a positive number of seconds."
        )
    address = f"{os.environ[ENV_ORACLE_IP]}:{os.environ[ENV_ORACLE_PORT]}"
    channel = grpc.insecure_channel(address)
    try:
        grpc.channel_ready_future(channel).result(timeout=timeout)
    except grpc.FutureTimeoutError:
        raise TimeoutError(
            f"no chief answered at {address} within {timeout:g} s. Start the chief "
            "first (python -m lstm_course.tuning chief ...), and check --ip and "
            "--port (the chief's address and port)."
        ) from None
    finally:
        channel.close()


def demo_data(
    n_points: int = 600, seq_length: int = 24, seed: int = 0
) -> tuple[np.ndarray, ...]:
    """A small noisy daily cycle, windowed, for trying the distributed mode.

    Parameters
    ----------
    n_points : int, default=600
        Hourly points in the series (25 days).
    seq_length : int, default=24
        Hours per input window; the target is the next hour.
    seed : int, default=0
        Seed for the noise.

    Returns
    -------
    X_train, y_train, X_val, y_val : numpy.ndarray
        The first 80 % of windows for training, the rest for validation;
        ``X`` has shape ``(windows, seq_length, 1)``.

    Examples
    --------
    >>> X_train, y_train, X_val, y_val = demo_data(100, seq_length=10)
    >>> X_train.shape, y_val.shape
    ((72, 10, 1), (18,))
    """
    n_points = check_int(n_points, "n_points", minimum=4)
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    if n_points < seq_length + 4:
        raise ValueError(
            f"n_points={n_points} is too short for seq_length={seq_length}: it "
            f"needs at least {seq_length + 4} points."
        )
    rng = np.random.default_rng(check_int(seed, "seed", minimum=0))
    t = np.arange(n_points)
    series = np.sin(2 * np.pi * t / 24) + 0.1 * rng.normal(size=n_points)
    series = series.astype("float32")
    windows = np.lib.stride_tricks.sliding_window_view(series, seq_length + 1)
    X, y = windows[:, :-1, None], windows[:, -1]
    split = int(0.8 * len(X))
    return X[:split], y[:split], X[split:], y[split:]


def electricity_data(
    seq_length: int = 24, stride: int = 4
) -> tuple[np.ndarray, ...]:
    """Chapter 13's windows of hourly electricity demand, for a class-wide search.

    Hourly mean demand in Victoria, 2014 (:func:`lstm_course.load_electricity`),
    split 70/15/15 in time order, scaled on the training part, windowed with
    :func:`lstm_course.window_split`; the targets are the change from the last
    hour, as in the chapter. Every ``stride``-th training window is kept.

    Parameters
    ----------
    seq_length : int, default=24
        Hours per input window.
    stride : int, default=4
        Keep every ``stride``-th training window.

    Returns
    -------
    X_train, y_train, X_val, y_val : numpy.ndarray

    Examples
    --------
    >>> X_train, y_train, X_val, y_val = electricity_data(24)
    >>> X_train.shape, X_val.shape
    ((1527, 24, 1), (1314, 24, 1))
    """
    from lstm_course.baselines import naive_forecast
    from lstm_course.datasets import load_electricity
    from lstm_course.windows import (
        fit_scaler,
        split_chronologically,
        window_split,
    )

    stride = check_int(stride, "stride", minimum=1)
    hourly = load_electricity()["demand_gw"].resample("h").mean()
    split = split_chronologically(hourly.to_numpy(dtype="float32"), 0.7, 0.15)
    scaled = split.apply(fit_scaler(split.train).transform)
    (X_train, y_train), (X_val, y_val), _ = window_split(scaled, seq_length)
    X_train, y_train = X_train[::stride], y_train[::stride]
    return (
        X_train,
        y_train - naive_forecast(X_train),
        X_val,
        y_val - naive_forecast(X_val),
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lstm_course.tuning",
        description="Share one KerasTuner search between a chief and workers.",
    )
    roles = parser.add_subparsers(dest="role", required=True)
    chief = roles.add_parser("chief", help="serve the search (trains nothing)")
    worker = roles.add_parser(
        "worker", help="train the trials the chief hands out"
    )
    for sub in (chief, worker):
        sub.add_argument("--ip", default=os.environ.get(ENV_ORACLE_IP))
        sub.add_argument(
            "--port", type=int, default=os.environ.get(ENV_ORACLE_PORT)
        )
        sub.add_argument(
            "--tuner",
            choices=("random", "hyperband"),
            default="random",
            help="hyperband needs one --directory shared by all workers",
        )
        sub.add_argument("--max-trials", type=int, default=10)
        sub.add_argument("--max-epochs", type=int, default=3)
        sub.add_argument("--factor", type=int, default=3)
        sub.add_argument("--seq-length", type=int, default=24)
        sub.add_argument(
            "--data",
            choices=("demo", "electricity"),
            default="demo",
            help="demo: a small synthetic series; electricity: chapter 13's data",
        )
        sub.add_argument(
            "--n-points", type=int, default=600, help="demo data only"
        )
        sub.add_argument(
            "--units",
            type=int,
            nargs=3,
            default=[32, 512, 32],
            metavar=("MIN", "MAX", "STEP"),
            help="the range of LSTM units (default: 32 512 32, the slide's)",
        )
        sub.add_argument(
            "--directory",
            help="where to keep state (default: a temporary directory)",
        )
        sub.add_argument("--project-name", default="lstm_tuning")
        sub.add_argument("--seed", type=int, default=42)
    chief.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="stop serving after SECONDS",
    )
    chief.add_argument("--results", help="write the results table to this CSV")
    worker.add_argument("--tuner-id", default=os.environ.get(ENV_TUNER_ID))
    worker.add_argument("--batch-size", type=int, default=64)
    worker.add_argument(
        "--connect-timeout",
        type=float,
        default=CONNECT_TIMEOUT,
        help=f"give up if no chief answers in SECONDS (default {CONNECT_TIMEOUT:g})",
    )
    return parser


def _fail(message) -> int:
    """Print one ``error:`` line (never a traceback) and return exit status 2."""
    text = " ".join(str(message).split())
    print(f"error: {text}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """The command line: ``python -m lstm_course.tuning chief|worker [options]``.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when the search finished, 1 when the chief stopped before every trial
        completed, 2 for bad input (one ``error:`` line on stderr, no traceback).
    """
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        return _fail("interrupted")
    except (TypeError, ValueError, RuntimeError, OSError, TimeoutError) as exc:
        return _fail(exc)


def _check_results_path(path) -> None:
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise ValueError(
            f"--results {path} is a folder; give a CSV file name."
        )
    if not target.parent.is_dir():
        raise ValueError(
            f"--results {path}: the folder {str(target.parent)!r} does not exist; "
            "create it first, or write the CSV somewhere else."
        )
    if not os.access(target.parent, os.W_OK):
        raise ValueError(f"--results {path}: the folder cannot be written to.")


def _main(args) -> int:
    # TensorFlow's notes on retracing (one model per trial) are noise here.
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    if args.ip is None or args.port is None:
        return _fail(
            f"give --ip and --port (or set {ENV_ORACLE_IP} and {ENV_ORACLE_PORT})."
        )
    try:
        port = int(args.port)  # from the environment it is still a string
    except ValueError:
        return _fail(f"the port must be a whole number, got {args.port!r}.")
    if not 1 <= port <= 65535:
        return _fail(f"port {port} is out of range: ports go from 1 to 65535.")
    if args.role == "chief":
        _check_results_path(args.results)
        if args.timeout is not None and not args.timeout > 0:
            return _fail(
                f"--timeout {args.timeout} must be a positive number."
            )
    elif not args.connect_timeout > 0:
        return _fail(
            f"--connect-timeout {args.connect_timeout} must be a positive number."
        )
    if args.data == "demo" and args.n_points < args.seq_length + 4:
        return _fail(
            f"--n-points {args.n_points} is too short for --seq-length "
            f"{args.seq_length}: it needs at least {args.seq_length + 4} points."
        )
    tuner_id = "chief" if args.role == "chief" else args.tuner_id
    if args.role == "worker" and (not tuner_id or "chief" in tuner_id):
        return _fail(
            "give each worker a unique --tuner-id such as tuner0 "
            f"(or set {ENV_TUNER_ID}); 'chief' is taken by the chief."
        )
    if (
        args.role == "worker"
        and args.tuner == "hyperband"
        and not args.directory
    ):
        return _fail(
            "Hyperband resumes promoted models from checkpoints that other "
            "workers wrote: give every worker the same --directory on a shared "
            "drive (or use --tuner random)."
        )
    set_distributed_environment(tuner_id, args.ip, port)
    hypermodel = make_hypermodel(args.seq_length, units=tuple(args.units))
    options = {
        "tuner": args.tuner,
        "max_trials": args.max_trials,
        "max_epochs": args.max_epochs,
        "factor": args.factor,
        "directory": args.directory,
        "project_name": args.project_name,
        "seed": args.seed,
    }
    if args.directory is None:
        with tempfile.TemporaryDirectory(prefix="lstm_course_tuning_") as tmp:
            return _run_role(
                args, tuner_id, hypermodel, {**options, "directory": tmp}
            )
    return _run_role(args, tuner_id, hypermodel, options)


def _run_role(args, tuner_id, hypermodel, options) -> int:
    if args.role == "chief":
        print(f"chief: serving on {args.ip}:{args.port}", flush=True)
        chief = serve_chief(hypermodel, timeout=args.timeout, **options)
        epochs = None if args.tuner == "hyperband" else args.max_epochs
        table = results_table(chief, epochs=epochs)
        print(table.to_string(index=False), flush=True)
        if args.results:
            table.to_csv(args.results, index=False)
        finished = len(table) > 0 and (table["status"] == "COMPLETED").all()
        if not finished:
            print(
                "chief: stopped before every trial completed", file=sys.stderr
            )
        return 0 if finished else 1
    if args.data == "electricity":
        data = electricity_data(args.seq_length)
    else:
        data = demo_data(args.n_points, args.seq_length, seed=0)
    print(f"{tuner_id}: asking {args.ip}:{args.port} for trials", flush=True)
    ran = run_worker(
        hypermodel,
        *data,
        batch_size=args.batch_size,
        connect_timeout=args.connect_timeout,
        **options,
    )
    print(json.dumps({"tuner_id": tuner_id, "trials": ran}), flush=True)
    return 0
