"""Numbers in text, read the way each language writes them, so two languages can be compared.

``2.5`` (en) and ``2,5`` (fr) are one value; so are ``1,000``, ``1 000``, ``1.000`` and
``1 000`` (thin or no-break space); ``2 million``, ``2 millions`` and ``2 Millionen`` are
2,000,000 and ``2,5 milliards`` is ``2.5 billion``. A number may stand for several values when
its writing is ambiguous (``1.000`` in English, ``10.30`` as a decimal or a time, ``10pm`` as 10
or 22, ``£2m`` as 2 or 2,000,000): two numbers match when they share a value, so ambiguity never
makes a mismatch. Units are not compared: ``45 %`` = ``45 percent`` = ``45 Prozent``.

Spelled-out numbers, ordinals and month names (``deux``, ``first``, ``März``) come from
``numbers:`` in ``rules/lang/<code>.yml``; they are marked ``spelled`` and only ever confirm a
number of the other side, because translators freely write "two" as "2" or drop "one".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata
from checker.text.tokens import DOMAIN, URL

#: A value: a number (rounded float) or a time of day ``("time", hour, minute)``.
Value = float | tuple

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break, thin
_TIME = re.compile(
    r"(?<![\w.,])(?P<h>[01]?\d|2[0-3])(?::|[\s\u00a0]?h[\s\u00a0]?)(?P<m>[0-5]\d)(?![\d])"
)
_CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-3])[.,](?P<m>[0-5]\d)")
_YEAR_RANGE = re.compile(r"(?P<a>1\d|20)\d\d[-–/]$")


@dataclass(frozen=True)
class Number:
    """A number at ``text[start:end]`` and every value its writing may mean."""

    start: int
    end: int
    text: str
    values: frozenset
    #: Written in words (``deux``, ``first``, ``März``): confirms, is never reported alone.
    spelled: bool = False
    #: The value converted to metric units (miles, inches, °F…): matches within ``TOLERANCE``.
    approx: frozenset = frozenset()

    def matches(self, other: Number) -> bool:
        """Whether the two may be the same figure (a shared value, or a unit conversion)."""
        if not self.values.isdisjoint(other.values):
            return True
        return _near(self.approx, other.values) or _near(other.approx, self.values)


#: Converted values match when this close (translators round 321.9 km to 300 or 320).
TOLERANCE = 0.1


def _near(approx: frozenset, values: frozenset) -> bool:
    return any(
        isinstance(v, float) and abs(v - a) <= TOLERANCE * max(abs(a), 1e-9)
        for a in approx
        for v in values
    )


def _num(value: float) -> float:
    return float(f"{value:.10g}")


@dataclass(frozen=True)
class _Lang:
    digits: re.Pattern
    scale: re.Pattern | None
    scales: dict[str, float]
    words: re.Pattern | None
    word_values: tuple[float, ...]
    pm: re.Pattern | None
    am: re.Pattern | None
    decimal: str
    units: re.Pattern | None
    factors: tuple[float | None, ...]


def _groups(keys: list[str], prefix: str) -> str:
    """Named alternatives ``(?P<s3>…)``, longest first so ``mil millones`` beats ``mil``."""
    order = sorted(enumerate(keys), key=lambda item: -len(item[1]))
    return "|".join(f"(?P<{prefix}{i}>{key})" for i, key in order)


@lru_cache(maxsize=32)
def _lang(lang: str) -> _Lang:
    data = langdata.get(lang, "numbers") or {}
    decimal = str(data.get("decimal", "."))
    groups = f"[{_SPACES}]|[.,’']" + ("| " if data.get("space_groups") else "")
    digits = re.compile(
        r"(?<!\w)(?<!\d[.,])"
        rf"(?:\d{{1,3}}(?:(?:{groups})\d{{3}})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
    )
    scales = {str(k): float(v) for k, v in (data.get("scales") or {}).items()}
    scale = None
    if scales:
        scale = re.compile(
            rf"^[\s{_SPACES}]?(?:{_groups(list(scales), 's')})(?!\w)",
            re.IGNORECASE,
        )
    words = dict((data.get("words") or {}).items())
    words.update(data.get("months") or {})
    word_re = None
    if words:
        word_re = re.compile(rf"(?<!\w)(?:{_groups(list(words), 'w')})(?!\w)", re.IGNORECASE)
    pm = data.get("pm")
    am = data.get("am")
    units = {str(k): v for k, v in (data.get("units") or {}).items()}
    unit_re = None
    if units:
        unit_re = re.compile(
            rf"^[\s{_SPACES}-]?(?:{_groups(list(units), 'u')})(?!\w)", re.IGNORECASE
        )
    return _Lang(
        digits,
        scale,
        scales,
        word_re,
        tuple(float(v) for v in words.values()),
        re.compile(rf"^[\s{_SPACES}]?(?:{pm})(?!\w)", re.IGNORECASE) if pm else None,
        re.compile(rf"^[\s{_SPACES}]?(?:{am})(?!\w)", re.IGNORECASE) if am else None,
        decimal,
        unit_re,
        tuple(None if v == "fahrenheit" else float(v) for v in units.values()),
    )


def _mask(text: str) -> str:
    """URLs and domain names blanked (same length): their digits are no figures."""
    for regex in (URL, DOMAIN):
        text = regex.sub(lambda m: " " * len(m.group(0)), text)
    return text


def parse(written: str, decimal: str = ".") -> set[float]:
    """Every value a written number may have: ``1,000`` → {1000}; ``1.000`` (en) → {1, 1000}."""
    for space in _SPACES + " ":
        written = written.replace(space, " ")
    parts = re.split(r"([ .,’'])", written)
    digits, seps = parts[0::2], parts[1::2]
    if not seps:
        return {_num(float(written))}
    out: set[float] = set()
    last = seps[-1]
    grouped = all(len(d) == 3 for d in digits[1:])
    if grouped and len(set(seps)) == 1:
        out.add(_num(float("".join(digits))))  # 1 000 000 / 1,000,000 / 1.000.000
        if len(seps) == 1 and last == decimal:
            out.add(_num(float(f"{digits[0]}.{digits[1]}")))  # 1.000 in English is one
        return out
    if last in ".,":
        whole = "".join(digits[:-1])
        if len(set(seps[:-1])) <= 1 and (not seps[:-1] or seps[0] != last):
            out.add(_num(float(f"{whole}.{digits[-1]}")))  # 1,234.5 / 1 234,5 / 2,5 / 2.5
    return out


def numbers(text: str, lang: str) -> tuple[Number, ...]:
    """Every number of ``text`` in order, with its possible values."""
    return _numbers(text, lang)


@lru_cache(maxsize=8192)
def _numbers(text: str, lang: str) -> tuple[Number, ...]:
    data = _lang(lang)
    masked = _mask(text)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(start: int, end: int, values: set, spelled: bool = False) -> None:
        end, approx = _unit(data, masked, end, values)
        found.append(
            Number(start, end, text[start:end], frozenset(values), spelled, frozenset(approx))
        )
        taken.append((start, end))

    # Times of day first (10:30, 10h30, 10 h 30): the minutes are no separate figure.
    for m in _TIME.finditer(masked):
        hour, minute = int(m.group("h")), int(m.group("m"))
        values = {("time", hour, minute), _num(hour), _num(minute)}
        add(m.start(), _clock_suffix(data, masked, m.end(), values, hour, minute), values)

    for m in data.digits.finditer(masked):
        start, end = m.span()
        if not free(start, end) or _code(masked, start):
            continue
        written = m.group(0)
        values = parse(written, data.decimal)
        if not values:
            continue
        after = masked[end:]
        clock = _CLOCK.fullmatch(written)
        if data.scale is not None and (s := data.scale.match(after)):
            factor = data.scales[list(data.scales)[int(s.lastgroup[1:])]]
            loose = len(s.group(0).strip()) == 1  # 2m, 5k: maybe metres, maybe a unit
            scaled = {_num(v * factor) for v in values}
            values = scaled | values if loose else scaled
            end += s.end()
        elif clock:  # 10.30 may be half past ten (de, it, en-GB)
            hour, minute = int(clock.group("h")), int(clock.group("m"))
            values |= {("time", hour, minute), _num(hour), _num(minute)}
            end = _clock_suffix(data, masked, end, values, hour, minute)
        elif len(values) == 1 and next(iter(values)) < 12:
            end = _clock_suffix(data, masked, end, values, int(next(iter(values))), 0)
        if re.search(r"\d[ \u00a0\u202f\u2009]\d", written):  # 116 123: a phone number?
            values |= {_num(float(g)) for g in re.split(r"[ \u00a0\u202f\u2009]", written)}
        if re.fullmatch(r"1\d\d0|20\d0|\d0", written) and masked[end : end + 1] in ("s", "’", "'"):
            values.add(_num(float(written[-2:])))  # the 1980s are les années 80
        year = _YEAR_RANGE.search(masked[max(0, start - 5) : start])
        if year and len(written) == 2:  # 2018-19: the 19 is 2019
            values.add(_num(float(year.group("a") + written)))
        add(start, end, values)

    for m in _ROMAN.finditer(masked):
        value = _roman(m.group("r"))
        if value and free(*m.span()) and (len(m.group("r")) > 1 or m.group("o")):
            add(m.start(), m.end(), {_num(value)}, spelled=True)

    if data.words is not None:
        for m in data.words.finditer(masked):
            start, end = m.span()
            if not free(start, end):
                continue
            values = {_num(data.word_values[int(m.lastgroup[1:])])}
            if data.scale is not None and (s := data.scale.match(masked[end:])):
                factor = data.scales[list(data.scales)[int(s.lastgroup[1:])]]
                if len(s.group(0).strip()) > 1:
                    values = {_num(v * factor) for v in values}
                    end += s.end()
            add(start, end, values, spelled=True)
    found.sort(key=lambda n: n.start)
    return tuple(_ranges(_compounds(found, masked), masked))


_RANGE_GAP = re.compile(r"[\s\u00a0]*(?:[-–]|[^\W\d_]{1,4})[\s\u00a0]*")


def _ranges(found: list[Number], text: str) -> list[Number]:
    """``1 to 4 inches``: the unit after a range converts both of its ends."""
    for i in range(len(found) - 2, -1, -1):
        a, b = found[i], found[i + 1]
        base = [v for v in b.values if isinstance(v, float) and v]
        if b.approx and base and not a.approx and _RANGE_GAP.fullmatch(text[a.end : b.start]):
            ratio = max(b.approx) / max(base)
            approx = {_num(v * ratio) for v in a.values if isinstance(v, float)}
            found[i] = Number(a.start, a.end, a.text, a.values, a.spelled, frozenset(approx))
    return found


_ROMAN = re.compile(r"(?<![\w.])(?P<r>[IVXLC]+)(?P<o>e|er|ème|º|°)?(?![\w])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    """``XIX`` → 19; 0 for what is no well-formed numeral (``IIII``, ``VX``)."""
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total if _to_roman(total) == numeral else 0


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out


def _code(text: str, start: int) -> bool:
    """A digit in a code (``F-35``, ``COVID-19``, ``G7``), not a figure: after a capital and
    a hyphen. ``par-3`` and ``1-of-4`` keep their numbers."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isupper()


def _unit(data: _Lang, text: str, end: int, values: set) -> tuple[int, set[float]]:
    """A following imperial unit (miles, inches, °F…): the metric values it converts to."""
    if data.units is None:
        return end, set()
    m = data.units.match(text[end:])
    if not m:
        return end, set()
    factor = data.factors[int(m.lastgroup[1:])]
    floats = [v for v in values if isinstance(v, float)]
    if factor is None:  # Fahrenheit: a temperature or a difference of temperatures
        approx = {_num((v - 32) * 5 / 9) for v in floats} | {_num(v * 5 / 9) for v in floats}
    else:
        approx = {_num(v * factor) for v in floats}
    return end, approx


def unmatched(a: Sequence[Number], b: Sequence[Number]) -> tuple[list[int], list[int]]:
    """Pair the numbers of two texts one to one; the indices of the digit numbers left over
    on each side. Equal digits pair first, then spelled-out numbers, then unit conversions, so
    ``20 … 20`` against ``28 … 20`` leaves one 20 and the 28."""
    free = list(range(len(b)))
    taken: set[int] = set()
    for test in (
        lambda x, y: not (x.spelled or y.spelled) and not x.values.isdisjoint(y.values),
        lambda x, y: not x.values.isdisjoint(y.values),
        Number.matches,
    ):
        for i, x in enumerate(a):
            if i in taken:
                continue
            j = next((j for j in free if test(x, b[j])), None)
            if j is not None:
                taken.add(i)
                free.remove(j)
    return [i for i, x in enumerate(a) if i not in taken and not x.spelled], [
        j for j in free if not b[j].spelled
    ]


def _clock_suffix(data: _Lang, text: str, end: int, values: set, hour: int, minute: int) -> int:
    """Take a following ``pm`` / ``am``; after ``pm`` the hour may also be written + 12."""
    pm = data.pm.match(text[end:]) if data.pm else None
    if pm:
        if hour < 12:
            values |= {("time", hour + 12, minute), _num(hour + 12)}
        return end + pm.end()
    am = data.am.match(text[end:]) if data.am else None
    return end + am.end() if am else end


def _compounds(found: list[Number], text: str) -> list[Number]:
    """``twenty-five`` / ``vingt-cinq``: two spelled numbers joined by a hyphen are one."""
    out: list[Number] = []
    for n in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.spelled
            and n.spelled
            and text[prev.end : n.start] in ("-", " et ", "-et-", " y ")
        ):
            tens = [v for v in prev.values if isinstance(v, float) and v >= 20 and v % 10 == 0]
            units = [v for v in n.values if isinstance(v, float) and 0 < v < 10]
            if tens and units:
                out[-1] = Number(
                    prev.start,
                    n.end,
                    text[prev.start : n.end],
                    frozenset({_num(tens[0] + units[0])}),
                    spelled=True,
                )
                continue
        out.append(n)
    return out
