import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "cudnn_kernel.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("cudnn_kernel", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reports_both_activations_and_the_device(bench, capsys):
    import tensorflow as tf

    args = ["--units", "4", "--seq-length", "5", "--features", "2"]
    result = bench.main([*args, "--batch-size", "8", "--steps", "2"])
    out = capsys.readouterr().out
    assert result["tanh"] > 0 and result["relu"] > 0
    assert result["ratio"] == pytest.approx(result["relu"] / result["tanh"])
    assert "tanh:" in out and "relu:" in out and "relu / tanh time ratio" in out
    has_gpu = bool(tf.config.list_physical_devices("GPU"))
    assert result["device"].startswith("GPU" if has_gpu else "CPU only")
    assert ("No GPU" in out) is not has_gpu
