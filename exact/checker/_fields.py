"""Parsing the fields of a certificate (standard library only; private to the checker).

Every rational in a certificate is a JSON string of the strict grammar of :mod:`exact.checker.number`; a
missing or ill-typed field raises :class:`Malformed` naming the field.
"""
from __future__ import annotations

import math
from contextvars import ContextVar
from fractions import Fraction
from itertools import compress, islice, repeat
from math import gcd
from operator import eq, gt, mul
from typing import Any, Optional

from .arith import LimitExceeded, Surd, power_free
from .number import MAX_LENGTH, NumberError, all_strings, integer_ratios, rational
from .ramps import Scaled


class Malformed(Exception):
    """A field is missing or ill-typed; the message names the field."""


class Tracked(dict):
    """A JSON object that remembers which of its keys a check looked at (read, tested or iterated), so that
    a field no check reads is found and rejected instead of silently ignored."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set = set()

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self.read.update(self.keys())
        return super().__iter__()

    def items(self) -> Any:
        self.read.update(self.keys())
        return super().items()

    def values(self) -> Any:
        self.read.update(self.keys())
        return super().values()



def tracked(obj: Any) -> Any:
    """A copy of parsed JSON whose objects are :class:`Tracked`."""
    if isinstance(obj, dict):  # strings inline: a long certificate is ~10^6 of them in small objects
        return Tracked({k: v if type(v) is str else tracked(v) for k, v in dict.items(obj)})
    if isinstance(obj, list):
        if all_strings(obj):  # a vector of numbers, the bulk of a long certificate
            return list(obj)
        return [v if type(v) is str else tracked(v) for v in obj]
    return obj


def unread(obj: Any, path: str = "") -> list[str]:
    """The paths of the keys of ``obj`` that no check looked at (inside read keys only: an unread key's
    contents are that key's business)."""
    out: list[str] = []
    if isinstance(obj, Tracked):
        read = obj.read
        for key, val in dict.items(obj):
            if key not in read:
                out.append(f"{path}.{key}" if path else str(key))
            elif isinstance(val, (dict, list)) and not _strings(val):  # a vector of numbers has no keys
                out.extend(unread(val, f"{path}.{key}" if path else str(key)))
    elif isinstance(obj, list):
        for i, val in enumerate(obj):
            if isinstance(val, (dict, list)):
                out.extend(unread(val, f"{path}[{i}]"))
    return out


def _strings(val: Any) -> bool:
    return type(val) is list and all_strings(val)


LONG = 24  # a number string longer than this counts against MAX_LONG_DIGITS
NUMBER_START = tuple("+-.0123456789")  # how the grammar's numbers begin
#: characters of long numbers one certificate may hold (real ones: at most 13 200). Sums and products of many
#: long rationals grow without bound (480 numbers of 999 digits took 16 s to dot), so they are budgeted
MAX_LONG_DIGITS = 40_000


def long_digits(obj: Any) -> int:
    """The characters in the strings of ``obj`` (values and keys) longer than LONG that may be numbers (begin
    as the grammar's numbers do; a statement in words costs no arithmetic).

    >>> long_digits({"v": ["1", "2" * 30], "note": "x" * 30, "3" * 25: {"w": ["1"]}})
    55
    """
    def count(strings: list) -> int:  # C-speed passes: a vector of 10^6 numbers is one call
        lengths = list(map(len, strings))
        if max(lengths, default=0) <= LONG:
            return 0
        long = list(compress(strings, map(gt, lengths, repeat(LONG))))
        return sum(map(len, compress(long, map(str.startswith, long, repeat(NUMBER_START)))))

    total, level = 0, [obj]
    while level:  # level by level, strings in bulk: one call per string was most of a long certificate's check
        total += count([v for v in level if type(v) is str])
        deeper: list[Any] = []
        for node in level:
            if type(node) is str:
                continue
            if isinstance(node, dict):
                deeper.extend(dict.keys(node))
                deeper.extend(dict.values(node))
            elif isinstance(node, list):
                if all_strings(node):  # a vector of numbers, counted where it is (C-speed test)
                    total += count(node)
                else:
                    deeper.extend(node)
            elif isinstance(node, str):  # a str subclass
                deeper.append(str(node))
        level = deeper
    return total


def within(value: int, limit: int, name: str) -> int:
    """``value`` (a size the work grows with) if it is at most ``limit``; else the check is refused."""
    if value > limit:
        raise LimitExceeded(f"{name} = {value}, beyond the checker's limit of {limit}")
    return value


def show(obj: Any, limit: int = 60) -> str:
    text = repr(obj)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def at(obj: Any, path: str, prefix: str = "") -> Any:
    """Follow the dotted ``path`` from ``obj``; a missing or non-object step is Malformed."""
    name = prefix
    for key in path.split("."):
        if not isinstance(obj, dict):
            raise Malformed(f"{name or 'certificate'}: expected a JSON object, got {show(obj)}")
        name = f"{name}.{key}" if name else key
        if key not in obj:
            raise Malformed(f"{name}: missing field")
        obj = obj[key]
    return obj


#: digits of the least common denominator of all the rationals a check reads (real certificates: at most
#: 594). Every number a check computes is a polynomial of low degree in them, so this bounds its growth:
#: 20 000 short rationals of coprime 12-digit denominators summed took seconds each
MAX_DENOMINATOR_DIGITS = 1000
DENOMINATOR: ContextVar[list[int] | None] = ContextVar("denominator", default=None)
_DENOMINATOR_BITS = int(MAX_DENOMINATOR_DIGITS * 3.3219280948873626)


def q(s: Any, name: str) -> Fraction:
    """Parse a rational given as a JSON string of the number grammar; inside a check (a :data:`DENOMINATOR`
    is set) its denominator joins the common one, which may not pass MAX_DENOMINATOR_DIGITS."""
    try:
        r = rational(s)
    except NumberError as err:
        raise Malformed(f"{name}: expected a rational string like '3/4', got {show(s)} ({err})") from None
    _join_denominator(r.denominator, name)
    return r


def _join_denominator(den: int, name: str) -> None:
    common = DENOMINATOR.get()
    if common is not None and common[0] % den:
        common[0] = common[0] // gcd(common[0], den) * den
        if common[0].bit_length() > _DENOMINATOR_BITS:
            raise LimitExceeded(f"{name}: the common denominator of the certificate's rationals passes the "
                                f"checker's limit of {MAX_DENOMINATOR_DIGITS} digits")


def list_(seq: Any, name: str, length: Optional[int] = None) -> list:
    if not isinstance(seq, list):
        raise Malformed(f"{name}: expected a list, got {show(seq)}")
    if length is not None and len(seq) != length:
        raise Malformed(f"{name}: expected {length} entries, got {len(seq)}")
    return seq


def qlist(seq: Any, name: str, length: Optional[int] = None) -> list[Fraction]:
    return [q(s, f"{name}[{i}]") for i, s in enumerate(list_(seq, name, length))]


PROBE = 1000  # entries of a vector's head that tell whether its texts repeat (qvec)


def qvec(seq: Any, name: str, length: Optional[int] = None) -> Scaled:
    """A list of rationals as one :class:`Scaled` vector, as :func:`qlist` reads them: integers and ratios are
    read at C speed (:func:`number.integer_ratios`), anything else one by one, naming a bad entry. A vector
    whose texts repeat (labels, an optimum's weights and dual: at 10^5 points, 2 to 23 000 distinct texts) is
    read once per distinct text."""
    items = list_(seq, name, length)
    texts = items
    if (all_strings(items) and len(set(items[:PROBE])) < min(len(items), PROBE)  # its head repeats: try all
            and 2 * len(distinct := set(items)) <= len(items)):
        texts = list(distinct)
    parsed = integer_ratios(texts)
    if parsed is None:
        return Scaled.of(qlist(items, name))
    out = _scaled(*parsed, name)
    if texts is items:
        return out
    return Scaled(list(map(dict(zip(texts, out.nums, strict=True)).__getitem__, items)), out.den)


def _scaled(nums: list[int], dens: list[int], name: str) -> Scaled:
    """nums[i] / dens[i] over their least common denominator (which joins DENOMINATOR)."""
    if set(dens) != {1}:
        common = list(map(gcd, nums, dens))  # map: C loops over ~10^6 entries
        for i, g in enumerate(common):
            if g != 1:
                nums[i], dens[i] = nums[i] // g, dens[i] // g
        distinct = set(dens)
        for d in distinct:
            _join_denominator(d, name)
        den = math.lcm(*distinct)
        scale = {d: den // d for d in distinct}
        return Scaled(list(map(mul, nums, map(scale.__getitem__, dens))), den)
    return Scaled(nums, 1)


def qmatrix(obj: Any, name: str) -> list[list[Fraction]]:
    """A nonempty matrix of rational strings with rows of equal length."""
    rows = list_(obj, name)
    if not rows:
        raise Malformed(f"{name}: expected at least one row")
    d = len(list_(rows[0], f"{name}[0]"))
    return [qlist(r, f"{name}[{i}]", d) for i, r in enumerate(rows)]


def bool_(b: Any, name: str) -> bool:
    if not isinstance(b, bool):
        raise Malformed(f"{name}: expected true or false, got {show(b)}")
    return b


def int_(v: Any, name: str, allowed: Optional[Any] = None) -> int:
    """A JSON integer (not a bool, not 12.0), optionally restricted to ``allowed``."""
    if type(v) is not int or (allowed is not None and v not in allowed):
        where = (f" from {allowed.start} to {allowed.stop - 1}" if isinstance(allowed, range)
                 else f" equal to {allowed[0]}" if isinstance(allowed, tuple) and len(allowed) == 1
                 else "" if allowed is None else " in " + show(allowed))
        raise Malformed(f"{name}: expected an integer{where}, got {show(v)}")
    return v


def unit(v: Any, name: str) -> int:
    """The JSON integer 1 or -1."""
    if type(v) is not int or v not in (1, -1):
        raise Malformed(f"{name}: expected the JSON integer 1 or -1, got {show(v)}")
    return v


def distinct_points(doc: dict, path: str) -> list[Fraction]:
    """A nonempty list of distinct rationals (1-D data points)."""
    x = qlist(at(doc, path), path)
    if not x:
        raise Malformed(f"{path}: expected at least one point")
    seen: set[Fraction] = set()
    for i, xi in enumerate(x):
        if xi in seen:
            raise Malformed(f"{path}[{i}]: duplicate data point {xi}")
        seen.add(xi)
    return x


def distinct_scaled(doc: dict, path: str) -> Scaled:
    """:func:`distinct_points` as one Scaled vector (the duplicate named is the first, by index, to repeat an
    earlier point, as there)."""
    x = qvec(at(doc, path), path)
    if not x.nums:
        raise Malformed(f"{path}: expected at least one point")
    up = x.ascending.nums  # sorted (and kept: the 1-D walks run over it), a duplicate sits next to its twin
    if any(map(eq, up, islice(up, 1, None))):
        seen: set = set()
        for i, xi in enumerate(x.nums):
            if xi in seen:
                raise Malformed(f"{path}[{i}]: duplicate data point {x.fraction(i)}")
            seen.add(xi)
    return x


def atom(a: Any, name: str) -> tuple[int, Fraction]:
    """A 1-D dictionary atom {u (JSON 1 or -1), knot}: x -> sigma(u (x - knot))."""
    return unit(at(a, "u", name), f"{name}.u"), q(at(a, "knot", name), f"{name}.knot")


MAX_TERMS = 64  # terms of one radical (real ones: at most 3); products of radicals cost terms^2


def surd(obj: Any, name: str, root: Optional[int] = None) -> Surd:
    """{"root": L (2..64, or exactly ``root``), "terms": {"m": "c", ...}} (at most MAX_TERMS): sum_m c m^(1/L),
    each key the canonical decimal of an L-th-power-free integer m >= 1 (so no two keys name the same
    radicand). The index is checked before any key is factored."""
    L = int_(at(obj, "root", name), f"{name}.root", range(2, 65) if root is None else (root,))
    terms = at(obj, "terms", name)
    if not isinstance(terms, dict):
        raise Malformed(f"{name}.terms: expected an object {{radicand: rational}}, got {show(terms)}")
    within(len(terms), MAX_TERMS, f"{name}.terms: the number of terms")
    c = {}
    for k, r in terms.items():
        m = int(k) if isinstance(k, str) and k.isascii() and k.isdigit() and len(k) <= MAX_LENGTH else 0
        try:
            free = m >= 1 and str(m) == k and power_free(m, L)[0] == 1
        except LimitExceeded:
            raise
        except ValueError:
            free = False
        if not free:
            raise Malformed(f"{name}.terms: key {show(k)} is not the canonical decimal of an integer >= 1 free of "
                            f"{L}-th powers")
        c[m] = q(r, f"{name}.terms[{k}]")
    return Surd(c, L)


def square_roots(obj: Any, name: str, length: int) -> list[Surd]:
    """A list of ``length`` square-root radicals ({"root": 2, ...}: one field, so they combine)."""
    return [surd(e, f"{name}[{i}]", root=2) for i, e in enumerate(list_(obj, name, length))]


def neuron_columns(obj: Any, name: str) -> tuple[Scaled, Scaled, Scaled]:
    """The 1-D neurons at ``obj`` as the Scaled columns (w, b, c). Two forms: a list of neurons
    {"w": [w], "b": b, "c": c} (as :func:`neurons` reads them), or one object of columns
    {"w": [w_1, ...], "b": [b_1, ...], "c": [c_1, ...]}, three vectors of one length (neuron j is w_j, b_j, c_j:
    a long network without an object per neuron, whose per-object costs were a third of its check)."""
    if isinstance(obj, dict):
        w = qvec(at(obj, "w", name), f"{name}.w")
        m = len(w.nums)
        return w, qvec(at(obj, "b", name), f"{name}.b", m), qvec(at(obj, "c", name), f"{name}.c", m)
    if not isinstance(obj, list):
        raise Malformed(f"{name}: expected a list of neurons or an object of columns w, b, c, got {show(obj)}")
    nets = neurons(obj, name, 1)
    return Scaled.of([n[0][0] for n in nets]), Scaled.of([n[1] for n in nets]), Scaled.of([n[2] for n in nets])


def neurons(obj: Any, name: str, d: int) -> list[tuple[list[Fraction], Fraction, Fraction]]:
    """A list of neurons {"w": [d rationals], "b": rational, "c": rational}: c sigma(w . x + b)."""
    out = []
    for j, nr in enumerate(list_(obj, name)):
        nm = f"{name}[{j}]"
        out.append((qlist(at(nr, "w", nm), f"{nm}.w", d), q(at(nr, "b", nm), f"{nm}.b"), q(at(nr, "c", nm), f"{nm}.c")))
    return out
