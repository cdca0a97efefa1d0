"""Small argument checks shared by the modules, with messages a learner can act on."""

from __future__ import annotations

import numbers


def check_int(value, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int, or raise a clear error.

    Parameters
    ----------
    value : object
        The argument to check.
    name : str
        The parameter's name, used in the message.
    minimum : int, optional
        The smallest allowed value.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is not an integer (``bool`` is refused too).
    ValueError
        If ``value`` is below ``minimum``.

    Examples
    --------
    >>> check_int(3, "units", minimum=1)
    3
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer, but got {value!r} "
            f"of type {type(value).__name__}. Pass a whole number such as {name}=10."
        )
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(
            f"{name}={value} is too small: it must be at least {minimum}."
        )
    return value
