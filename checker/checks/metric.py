"""A document score from textstat compared with a threshold: the generic kind behind readability.

A rule names a textstat score (``score``: ``flesch_reading_ease``, ``gulpease_index``,
``wiener_sachtextformel`` with ``args: [1]``, ``gunning_fog``…), a ``threshold`` and a
``direction`` (``below``: flag a score under the threshold, for scores where higher is easier;
``above``: flag a score over it, for grade-like scores). Settings may instead come per language
from ``rules/lang/<code>.yml`` under the key named by ``data``; a rule option that is set wins
over the language's value, and ``thresholds`` (``{fr: 25}``) sets one language's threshold.
``bands`` (``[[from, meaning], …]``) say what a score means.

The score is computed once per article on its body text and reported once, at the title.

textstat is imported only when a metric rule runs. It imports NLTK (about 1.5 s) only to look
English words up in the CMU dictionary, which it downloads when missing: copydesk must never
download at run time and must stay fast, so textstat is imported with NLTK kept out, and English
is scored as ``en-US`` so that syllables always come from pyphen's bundled dictionaries — the
same counts on every machine, online or not. pyphen parses its dictionary in Python on first use
(0.08 s for English) and looks words up slowly: :mod:`checker.text.hyphenation` keeps the parsed
patterns between processes and looks them up faster, with the same counts. textstat's own
syllable count spends most of its time per word on an exception (no CMU dictionary) and two
calls into pyphen: :func:`_quicken_syllable_count` gives it a count that remembers each word's
syllables, with the same result.
"""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from checker import langdata
from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule, RuleError
from checker.text import hyphenation
from checker.text.memo import Memo
from checker.text.tokens import without_links

OPTIONS: dict[str, Any] = {
    "data": "",
    "score": None,
    "args": None,
    "name": None,
    "threshold": None,
    "thresholds": {},
    "direction": None,
    "bands": None,
    "min_words": 100,
    "kinds": ["lede", "paragraph", "quote", "list_item"],
    "message": "{name} is {score} ({meaning}); {advice}",
}
_SETTINGS = ("score", "args", "name", "threshold", "direction", "bands", "advice")
_DIRECTIONS = ("below", "above")
_ENDS = '.!?…:;»“”"’)'


@cache
def _textstat() -> Any:
    """A private textstat calculator, imported without NLTK (see the module docstring)."""
    stub = None
    if "nltk" not in sys.modules:
        stub = sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        from textstat.textstat import textstatistics
    finally:
        if stub is not None and sys.modules.get("nltk") is stub:
            del sys.modules["nltk"]
    hyphenation.keep_dictionaries()
    _quicken_syllable_count()
    return textstatistics()


def _quicken_syllable_count() -> None:
    """Put a faster ``count_syllables`` wherever textstat's modules refer to theirs.

    textstat's loop tries the CMU dictionary for each word (an exception when there is none:
    always, since English is scored as ``en-US``) and asks pyphen each time. The replacement
    asks textstat whether it has a CMU dictionary for the language (if so, textstat's own
    count runs), then sums remembered counts of ``len(pyphen.positions(word)) + 1`` over
    textstat's own word list: the same number, about four times faster. If textstat's
    internals are not as expected, nothing is replaced.
    """
    try:
        from textstat.backend.counts import _count_syllables as module
    except ImportError:  # pragma: no cover - another textstat
        return
    original = getattr(module, "count_syllables", None)
    get_cmudict = getattr(module, "get_cmudict", None)
    get_pyphen = getattr(module, "get_pyphen", None)
    list_words = getattr(module, "list_words", None)
    if not all(callable(f) for f in (original, get_cmudict, get_pyphen, list_words)):
        return  # pragma: no cover - another textstat
    memos: dict[str, Memo] = {}  # per language: word → its syllables by the language's pyphen

    @lru_cache(maxsize=128)
    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        if get_cmudict(lang) is not None:
            return original(text, lang)
        memo = memos.get(lang)
        if memo is None:
            positions = get_pyphen(lang).positions
            memo = memos[lang] = Memo(lambda word: len(positions(word)) + 1)
        return sum(map(memo.__getitem__, list_words(text, lowercase=True)))

    count_syllables.textstat = original  # type: ignore[attr-defined]  # for the tests
    for name, mod in list(sys.modules.items()):
        if name.startswith("textstat") and getattr(mod, "count_syllables", None) is original:
            mod.count_syllables = count_syllables


def textstat_lang(lang: str) -> str:
    """The language tag given to textstat: English as ``en-US`` (pyphen, never NLTK's cmudict)."""
    tag = lang.replace("_", "-")
    return "en-US" if tag.lower() == "en" else tag


def score_text(text: str, lang: str, score: str, args: list | tuple = ()) -> float:
    """``score`` of ``text`` computed by textstat in ``lang``."""
    calc = _textstat()
    func = getattr(calc, score, None) if not score.startswith(("_", "set_")) else None
    if not callable(func):
        raise RuleError(f"textstat has no score named {score!r}")
    calc.set_lang(textstat_lang(lang))
    value = func(text, *args)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleError(f"textstat score {score!r} is not a number ({value!r})")
    return float(value)


def settings(rule: Rule, lang: str) -> dict[str, Any] | None:
    """The score, threshold and wording for one language, or ``None`` if it has none."""
    found: dict[str, Any] = {}
    if rule.options["data"]:
        data = langdata.get(lang, rule.options["data"]) or {}
        if not isinstance(data, dict):
            raise RuleError(f"rules/lang/{lang}.yml: {rule.options['data']!r} must be a mapping")
        found.update({k: data[k] for k in _SETTINGS if data.get(k) is not None})
    found.update({k: rule.options[k] for k in _SETTINGS if rule.options.get(k) is not None})
    by_lang = rule.options["thresholds"] or {}
    if not isinstance(by_lang, dict):
        raise RuleError(f"{rule.id}: option 'thresholds' must map a language to a number")
    if by_lang.get(lang) is not None:
        found["threshold"] = by_lang[lang]
    if not found.get("score") or found.get("threshold") is None:
        return None
    if not isinstance(found["score"], str):
        raise RuleError(f"{rule.id}: score must be the name of a textstat score")
    direction = found.setdefault("direction", "below")
    if direction not in _DIRECTIONS:
        raise RuleError(f"{rule.id}: direction must be 'below' or 'above', not {direction!r}")
    if not _is_number(found["threshold"]):
        raise RuleError(f"{rule.id}: threshold must be a number, not {found['threshold']!r}")
    bands = found.get("bands") or []
    if not isinstance(bands, list) or not all(
        isinstance(b, (list, tuple)) and len(b) == 2 and _is_number(b[0]) for b in bands
    ):
        raise RuleError(f"{rule.id}: bands must be a list of [lower bound, meaning] pairs")
    args = found.get("args") or []
    found["args"] = list(args) if isinstance(args, (list, tuple)) else [args]
    found.setdefault("name", str(found["score"]).replace("_", " "))
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def meaning(value: float, bands: Any) -> str:
    """The words of the highest band whose lower bound is at most ``value``."""
    if not bands:
        return ""
    pairs = sorted((float(lower), str(text)) for lower, text in bands)
    chosen = pairs[0][1]
    for lower, text in pairs:
        if value >= lower:
            chosen = text
    return chosen


def body_text(doc: Document, kinds: set[str]) -> str:
    """The article's body as sentences textstat can count: URLs and source tags dropped."""
    parts = []
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        text = without_links(block.text).strip()
        if not text:
            continue
        parts.append(text if text[-1] in _ENDS else text + ".")
    return "\n".join(parts)


def _format(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    conf = settings(rule, doc.lang)
    if conf is None or not doc.blocks:
        return
    text = body_text(doc, set(rule.options["kinds"]))
    if len(text.split()) < rule.options["min_words"]:
        return
    key = f"metric:{conf['score']}:{conf['args']}:{sorted(rule.options['kinds'])}"
    value = doc.cached(key, lambda: score_text(text, doc.lang, conf["score"], conf["args"]))
    if not math.isfinite(value):
        return
    threshold = float(conf["threshold"])
    below = conf["direction"] == "below"
    if (value >= threshold) if below else (value <= threshold):
        return
    limit = f"{'at least' if below else 'at most'} {_format(threshold)}"
    side = "under" if below else "over"
    advice = conf.get("advice") or "shorter sentences and shorter words help"
    message = rule.options["message"].format(
        name=conf["name"],
        score=f"{value:.1f}",
        threshold=_format(threshold),
        limit=limit,
        meaning=meaning(value, conf.get("bands")) or f"{side} the threshold",
        advice=f"aim for {limit}: {advice}",
    )
    anchor = doc.title or doc.blocks[0]
    start, end = anchor.source_span()
    yield rule.finding(doc, start, end, message)
