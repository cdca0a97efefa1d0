"""Time LSTM training steps with activation="tanh" against activation="relu".

Usage::

    .venv/bin/python benchmarks/cudnn_kernel.py [--units 128] [--seq-length 96]
        [--batch-size 64] [--steps 40]

On a GPU, TensorFlow runs ``keras.layers.LSTM`` with the fused cuDNN kernel only when
``activation="tanh"``, ``recurrent_activation="sigmoid"``, ``recurrent_dropout=0``,
``unroll=False`` and ``use_bias=True``; anything else (``relu`` here) falls back to the
generic kernel, a loop of small operations per time step. On a CPU both activations
run the generic kernel, so the ratio should be close to 1 there: this script says
which device it found, so that a figure is never reported for the wrong one.

It prints milliseconds per training step for each activation and the relu/tanh ratio.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def ms_per_step(activation: str, args, x, y) -> float:
    """Build a one-layer LSTM, warm it up, and time ``args.steps`` training steps."""
    import keras

    import lstm_course as lc

    lc.set_seed(0, deterministic=False)  # determinism would slow the GPU kernels
    model = lc.build_stacked_lstm(
        args.seq_length,
        x.shape[-1],
        units=args.units,
        num_layers=1,
        activation=activation,
    )
    model.fit(x, y, batch_size=args.batch_size, epochs=1, verbose=0)  # trace, warm up
    timer = _epoch_timer()
    model.fit(x, y, batch_size=args.batch_size, epochs=2, verbose=0, callbacks=[timer])
    keras.backend.clear_session()
    steps = x.shape[0] // args.batch_size
    return 1000 * min(timer.seconds) / steps


def _epoch_timer():
    """A minimal Keras callback that records each epoch's wall-clock seconds."""
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._start)

    return EpochTimer()


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=128)
    parser.add_argument("--seq-length", type=int, default=96)
    parser.add_argument("--features", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=40, help="steps per timed epoch")
    args = parser.parse_args(argv)

    import numpy as np
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    device = f"GPU ({gpus[0].name})" if gpus else "CPU only (no GPU found)"
    print(f"device: {device}")
    print(
        f"model: LSTM({args.units}) on windows of {args.seq_length} steps x "
        f"{args.features} features, batch {args.batch_size}, {args.steps} steps/epoch"
    )

    rng = np.random.default_rng(0)
    n = args.steps * args.batch_size
    x = rng.normal(size=(n, args.seq_length, args.features)).astype("float32")
    y = rng.normal(size=(n, 1)).astype("float32")

    results = {act: ms_per_step(act, args, x, y) for act in ("tanh", "relu")}
    for act, ms in results.items():
        print(f"{act:>4}: {ms:8.2f} ms/step")
    ratio = results["relu"] / results["tanh"]
    print(f"relu / tanh time ratio: {ratio:.2f}")
    if not gpus:
        print(
            "No GPU: both activations ran TensorFlow's generic LSTM kernel, so this "
            "ratio says nothing about cuDNN; run on a GPU to measure its speed-up."
        )
    return {"device": device, **results, "ratio": ratio}


if __name__ == "__main__":
    main()
