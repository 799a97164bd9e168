"""The Python API: certify 1-D interpolation, re-check certificates, run any claim on data given in Python.

:func:`certify_1d` solves, by default, Ergen & Pilanci's problem (4) for 1-D data (ep (1)-(4), with
the free hidden bias of ep (1)), the minimum-norm interpolation by a network of any width::

    P* = inf ||w||_1  s.t.  sum_j w_j s_alpha(u_j x_i + b_j) (+ c) = y_i  (i = 1..n),  |u_j| <= 1,  b_j free,

with s_alpha(t) = max(t, alpha t). Default convention (:class:`exact.convention.Convention`): ReLU
(``alpha = 0``), hidden bias free and unpenalised, **no** output bias c; ``alpha=`` picks a leaky slope
(kh (2)+(3)), ``output_bias=True`` adds the free constant c (ses (25)), ``convention=`` takes a
:class:`~exact.convention.Convention` (or a :class:`verify.conventions.PaperConvention`). Only the free
hidden bias is solved here; the other conventions have their own claims (``api.run("cross.conventions",
...)``). Without an output bias a constant still costs nothing in the limit b -> oo, so P* may be an
infimum that no finite network attains (``attained`` says which, as certified).

The certificate (kind relu1d-l1-interpolation, ``exact/checker/SPEC.md``) is re-checked by the
independent checker :mod:`exact.checker` before anything is returned, and the value, ``attained`` and the
network are read from what it checked (a rejected certificate raises :class:`CertificateRejected`).
The dual is ep (12), max v^T y s.t. |sum_i v_i s_alpha(u x_i + b)| <= 1 for every |u| <= 1 and b (so
sum v = 0), checked over the whole semi-infinite constraint. On x = (0, 1, 2), y = (0, 1, 0) the tent
1 - |x - 1| costs 2 and v = (-1, 2, -1) proves nothing cheaper interpolates; the constant 1 is only a
limit:

>>> from verify import api
>>> r = api.certify_1d([0, 1, 2], [0, 1, 0])
>>> r.value, r.attained, r.dual
(Fraction(2, 1), False, (Fraction(-1, 1), Fraction(2, 1), Fraction(-1, 1)))
>>> [(str(u), str(b), str(w)) for u, b, w in zip(r.network.u, r.network.b, r.network.w)], r.network.constant
([('1', '-1', '-1'), ('-1', '1', '-1')], Fraction(1, 1))
>>> report = api.check(r.certificate)
>>> report.ok, report.relation
(True, {'type': 'equals', 'value': '2'})
>>> api.check({**r.certificate, "dual": {"v": ["-1", "3", "-1"]}}).ok
False
>>> api.certify_1d([0, 1, 2], [0, 1, 0], output_bias=True).attained
True

Inputs (:func:`certify_1d` and :func:`run` read them with one function): Python ints, ``Fraction``,
strings of the case files' number grammar (``"0.1"``, ``"-11/4"``, ``"1e-3"``:
:mod:`exact.checker.number`), numpy integer and float scalars and arrays (1-D for x and y, 2-D for X).
**Floats** are read as the shortest decimal that round-trips in their own type (``repr``/``str``:
0.1 -> 1/10, 1e-3 -> 1/1000, numpy.float32(0.1) -> 1/10), not as their binary value, and every float
read is recorded (:class:`FloatInput`: in ``floats`` of :func:`certify_1d`'s result, a note of
:func:`run`'s); NaN and +-inf raise ``ValueError``, bools ``TypeError``. Nonzero magnitudes must lie
in [1e-100, 1e100] (what the float solvers take, as in case files).

>>> api.certify_1d([0, 0.5, 1], [1, 0, 1]).floats
(FloatInput(where='x[1]', text='0.5', value=Fraction(1, 2)),)
>>> api.certify_1d([0, 1, float("nan")], [0, 1, 0])
Traceback (most recent call last):
    ...
ValueError: x[2]: expected a finite number, got nan
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping, Sequence, Union

import numpy as np

from cases import Case, case_from_dict, parse_rational
from cases.rationals import FLOAT_RANGE
from exact.certificates.relu1d_l1_interpolation import interpolation_certificate
from exact.checker import CheckReport, check_certificate, check_file
from exact.convention import Convention, HiddenBias
from exact.relu.interpolation import interpolate_1d
from exact.relu.networks import Network, Neuron, neuron_strings

from .context import Context
from .conventions import PaperConvention
from .registry import check_suitable, get_claim, run_check
from .result import CheckResult

__all__ = ["Certified1D", "CertificateRejected", "FloatInput", "certify_1d", "check", "run"]

#: one number: int, Fraction, a string of the number grammar, a float, a numpy scalar
Number = Union[int, float, str, Fraction, np.integer, np.floating]
Vector = Union[Sequence[Number], np.ndarray]
Matrix = Union[Sequence[Sequence[Number]], np.ndarray]
PathLike = Union[str, "os.PathLike[str]"]

#: the "claim" field of the certificates certify_1d writes (informational: it names their producer)
PRODUCER = "api.certify-1d"


@dataclass(frozen=True)
class FloatInput:
    """An input given as a binary float (``where``: "x[1]", "beta"), the decimal ``text`` it was read as
    (its shortest round-trip repr) and the exact ``value`` used."""

    where: str
    text: str
    value: Fraction

    def __str__(self) -> str:
        return f"{self.where} was the float {self.text}, read as the rational {self.value}"


class CertificateRejected(RuntimeError):
    """The independent checker rejected a certificate the toolkit produced (a bug, never a result)."""

    def __init__(self, problems: Sequence[str], path: str | None = None) -> None:
        self.problems, self.path = tuple(problems), path
        super().__init__("the checker rejected the certificate: " + "; ".join(self.problems))


# --------------------------------------------------------------------------- reading inputs


def _rational(value: Any, where: str, floats: list[FloatInput]) -> Fraction:
    """The exact rational ``value`` names (the float policy of the module doc); ``where`` names it in errors."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]  # a 0-d array is a scalar
    if isinstance(value, (bool, np.bool_)):  # before int: True is an int in Python
        raise TypeError(f"{where}: expected a number, got the bool {value!r}")
    if isinstance(value, str):  # numpy.str_ too: the case files' grammar and range
        return parse_rational(str(value), where)
    if isinstance(value, (float, np.floating)):  # numpy.float64 is a float: both kinds here
        if not math.isfinite(value):
            raise ValueError(f"{where}: expected a finite number, got {float(value)!r}")
        text = str(value)  # the shortest decimal that round-trips in the value's own type
        exact = parse_rational(text, where)
        floats.append(FloatInput(where, text, exact))
        return exact
    if isinstance(value, (int, np.integer, Fraction)):
        exact = Fraction(int(value)) if isinstance(value, np.integer) else Fraction(value)
        if exact and not FLOAT_RANGE[0] <= abs(exact) <= FLOAT_RANGE[1]:
            raise ValueError(f"{where}: expected 0 or a magnitude in [1e-100, 1e100] (what a float solver takes)")
        return exact
    raise TypeError(f"{where}: expected a number (int, Fraction, decimal string such as \"0.1\" or \"1/3\", "
                    f"float or numpy scalar), got {type(value).__name__}")


def _vector(values: Any, where: str, floats: list[FloatInput]) -> tuple[Fraction, ...]:
    """A non-empty flat sequence (list, tuple or 1-D numpy array) of numbers."""
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{where}: expected a 1-D array, got an array of shape {values.shape}"
                         + ("; pass n x d inputs as X=" if where == "x" else ""))
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise TypeError(f"{where}: expected a sequence of numbers (list, tuple or 1-D numpy array), "
                        f"got {type(values).__name__}")
    if len(values) == 0:
        raise ValueError(f"{where}: expected at least one number, got an empty sequence")
    for i, v in enumerate(values):
        if isinstance(v, (list, tuple)) or (isinstance(v, np.ndarray) and v.ndim > 0):
            raise ValueError(f"{where}[{i}]: expected a number, got a sequence"
                             + ("; pass n x d inputs as X=" if where == "x" else ""))
    return tuple(_rational(v, f"{where}[{i}]", floats) for i, v in enumerate(values))


def _matrix(rows: Any, where: str, floats: list[FloatInput]) -> tuple[tuple[Fraction, ...], ...]:
    """A non-empty n x d matrix: a 2-D numpy array or a sequence of equal-length rows."""
    if isinstance(rows, np.ndarray) and rows.ndim != 2:
        raise ValueError(f"{where}: expected a 2-D array (n x d), got an array of shape {rows.shape}")
    if isinstance(rows, (str, bytes)) or not isinstance(rows, (Sequence, np.ndarray)):
        raise TypeError(f"{where}: expected a sequence of rows (or a 2-D numpy array), got {type(rows).__name__}")
    if len(rows) == 0:
        raise ValueError(f"{where}: expected at least one row, got an empty sequence")
    out = tuple(_vector(row, f"{where}[{i}]", floats) for i, row in enumerate(rows))
    for i, row in enumerate(out):
        if len(row) != len(out[0]):
            raise ValueError(f"{where}[{i}]: expected {len(out[0])} entries like {where}[0] (a matrix has rows of "
                             f"equal length), got {len(row)}")
    return out


def _labels(y: Any, n: int, of: str, floats: list[FloatInput]) -> tuple[Fraction, ...]:
    if y is None:
        raise TypeError(f"y: missing; expected {n} labels (one per point of {of})")
    labels = _vector(y, "y", floats)
    if len(labels) != n:
        raise ValueError(f"y: expected {n} entries (one per point of {of}), got {len(labels)}")
    return labels


def _case(name: str, x: Any, y: Any, X: Any, params: Mapping[str, Any], where: str,
          floats: list[FloatInput]) -> Case:
    """The case of data given in Python, validated by the case loader (distinct points, parameters)."""
    if x is not None and X is not None:
        raise ValueError("x, X: expected exactly one of them (x for 1-D inputs, X for an n x d matrix)")
    doc: dict[str, Any] = {"name": name}
    if x is not None:
        xs = _vector(x, "x", floats)
        doc["x"], n, of = [str(v) for v in xs], len(xs), "x"
    elif X is not None:
        rows = _matrix(X, "X", floats)
        doc["X"], n, of = [[str(v) for v in row] for row in rows], len(rows), "X"
    if x is not None or X is not None:  # neither: a data-free case (the parameters of a claim drawing its data)
        doc["y"] = [str(v) for v in _labels(y, n, of, floats)]
    for key, value in params.items():
        if key in doc or key in ("source", "printed", "expect", "notes"):
            raise TypeError(f"{key}: not a parameter (a parameter is a scalar such as beta, lambda, alpha)")
        doc[key] = str(_rational(value, key, floats))  # the loader checks it (beta > 0, integer seeds, ...)
    return case_from_dict(doc, where)


# --------------------------------------------------------------------------- certify_1d


@dataclass(frozen=True)
class Certified1D:
    """A checked certificate of the 1-D problem (module doc), and what it proves.

    ``value`` (P*), ``attained`` and ``kinks_off_data`` are the checker's relation; ``network`` and
    ``dual`` the evidence it checked: ``network.neurons[j]`` is ``Neuron(w=(u_j,), b=b_j, c=w_j)``
    (slope, bias, outer weight; ``network.u``, ``.b``, ``.w`` give the paper's vectors) and
    ``network.constant`` the output constant (a limit b -> oo unless ``attained`` or an output bias).
    ``certificate`` is the document, ``path`` the file when ``out=`` was given, ``floats`` the inputs
    that were floats.
    """

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    convention: Convention
    value: Fraction
    attained: bool
    kinks_off_data: tuple[Fraction, ...]
    network: Network
    dual: tuple[Fraction, ...]
    relation: dict[str, Any]
    certificate: dict[str, Any]
    path: Path | None = None
    floats: tuple[FloatInput, ...] = ()


def _convention(convention: Convention | PaperConvention | None, alpha: Fraction | None,
                output_bias: bool | None) -> Convention:
    conv = convention.problem if isinstance(convention, PaperConvention) else convention or Convention()
    if not isinstance(conv, Convention):
        raise TypeError(f"convention: expected an exact.convention.Convention, got {type(conv).__name__}")
    if alpha is not None and convention is not None and alpha != conv.alpha:
        raise ValueError(f"alpha: {alpha} contradicts the convention's alpha {conv.alpha}; give one of them")
    if output_bias is not None and convention is not None and output_bias != conv.output_bias:
        raise ValueError(f"output_bias: {output_bias} contradicts the convention's {conv.output_bias}")
    if output_bias is not None and not isinstance(output_bias, bool):
        raise TypeError(f"output_bias: expected True or False, got {output_bias!r}")
    conv = replace(conv, alpha=conv.alpha if alpha is None else alpha,
                   output_bias=conv.output_bias if output_bias is None else output_bias)
    if conv.hidden_bias is not HiddenBias.FREE:
        raise ValueError(f"convention: certify_1d solves the problem with a free hidden bias, not "
                         f"{conv.describe()}; api.run('cross.conventions', x=..., y=...) compares the others")
    return conv


def certify_1d(x: Vector, y: Vector, *, alpha: Number | None = None, output_bias: bool | None = None,
               convention: Convention | PaperConvention | None = None, out: PathLike | None = None,
               name: str = "api") -> Certified1D:
    """Solve the 1-D problem of the module doc exactly, certify it and re-check the certificate.

    ``x`` distinct points, ``y`` labels (numbers as in the module doc). The certificate is written to
    ``out/certificates/`` when ``out`` is given (``path``), else checked from a temporary file that is
    removed; either way :func:`exact.checker.check_file` checks it and its data is bound to x, y and
    alpha. Raises ``ValueError`` / ``TypeError`` on bad input and :class:`CertificateRejected` if the
    checker rejects the certificate.
    """
    floats: list[FloatInput] = []
    slope = None if alpha is None else _rational(alpha, "alpha", floats)
    conv = _convention(convention, slope, output_bias)
    case = _case(name, x, y, None, {}, "api.certify_1d", floats)
    assert case.x is not None
    doc = interpolation_certificate(interpolate_1d(case.x, case.y, conv), PRODUCER, name)
    bound = {"x": case.x, "y": case.y, "alpha": conv.alpha}
    with tempfile.TemporaryDirectory(prefix="relu-certify-") as scratch:
        folder = Path(scratch) if out is None else Path(out)
        cert = Context(folder, expected=bound).certify(doc, PRODUCER, name)
    if not cert.ok or cert.relation is None or cert.data is None:
        raise CertificateRejected(cert.problems, cert.path if out is not None else None)
    if cert.data.get("convention") != conv.as_json():  # the checker's reading of what was solved
        raise CertificateRejected([f"convention: the certificate's is {cert.data.get('convention')}, "
                                   f"not {conv.as_json()}"])
    value = cert.value
    assert isinstance(value, Fraction)  # this kind's value is rational
    # the evidence, read back from the document the checker accepted
    neurons = tuple(Neuron((Fraction(w),), Fraction(b), Fraction(c))
                    for w, b, c in zip(*neuron_strings(doc["primal"]["neurons"]), strict=True))
    network = Network(neurons, Fraction(doc["primal"]["constant"]), conv.alpha)
    return Certified1D(
        case.x, case.y, conv, value, bool(cert.relation.get("attained", False)),
        tuple(Fraction(t) for t in cert.relation.get("kinks_off_data", ())), network,
        tuple(Fraction(v) for v in doc["dual"]["v"]), cert.relation, doc,
        Path(cert.path) if out is not None else None, tuple(floats))


def check(certificate: Mapping[str, Any] | PathLike) -> CheckReport:
    """Re-check a certificate (a parsed document, or the path of a JSON file) with the independent checker.

    Returns its :class:`exact.checker.CheckReport`: ``ok``, ``problems``, and when ok the proved
    ``relation``, its ``value`` and the ``data`` it is about. Never raises on a bad certificate.
    """
    if isinstance(certificate, Mapping):
        return check_certificate(dict(certificate))
    if isinstance(certificate, (str, os.PathLike)):
        return check_file(os.fspath(certificate))
    raise TypeError(f"certificate: expected a certificate document (dict) or a file path, "
                    f"got {type(certificate).__name__}")


# --------------------------------------------------------------------------- run


def run(claim_id: str, x: Vector | None = None, y: Vector | None = None, *, X: Matrix | None = None,
        name: str = "api", out: PathLike | None = None, thorough: bool = False,
        **params: Number) -> CheckResult | list[CheckResult]:
    """Run a registered claim (``python -m verify list``; covered ids too) and return its typed result.

    With data -- ``x`` (1-D points) or ``X`` (n x d rows), labels ``y``, and the parameters the claim
    reads as keywords (``beta=``, ``alpha=``; ``**{"lambda": ...}``) -- the data is one case called
    ``name``, validated like a case file and checked by the claim's own check: one
    :class:`~verify.result.CheckResult`, ``expected`` None (a user's case expects nothing), the inputs
    that were floats listed in its notes. A claim that draws its own instances takes parameters only
    (``run("ep.thm-3.4", seed=1, draws=20)``). Without data or parameters the claim's shipped cases run:
    a list, each with its recorded expectation. Certificates go to ``out/certificates/``; ``out``
    defaults to a fresh temporary folder (``tempfile.mkdtemp``, left in place: the results name its
    files). An unknown id raises :class:`verify.registry.UsageError` naming the close matches, and so
    does a case the claim cannot run on; a check that fails is an ERROR verdict, not an exception.
    """
    cl = get_claim(claim_id)
    floats: list[FloatInput] = []
    case: Case | None = None
    if x is not None or X is not None:
        case = _case(name, x, y, X, params, "api.run", floats)
    elif y is not None:
        raise ValueError("x, X: missing; labels y need data (x for 1-D inputs, X for an n x d matrix)")
    elif params:
        case = _case(name, None, None, None, params, "api.run", floats)  # a claim drawing its own instances
    unread = check_suitable(cl, case) if case is not None else []
    # the folder is made only once the input is known to be good
    ctx = Context(Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="relu-certify-")), thorough)
    if case is None:
        return [run_check(cl, shipped_case, ctx, shipped=True) for shipped_case in cl.default_cases()]
    result = run_check(cl, case, ctx, shipped=False)
    extra = (*(f"input: {f}" for f in floats), *(f"warning: {w}" for w in unread))
    return replace(result, notes=(*result.notes, *extra)) if extra else result
