"""Is a sentence attributed? Does it attribute vaguely?

A sentence is attributed when it names where its content comes from: a source marker
("selon", "laut", "according to", "según", "secondo", "nach Angaben", "figures published by")
or a reporting verb ("a déclaré", "sagte", "said", "afirmó", "ha spiegato"). The lists are
``attribution_markers`` and ``attribution_verbs`` in rules/lang. Vague attribution ("experts
say", "comme indiqué", "es heißt", "se dice que") is ``vague_attribution``: it attributes, but
to no one a reader could check, so a marker that overlaps it ("Wie aus Unternehmenskreisen
verlautete") names no source.

Quoted words are blanked before matching: "said" inside a quotation is the speaker's, not the
article's attribution. :func:`block_sources` does this once per block for every check that
asks (claims, quotes, vague attribution).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker import langdata
from checker.document import Block, Document, Sentence
from checker.text.patterns import find_all, mask, patterns_for
from checker.text.quotations import find_quotes
from checker.text.tokens import BRACKET_TAG, URL, may_hold_url


@lru_cache(maxsize=4096)
def unquoted(text: str, lang: str) -> str:
    """``text`` with the inside of every quotation blanked (offsets unchanged).

    A paragraph that opens inside a quotation begun in the paragraph before ("… le pire que
    j'ai jamais vu. »" with no opening mark) has that stretch blanked too.
    """
    quotes = find_quotes(text, lang)
    spans = [(q.start + 1, q.end - 1) for q in quotes]
    first = quotes[0].start if quotes else len(text)
    closers = _CONTINUED_CLOSERS_DE if lang == "de" else _CONTINUED_CLOSERS
    close = min((i for i in (text.find(c, 0, first) for c in closers) if i > 0), default=-1)
    if close > 0:
        spans.append((0, close))
    return mask(text, spans) if spans else text


#: Closing marks that cannot be apostrophes or openers: one with no opening mark before it
#: ends a quotation carried over from the paragraph before.
_CONTINUED_CLOSERS = "»”"
_CONTINUED_CLOSERS_DE = "”“"


def clean(text: str, lang: str) -> str:
    """``text`` with quotations, URLs and bracket tags blanked (offsets unchanged)."""
    text = unquoted(text, lang)
    spans = [(m.start(), m.end()) for m in URL.finditer(text)] if may_hold_url(text) else []
    if "[" in text:
        spans += [(m.start(), m.end()) for m in BRACKET_TAG.finditer(text)]
    return mask(text, spans) if spans else text


@lru_cache(maxsize=4096)
def vague_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Spans of vague or anonymous attribution in (unquoted) ``text``.

    The phrasings of ``vague_attribution`` ("comme indiqué", "es heißt", "it is understood"),
    and any reporting or belief verb whose speaker is nobody in particular: an indefinite
    subject ("Algunos bodegueros temen", "D'autres assurent", "Qualcuno sostiene", "Those in
    the know say") or a bare group ("Kenner der Szene gehen davon aus", "critics argue"),
    before the verb or right after it ("…, estiment certains observateurs").
    """
    spans = find_all(lang, "vague_attribution", text)
    spans += _vague_speakers(text, lang)
    return tuple(sorted(set(spans)))


#: Clause boundaries: the speaker of a verb is looked for between the last one and the verb.
_CLAUSE_BOUNDARY = re.compile(r"[,;:()\[\]«»“”„\"–—]|\s-\s")
_SPEAKER_KEYS = ("vague_quantifiers", "vague_groups")
#: Words an indefinite subject may carry ("Algunos bodegueros riojanos", "Many local traders").
_SUBJECT_WORDS = 4


def _vague_speakers(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans "subject … verb" whose subject is indefinite or a bare anonymous group."""
    # A quantifier or group word must be there for most speakers; an indefinite plural
    # subject ("Operatori del settore temono") only needs a verb of belief.
    speaker = _maybe_speaker(text, lang)
    beliefs = _matches(text, lang, "belief_verbs")
    if not speaker and not beliefs:
        return []  # no indefinite or anonymous speaker anywhere: no need to look for verbs
    verbs = (_matches(text, lang, "attribution_verbs") if speaker else ()) + beliefs
    capitalised = bool(langdata.get(lang, "capitalised_nouns"))
    out = []
    for v_start, v_end in verbs:
        lo = _clause_start(text, v_start)
        before = text[lo:v_start]
        words_before = before.split()
        if words_before and _is_word_of(words_before[-1], lang, "passive_auxiliaries"):
            continue  # "Many people were reported trapped": not what they said
        belief = (v_start, v_end) in beliefs
        start = None
        if speaker:
            start = _subject(before, lang, capitalised)
            if start is None:
                start = _group_before(before, lang)  # "Chinese and U.S. experts have said"
        if (
            start is None
            and belief
            and _indefinite_plural(before.strip(), lang, text[v_start:v_end])
        ):
            start = len(before) - len(before.lstrip())
        if start is not None:
            out.append((lo + start, v_end))
            continue
        # A subject after its verb: "…, estiment certains observateurs", "meinen viele".
        if words_before and not (capitalised and len(words_before) == 1):
            continue
        hi = _clause_end(text, v_end)
        after = text[v_end:hi]
        cut = _opener_after(after, lang)  # "Dennoch meinen Experten, dass …" / "… Experten dass"
        if (speaker and _subject(after[:cut], lang, capitalised) is not None) or (
            belief and _whole(after[:cut].strip(), lang, "postposed_subjects")
        ):  # "…, estiment certains observateurs", "Dicen los productores de la comarca que"
            out.append((v_start, v_end + len(after[:cut].rstrip())))
    return out


#: Words that may stand between a group and its verb: "experts have long said".
_GAP_WORDS = 2


def _group_before(before: str, lang: str) -> int | None:
    """Where an anonymous group that ends ``before`` starts ("… U.S. experts have")."""
    words = list(re.finditer(r"\S+", before))
    small = langdata.word_set(lang, "function_words")
    for _ in range(_GAP_WORDS):
        if words and words[-1].group().lower() in small:
            words.pop()
    for n in (1, 2, 3):  # "experts", "industry insiders", "addetti ai lavori"
        if len(words) < n:
            break
        start = words[-n].start()
        part = before[start : words[-1].end()]
        end = _first_at_start(part, lang, "vague_groups")
        heads = _group_heads(lang)
        if end == len(part) or (n == 1 and heads and part.lower().endswith(heads)):
            return start
    return None


def _opener_after(after: str, lang: str) -> int:
    """Offset of the first clause opener ("dass", "que", "that") in ``after``, else its end."""
    for m in re.finditer(r"\S+", after):
        if m.start() and _is_word_of(m.group(), lang, "clause_openers"):
            return m.start()
    return len(after)


def _maybe_speaker(text: str, lang: str) -> bool:
    """Whether ``text`` has a word that could open an indefinite or anonymous speaker."""
    if any(
        next(p.finditer(text), None) for key in _SPEAKER_KEYS for p in patterns_for(lang, key, text)
    ):
        return True
    heads = _group_heads(lang)
    return bool(heads) and any(w.lower().endswith(heads) for w in _WORD.findall(text))


@lru_cache(maxsize=16)
def _group_heads(lang: str) -> tuple[str, ...]:
    """``vague_group_heads``: "kenner" makes "Branchenkenner" an anonymous group."""
    return tuple(str(h).lower() for h in langdata.get(lang, "vague_group_heads") or [])


_WORD = re.compile(r"[^\W\d_]{4,}")


def _clause_start(text: str, pos: int) -> int:
    last = 0
    for b in _CLAUSE_BOUNDARY.finditer(text, max(0, pos - 200), pos):
        last = b.end()
    return last


def _clause_end(text: str, pos: int) -> int:
    b = _CLAUSE_BOUNDARY.search(text, pos, pos + 200)
    end = b.start() if b else min(len(text), pos + 200)
    return len(text[:end].rstrip(" .!?…"))


def _is_word_of(word: str, lang: str, key: str) -> bool:
    """Whether ``word`` is one of the words of list ``key`` (patterns, whole word)."""
    word = word.strip(".,;:!?")
    return any(
        m.start() == 0 and m.end() == len(word)
        for p in patterns_for(lang, key, word)
        for m in [next(p.finditer(word), None)]
        if m is not None
    )


def is_list_word(word: str, lang: str, key: str) -> bool:
    """Whether ``word`` is one of the words of the pattern list ``key`` ("wurde" of
    ``passive_auxiliaries``)."""
    return _is_word_of(word, lang, key)


def _first_at_start(text: str, lang: str, key: str) -> int | None:
    """Where the entry of ``key`` that opens ``text`` ends (``None`` if none opens it)."""
    best = None
    for p in patterns_for(lang, key, text):
        m = next(p.finditer(text), None)
        if m is not None and m.start() == 0 and (best is None or m.end() > best):
            best = m.end()
    return best


def _whole(text: str, lang: str, key: str) -> bool:
    """Whether an entry of ``key`` matches all of ``text``."""
    return bool(text) and _first_at_start(text, lang, key) == len(text)


def _indefinite_plural(part: str, lang: str, verb: str) -> bool:
    """An indefinite plural subject with its complement and a plural verb: "Des spécialistes
    de la mobilité urbaine doutent", "Operatori del settore turistico temono", "Expertos del
    sector portuario advierten", "Naturschützer aus der Region befürchten" (nobody named).
    ``indefinite_subjects`` describes the subject; ``plural_verb_endings`` the verb."""
    endings = tuple(str(e) for e in langdata.get(lang, "plural_verb_endings") or [])
    first_verb_word = verb.split()[0].lower() if verb.split() else ""
    if not endings or not first_verb_word.endswith(endings):
        return False
    words = part.split()
    first = words[0].lower() if words else ""
    small = langdata.word_set(lang, "function_words")
    if not words or (first in small and first not in langdata.word_set(lang, "plural_articles")):
        return False  # "Quindi il governo …", "Además …": not a subject ("Des …" is one)
    if any(_is_word_of(w, lang, key) for w in words[1:] for key in _NOT_IN_SUBJECT):
        return False  # "Alcuni amici che dichiarano …": a relative clause, not the speaker
    return _whole(part, lang, "indefinite_subjects")


_NOT_IN_SUBJECT = ("relative_pronouns", "passive_auxiliaries")


def _subject(part: str, lang: str, capitalised: bool) -> int | None:
    """Offset in ``part`` where an indefinite subject starts when ``part`` is one, else None.

    ``part`` is the clause before the verb (or after it): an optional opener
    ("but", "mais", "aber"), then a quantifier with at most a few more words and no name
    ("Algunos bodegueros"), or a bare anonymous group and nothing else ("Kenner der Szene").
    """
    stripped = part.lstrip()
    offset = len(part) - len(stripped)
    opener = _first_at_start(stripped, lang, "clause_openers")
    if opener is not None and stripped[opener : opener + 1].isspace():
        offset += len(stripped) - len(stripped[opener:].lstrip())
        stripped = stripped[opener:].lstrip()
    group = _first_at_start(stripped, lang, "vague_groups")
    if group is not None and (
        not stripped[group:].split() or _whole(stripped[group:].strip(), lang, "vague_complements")
    ):
        return offset  # "critics", "Observers of local politics", "Insiders close to the club"
    words = stripped.split()
    if len(words) == 1 and words[0].lower().endswith(_group_heads(lang) or ("\0",)):
        return offset  # "Branchenkenner rechnen damit, …"
    quantity = _first_at_start(stripped, lang, "vague_quantifiers")
    if quantity is None:
        return None
    rest = stripped[quantity:].split()
    if len(rest) > _SUBJECT_WORDS or any(ch.isdigit() for w in rest for ch in w):
        return None
    if any(_is_word_of(w, lang, "relative_pronouns") for w in rest):
        return None  # "alcuni amici che dichiarano di conoscerla": not their claim
    if any(_is_word_of(w, lang, "passive_auxiliaries") for w in rest):
        return None  # "most are not considered …": a passive, nobody speaks
    times = langdata.word_set(lang, "time_units")
    if any(w.lower().strip(".,") in times for w in rest):
        return None  # "Mehrere Stunden lang skandierten …": an adverbial, not a speaker
    if not capitalised and any(w[:1].isupper() for w in rest):
        return None  # "Several members of Parliament": a named body
    return offset


@lru_cache(maxsize=4096)
def is_attributed(text: str, lang: str) -> bool:
    """Whether ``text`` (a sentence, quotations blanked) names a source for what it says."""
    vague = vague_spans(text, lang)
    for key in ("attribution_markers", "attribution_verbs"):
        for a, b in _matches(text, lang, key):
            if not _overlaps(a, b, vague):
                return True
    return False


@lru_cache(maxsize=8192)
def _matches(text: str, lang: str, key: str) -> tuple[tuple[int, int], ...]:
    """Spans of every entry of ``key`` in ``text``: the verbs serve both attribution tests."""
    return tuple(
        (m.start(), m.end()) for p in patterns_for(lang, key, text) for m in p.finditer(text)
    )


class SentenceSource:
    """One sentence of a block: its span, its cleaned text and how it is attributed.

    ``attributed`` is worked out on first use: most blocks have no claim or quotation that
    needs it, while every block is read for vague attribution.
    """

    __slots__ = ("_attributed", "end", "lang", "start", "text", "vague")

    def __init__(self, start: int, end: int, text: str, lang: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lang = lang
        self.vague = vague_spans(text, lang)
        self._attributed: bool | None = None

    @property
    def attributed(self) -> bool:
        if self._attributed is None:
            self._attributed = is_attributed(self.text, self.lang)
        return self._attributed

    @property
    def sourced(self) -> bool:
        """Attributed, or vaguely attributed (which ``vague-attribution`` reports)."""
        return bool(self.vague) or self.attributed


def block_sources(
    doc: Document, block: Block, sents: Sequence[Sentence]
) -> tuple[SentenceSource, ...]:
    """The attribution of every sentence of ``block``, computed once per document and block."""

    def compute() -> tuple[SentenceSource, ...]:
        lang = doc.lang
        text = clean(block.text, lang)
        return tuple(SentenceSource(s.start, s.end, text[s.start : s.end], lang) for s in sents)

    return doc.cached(f"sources:{block.index}", compute)


#: How many words may open a sentence before the marker that attributes the one before it:
#: "Das sind nach Angaben des Klinikums …", "Los datos proceden de …".
_BACKREF_LEAD_WORDS = 3


def attributes_previous(text: str, lang: str) -> bool:
    """Whether a sentence opens by attributing what came before or after it.

    "Selon la coopérative, …", "According to the council, …", "Das sind nach Angaben des
    Klinikums …", a back-reference such as "Das teilte der Verband mit" or "Los datos proceden
    de …" (``attribution_backrefs``) or a closing speaker clause ("…, detalló el presidente.")
    source the sentence before; "Hotels have reported cancellations" attributes only itself.
    """
    stripped = text.lstrip(" ,;:–—-")
    vague = vague_spans(stripped, lang)
    for key in ("attribution_markers", "attribution_backrefs"):
        for pattern in patterns_for(lang, key, stripped):
            m = next(pattern.finditer(stripped), None)
            if (
                m
                and len(stripped[: m.start()].split()) <= _BACKREF_LEAD_WORDS
                and not _overlaps(m.start(), m.end(), vague)
            ):
                return True
    return _speaker_clause(stripped, lang)


def opens_with_opinion_frame(text: str, lang: str) -> bool:
    """ "Para la directora de la película, …", "Pour le maire, …": whose view follows."""
    return any(next(p.finditer(text), None) for p in patterns_for(lang, "opinion_frames", text))


#: A closing speaker clause: ", detalló el presidente, Joan Calabuig." (few words, at the end).
_CLAUSE_LEAD_WORDS = 5
_CLAUSE_WORDS = 16


def _speaker_clause(text: str, lang: str) -> bool:
    """Whether the sentence ends with ", <verb> <speaker>" or ", <speaker> <verb>"."""
    for key in ("attribution_verbs", "attribution_markers"):
        for pattern in patterns_for(lang, key, text):
            for m in pattern.finditer(text):
                comma = text.rfind(",", 0, m.start())
                if comma == -1:
                    continue
                if len(text[comma + 1 : m.start()].split()) > _CLAUSE_LEAD_WORDS:
                    continue
                if len(text[comma + 1 :].split()) <= _CLAUSE_WORDS:
                    return True
    return False


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a < end and start < b for a, b in spans)
