"""Is a sentence attributed? Does it attribute vaguely?

A sentence is attributed when it names where its content comes from: a source marker
("selon", "laut", "according to", "según", "secondo", "nach Angaben", "figures published by")
or a reporting verb ("a déclaré", "sagte", "said", "afirmó", "ha spiegato"). The lists are
``attribution_markers`` and ``attribution_verbs`` in rules/lang. Vague attribution ("experts
say", "comme indiqué", "es heißt", "se dice que") is ``vague_attribution``: it attributes, but
to no one a reader could check.

Quoted words are blanked before matching: "said" inside a quotation is the speaker's, not the
article's attribution.
"""

from __future__ import annotations

from functools import lru_cache

from checker.text.patterns import find_all, mask, patterns
from checker.text.quotations import find_quotes


@lru_cache(maxsize=4096)
def unquoted(text: str, lang: str) -> str:
    """``text`` with the inside of every quotation blanked (offsets unchanged)."""
    return mask(text, ((q.start + 1, q.end - 1) for q in find_quotes(text, lang)))


@lru_cache(maxsize=4096)
def vague_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Spans of vague or anonymous attribution in (unquoted) ``text``."""
    return tuple(find_all(lang, "vague_attribution", text))


@lru_cache(maxsize=4096)
def is_attributed(text: str, lang: str) -> bool:
    """Whether ``text`` (a sentence, quotations blanked) names a source for what it says."""
    vague = vague_spans(text, lang)
    for key in ("attribution_markers", "attribution_verbs"):
        for pattern in patterns(lang, key):
            for m in pattern.finditer(text):
                if not _inside(m.start(), m.end(), vague):
                    return True
    return False


def attributes_previous(text: str, lang: str) -> bool:
    """Whether a sentence opens by attributing what came before or after it.

    "Selon la coopérative, …", "According to the council, …", a back-reference such as "Das
    teilte der Verband mit" (``attribution_backrefs``) or a closing speaker clause ("…, detalló el
    presidente.") source the sentence before; "Hotels have reported cancellations" attributes
    only itself.
    """
    stripped = text.lstrip(" ,;:–—-")
    for key in ("attribution_markers", "attribution_backrefs"):
        for pattern in patterns(lang, key):
            m = pattern.regex.search(stripped)
            if m and m.start() == 0:
                return True
    return _speaker_clause(stripped, lang)


#: A closing speaker clause: ", detalló el presidente, Joan Calabuig." (few words, at the end).
_CLAUSE_LEAD_WORDS = 5
_CLAUSE_WORDS = 16


def _speaker_clause(text: str, lang: str) -> bool:
    """Whether the sentence ends with ", <verb> <speaker>" or ", <speaker> <verb>"."""
    for key in ("attribution_verbs", "attribution_markers"):
        for pattern in patterns(lang, key):
            for m in pattern.regex.finditer(text):
                comma = text.rfind(",", 0, m.start())
                if comma == -1:
                    continue
                if len(text[comma + 1 : m.start()].split()) > _CLAUSE_LEAD_WORDS:
                    continue
                if len(text[comma + 1 :].split()) <= _CLAUSE_WORDS:
                    return True
    return False


def _inside(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= start and end <= b for a, b in spans)
