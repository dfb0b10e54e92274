"""Name candidates in article text, and the tiers that say two spellings are one name.

No NER model: a name is a run of capitalised words, maybe joined by particles (von der, de, di,
bin…). Titles ("President", "Bundeskanzlerin", "M.") are stripped from its front, possessive and
genitive endings (Trump's, Merkels) from its end, and a capitalised function word that only
starts the sentence ("Les", "Die", "Selon") is dropped. German capitalises every noun: the
name rules compare a lone German word only when nothing says it is a common noun
(:func:`after_determiner`, :mod:`checker.text.mentions`).

Speed: only words that do not start with a lower-case letter are looked at in Python (one
regex pass, :func:`_caps_regex`); particles are read from the text around them. Folded and
transliterated words, and title tests, are remembered across articles.

Spellings are compared in tiers (DESIGN.md "Names"):

1. certain: the same after folding accents, hyphens, spaces and case (Siobhán / Siobhan);
2. probable: the same after simple transliteration (w→v, j→y, sch→sh, ou→u, ck→k…);
3. possible: one letter apart inside one word, with the same first name (Brehmer / Bremer).

Different first names and generational suffixes (Jr., Sr.) are never merged: names are aligned
from their end, and a one-letter guess about the first word of a name is never made (a word
after another word of the name is no first name: "John de Grayson Mews" / "Gryson Mews").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from checker import langdata

CERTAIN, PROBABLE, POSSIBLE = 1, 2, 3
TIER_NAMES = {CERTAIN: "certain", PROBABLE: "probable", POSSIBLE: "possible"}

# A word, maybe hyphenated or with an inner apostrophe (O'Brien, d'Estaing, Jong-un).
_LETTER = r"[^\W\d_]"
_TOKEN_TAIL = r"(?:['’][^\W\d_]+)*(?:[-‐‑][^\W\d_]+(?:['’][^\W\d_]+)*)*"
_TOKEN = re.compile(_LETTER + "+" + _TOKEN_TAIL)
_ELISION = re.compile(r"^([^\W\d_]{1,5})['’](?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s$")
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$")
_HYPHENS = re.compile(r"[-‐‑]")
# Letters that Unicode does not decompose but that an English keyboard drops all the same.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"})
_ESCAPE = re.compile(r"\\.")  # a backslash escape in a pattern (\w, \.)
_NOT_ALNUM = re.compile(r"[^\w\n]|_")  # what fold() drops, line breaks apart
_WORD_GOES_ON = re.compile(r"[-‐‑'’]?[^\W\d_]")  # more letters, or a joiner and a letter
_CHAIN_SPLIT = re.compile(r"[ \u00a0\u202f]")
_DOUBLED = re.compile(r"(.)\1+")
_SENTENCE_END = frozenset(".!?…:;\n")
_OPENERS = frozenset("«»\"“”„‚‘’'()[]–—-¿¡*_ \t\u00a0\u202f")
_MEMO_SIZE = 100_000


@dataclass(frozen=True)
class Mention:
    """One name as written: its words (hyphenated parts apart), joiners and spans in the text."""

    words: tuple[str, ...]
    #: ``joins[i]`` is what stands between ``words[i]`` and ``words[i + 1]``: " " or "-".
    joins: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    #: The mention opens a sentence (its first word may be capitalised for that reason alone).
    initial: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def form(self) -> Form:
        return Form(self.words, self.joins)

    def tail(self, k: int) -> Form:
        """The last ``k`` words as a form."""
        return Form(self.words[-k:], self.joins[len(self.words) - k :])

    def tail_span(self, k: int) -> tuple[int, int]:
        return self.spans[-k][0], self.spans[-1][1]


@dataclass(frozen=True)
class Form:
    """A spelling of a name: words and the joiners between them (hashable)."""

    words: tuple[str, ...]
    joins: tuple[str, ...] = ()

    def __str__(self) -> str:
        out = self.words[0]
        for join, word in zip(self.joins, self.words[1:], strict=True):
            out += join + word
        return out

    def __len__(self) -> int:
        return len(self.words)

    def endswith(self, other: Form) -> bool:
        """Whether ``other`` is this form's tail, spelled the same way."""
        k = len(other.words)
        if k > len(self.words):
            return False
        joins = self.joins[len(self.joins) - (k - 1) :] if k > 1 else ()
        return self.words[-k:] == other.words and joins == other.joins


# -- language data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class NameData:
    """What one language says about names (``rules/lang/<code>.yml``)."""

    titles: re.Pattern | None
    particles: tuple[tuple[str, ...], ...]
    function_words: frozenset[str]
    suffixes: frozenset[str]
    genitive_s: bool
    capitalised_nouns: bool
    #: The titles are matched against the lower-cased word (they hold no capital letter).
    titles_lower: bool = False
    #: Matches a name particle between two words of a name (see :func:`_chain_regex`).
    chain: re.Pattern | None = None
    #: A determiner ending where a search range ends (see :func:`after_determiner`).
    determined: re.Pattern | None = None
    #: Capitalised words that never belong to a name (German "Sie", "Ihnen").
    stopwords: frozenset[str] = frozenset()
    #: First words of the particles (von, de, al…), and their first letters.
    particle_words: frozenset[str] = frozenset()
    particle_letters: frozenset[str] = frozenset()
    #: word → whether it is a title; one article asks about the same words again and again.
    title_memo: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)
    role_memo: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)

    def title_word(self, word: str) -> bool:
        """Whether the whole of ``word`` is a title or role (Dr, Bundeskanzlerin)."""
        try:
            return self.title_memo[word]
        except KeyError:
            pass
        titles = self.titles
        if titles is None:
            found = False
        elif self.titles_lower:
            found = bool(titles.fullmatch(word.lower()))
        else:
            found = bool(titles.fullmatch(word))
        if len(self.title_memo) < _MEMO_SIZE:
            self.title_memo[word] = found
        return found

    def is_title(self, word: str) -> bool:
        """A title, or a hyphenated word ending in one ("GZL-Chef")."""
        try:
            return self.role_memo[word]
        except KeyError:
            pass
        found = self.title_word(word) or (
            bool(_HYPHENS.search(word)) and self.title_word(_HYPHENS.split(word)[-1])
        )
        if len(self.role_memo) < _MEMO_SIZE:
            self.role_memo[word] = found
        return found


@lru_cache(maxsize=32)
def name_data(lang: str) -> NameData:
    titles = [str(t) for t in langdata.get(lang, "titles") or []]
    regex = None
    if titles:
        pattern = r"(?:" + "|".join(titles) + r")\.?"
        # Case-insensitive matching is several times slower in ``re``: when the patterns hold
        # no capital letter, words are lower-cased instead (see NameData.title_word).
        plain = _ESCAPE.sub("", pattern)
        flags = 0 if plain == plain.lower() else re.IGNORECASE
        regex = re.compile(pattern, flags)
    particles = sorted(
        {tuple(str(p).lower().split()) for p in langdata.get(lang, "name_particles") or []},
        key=len,
        reverse=True,
    )
    suffixes = {str(s).lower().rstrip(".") for s in langdata.get(lang, "name_suffixes") or []}
    return NameData(
        regex,
        tuple(particles),
        langdata.word_set(lang, "function_words"),
        frozenset(suffixes),
        bool(langdata.get(lang, "name_genitive_s")),
        bool(langdata.get(lang, "capitalised_nouns")),
        regex is not None and not regex.flags & re.IGNORECASE,
        _chain_regex(tuple(particles)),
        _determiner_regex([str(w) for w in langdata.get(lang, "name_determiners") or []]),
        frozenset(str(w) for w in langdata.get(lang, "name_stopwords") or []),
        frozenset(p[0] for p in particles),
        frozenset(p[0][0] for p in particles),
    )


def capitalises_nouns(lang: str) -> bool:
    """German: every noun is capitalised, so a lone capitalised word is no evidence of a name."""
    return name_data(lang).capitalised_nouns


@lru_cache(maxsize=1)
def _caps_regex() -> re.Pattern:
    """Words that do not start with a lower-case letter (Trump, UN, L'Union, 北京).

    Only these can start a name, so only these are looked at in Python; lower-case particles
    (von der, de la) are matched in the text by :func:`_chain_regex`. The pattern opens with a
    character class, which lets ``re`` skip ahead fast. Python's ``re`` has no ``\\p{Ll}``, so
    the class lists the lower-case letters of the alphabets news is written in; one it misses
    only lets a word through to the checks in Python. A match never follows a letter; one that
    follows a letter and an apostrophe or a hyphen (d'Olivier, al-Assad, ex-Präsident) ends a
    longer word, which :func:`_tokens` reads whole.
    """
    ranges: list[list[int]] = []
    for block in ((0, 0x3000), (0xA640, 0xABC0), (0xFB00, 0xFB18), (0xFF41, 0xFF5B)):
        for code in range(*block):
            if chr(code).islower():
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    lower = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(rf"[^\W\d_{lower}](?<!{_LETTER}.){_LETTER}*{_TOKEN_TAIL}")


def _chain_regex(particles: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    """A name particle after a word of a name and before the next word: `` von der ``.

    Group ``gap`` is what separates it from the word before (a space, or a period and a space
    after an initial or a title); group ``words`` is the particle. Longest particles first. A
    particle starts in lower case; its later words may be in capitals (de LA Cruz).
    """
    if not particles:
        return None
    space = "[ \u00a0\u202f]"
    phrases = sorted(particles, key=len, reverse=True)
    words = "|".join(
        space.join(
            re.escape(w) if n == 0 else f"(?:{re.escape(w)}|{re.escape(w.upper())})"
            for n, w in enumerate(phrase)
        )
        for phrase in phrases
    )
    return re.compile(rf"(?P<gap>{space}|\.[ \u00a0])(?P<words>{words}){space}")


def _determiner_regex(words: list[str]) -> re.Pattern | None:
    """A determiner (and the spaces after it) that ends where the search range ends."""
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!{_LETTER})(?:{alternation})[ \u00a0]+\Z", re.IGNORECASE)


def after_determiner(word: str, text: str, lang: str) -> bool:
    """Whether ``text`` writes ``word`` (whole) right after a determiner: ``die Lage``.

    Where every noun is capitalised, such a word is a common noun, not a name; the language's
    ``name_determiners`` list them (empty elsewhere). A determiner after a comma is a relative
    pronoun (", der Trump ernannt hatte") and does not count.
    """
    regex = name_data(lang).determined
    if regex is None:
        return False
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (
            start > 0
            and text[start - 1] in " \u00a0"
            and not _WORD_GOES_ON.match(text, end)
            and regex.search(text, max(0, start - 24), start)
        ):
            before = text[max(0, start - 32) : start].rstrip()
            head = before[: len(before) - len(before.split()[-1])].rstrip() if before else ""
            if not head.endswith(","):
                return True
        start = text.find(word, end)
    return False


# -- extraction --------------------------------------------------------------------------------
# A token is a tuple (text, start, end, kind, initial): one article has thousands of them.
# kind: "name", "initial" (a capital letter and a period), "particle" (von der, inside a run).
_Tok = tuple[str, int, int, str, bool]
_NAME, _INITIAL, _PARTICLE = "name", "initial", "particle"
_SPACES = frozenset((" ", "\u00a0", "\u202f"))
_PERIOD_SPACES = frozenset((". ", ".\u00a0"))
_JOINERS = frozenset("'’-‐‑")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and "-" not in word


def _is_letter(c: str) -> bool:
    """What ``[^\\W\\d_]`` matches."""
    return c.isalnum() and not c.isdecimal()


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether only quotes, dashes and spaces stand between ``pos`` and a sentence end."""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _word_start(text: str, pos: int) -> int:
    """Where the word (letters joined by single apostrophes or hyphens) around ``pos`` starts."""
    while True:
        while pos > 0 and _is_letter(text[pos - 1]):
            pos -= 1
        if pos >= 2 and text[pos - 1] in _JOINERS and _is_letter(text[pos - 2]):
            pos -= 1
            continue
        return pos


def _tokens(text: str, data: NameData) -> list[_Tok]:
    """The name words and initials of ``text`` (kinds "name" and "initial"), in order."""
    out: list[_Tok] = []
    stopwords = data.stopwords
    for m in _caps_regex().finditer(text):
        word = m.group()
        start, end = m.span()
        if start >= 2 and text[start - 1] in _JOINERS and _is_letter(text[start - 2]):
            start = _word_start(text, start)  # the end of a longer word: d'Olivier, al-Assad
            word = text[start:end]
        elif word.isalpha():  # the common case: a plain capitalised word
            if word[0].islower():  # a lower-case letter the pattern's class lacks
                continue
            if len(word) == 1:
                if text[end : end + 1] != ".":
                    continue
                kind = _INITIAL
            elif word.isupper() or word in stopwords:
                continue  # an acronym; "Sie"
            else:
                kind = _NAME
            # Inline: whether only quotes, dashes and spaces stand after a sentence end.
            i = start - 1
            while i >= 0 and text[i] in _OPENERS:
                i -= 1
            out.append((word, start, end, kind, i < 0 or text[i] in _SENTENCE_END))
            continue
        tok = _classify(text, word, start, end, data)
        if tok is not None:
            out.append(tok)
    return out


def _classify(text: str, word: str, start: int, end: int, data: NameData) -> _Tok | None:
    """A word with an apostrophe or a hyphen as a name token, or None."""
    initial = _sentence_initial(text, start)
    elided = _ELISION.match(word)
    if elided and (elided.group(1).islower() or elided.group(1) == "L"):
        start += elided.end()
        word = word[elided.end() :]
    if _CONTRACTION.search(word):
        return None  # I'm, We've, Don't
    if len(word) > 3 and _POSSESSIVE.search(word):
        end -= 2
        word = word[:-2]
    head, _, rest = word.partition("-")
    if rest and head in data.particle_words and rest[0].isupper():  # al-Assad, el-Sisi
        return (word, start, end, _NAME, initial)
    if (
        initial
        and rest
        and any(p.islower() and p in data.function_words for p in _HYPHENS.split(word)[1:])
    ):
        return None  # "Avez-vous", "Peut-être" open a question, they name nobody
    if not word[0].isupper():
        return None
    if len(word) == 1:
        return (word, start, end, _INITIAL, initial) if text[end : end + 1] == "." else None
    if _is_acronym(word):
        return None
    return (word, start, end, _NAME, initial)


def _runs(text: str, toks: list[_Tok], data: NameData) -> list[list[_Tok]]:
    """Names and initials joined by single spaces or by a particle (Ursula von der Leyen)."""
    runs: list[list[_Tok]] = []
    chain = data.chain
    title_word = data.title_word
    letters = data.particle_letters
    i = 0
    count = len(toks)
    while i < count:
        run = [toks[i]]
        j = i + 1
        while j < count:
            prev = run[-1]
            tok = toks[j]
            gap = text[prev[2] : tok[1]]
            if gap in _SPACES or (
                gap in _PERIOD_SPACES and (prev[3] == _INITIAL or title_word(prev[0]))
            ):
                run.append(tok)
                j += 1
                continue
            if (
                chain is None
                or tok[3] != _NAME
                or len(gap) < 3
                or not (gap[1] in letters or gap[2] in letters)
            ):
                break
            m = chain.match(text, prev[2])
            if m is None or m.end() != tok[1]:
                break
            if m.group("gap") not in _SPACES and not (prev[3] == _INITIAL or title_word(prev[0])):
                break
            pos = m.start("words")
            for word in _CHAIN_SPLIT.split(m.group("words")):
                run.append((word, pos, pos + len(word), _PARTICLE, False))
                pos += len(word) + 1
            run.append((tok[0], tok[1], tok[2], _NAME, False))
            j += 1
        runs.append(run)
        i = j
    return runs


def _trim(run: list[_Tok], data: NameData) -> list[_Tok]:
    """Drop titles and a leading function word; drop trailing initials."""
    last_title = -1
    for i in range(len(run) - 1):
        tok = run[i]
        if tok[3] != _PARTICLE and data.is_title(tok[0]):
            last_title = i
    if last_title >= 0:
        run = run[last_title + 1 :]
    # A function word opening the sentence ("Les", "Die", "Selon") is not part of the name;
    # mid-sentence it is ("Will Wade", "Le Monde").
    while run and (
        run[0][3] == _PARTICLE
        or (run[0][3] == _NAME and run[0][4] and run[0][0].lower() in data.function_words)
        or (run[0][3] == _INITIAL and len(run) == 1)
    ):
        run = run[1:]
    while run and run[-1][3] in (_PARTICLE, _INITIAL):
        run = run[:-1]
    if len(run) == 1 and data.is_title(run[0][0]):
        return []
    return run


def find_names(text: str, lang: str) -> list[Mention]:
    """Every name candidate of ``text``, in order, with exact spans."""
    data = name_data(lang)
    particle_words = data.particle_words
    function_words = data.function_words
    roles = data.role_memo
    out: list[Mention] = []
    for run in _runs(text, _tokens(text, data), data):
        if len(run) == 1 and run[0][0].isalpha():  # the common case: one plain word
            word, start, end, kind, initial = run[0]
            if kind != _NAME:
                continue
            role = roles.get(word)
            if role or (role is None and data.is_title(word)):
                continue
            if initial:
                lower = word.lower()
                if lower in function_words:
                    continue  # "Les", "Die", "Selon" opening a sentence
                if lower in particle_words:
                    word = lower
            out.append(Mention((word,), (), ((start, end),), initial))
            continue
        initial = run[0][4]
        run = _trim(run, data)
        if not run or not any(t[3] == _NAME for t in run):
            continue
        words: list[str] = []
        joins: list[str] = []
        spans: list[tuple[int, int]] = []
        for tok in run:
            pos = tok[1]
            for p, part in enumerate(_HYPHENS.split(tok[0])):
                if words:
                    joins.append("-" if p else " ")
                words.append(part.replace("’", "'"))  # one apostrophe: typography is not spelling
                spans.append((pos, pos + len(part)))
                pos += len(part) + 1
        initial = initial and run[0][4]
        if initial and words[0].lower() in particle_words:  # "Al-Moualem" opening a sentence
            words[0] = words[0].lower()
        out.append(Mention(tuple(words), tuple(joins), tuple(spans), initial))
    return out


def strip_genitives(mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """German genitive: ``Merkels`` → ``Merkel`` when ``Merkel`` ends another name.

    A genitive also ends the name: in ``Angela Merkels Regierung`` the name is ``Angela Merkel``.
    """
    if not name_data(lang).genitive_s:
        return list(mentions)
    last_words = {m.words[-1] for m in mentions}
    out = []
    for m in mentions:
        for i, word in enumerate(m.words):
            if len(word) > 3 and word.endswith("s") and word[:-1] in last_words:
                a, b = m.spans[i]
                m = Mention(
                    (*m.words[:i], word[:-1]),
                    m.joins[:i],
                    (*m.spans[:i], (a, b - 1)),
                    m.initial,
                )
                break
        out.append(m)
    return out


def is_title_case(text: str) -> bool:
    """A headline in Title Case (English style): capitals say nothing about names there."""
    long_words = [w for w in _TOKEN.findall(text) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    return sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words)


# -- comparison --------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, no accents: ``Ibáñez`` → ``ibanez``; ``ß`` → ``ss``; ``Bjørn`` → ``bjorn``."""
    if word.isascii():
        folded = word.lower()
        return folded if folded.isalnum() else "".join(filter(str.isalnum, folded))
    # No combining mark is alphanumeric: keeping letters and digits drops the accents.
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(filter(str.isalnum, decomposed))


@lru_cache(maxsize=65536)
def transliterate(folded: str, table: tuple[tuple[str, str], ...]) -> str:
    """Apply the transliteration pairs until nothing changes, then collapse doubled letters.

    Repeating makes the order of the pairs irrelevant (``stch`` → ``sch`` → ``sh``).
    """
    return _transliterate(folded, table)


def _fold_lines(text: str) -> str:
    """:func:`fold` of each line of ``text`` (line breaks kept), in one pass."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    else:
        text = text.lower()
    return _NOT_ALNUM.sub("", text)


def _transliterate(folded: str, table: tuple[tuple[str, str], ...]) -> str:
    for _ in range(4):
        before = folded
        for a, b in table:
            if a in folded:
                folded = folded.replace(a, b)
        if folded == before:
            break
    return _DOUBLED.sub(r"\1", folded)


def _one_letter(a: str, b: str, fa: str, fb: str) -> bool:
    """Two words (folded: ``fa``, ``fb``) one letter apart inside. When folding dropped an
    accent, the letters as written must be one edit apart too: Hüte/Haute are not."""
    if not _interior_edit(fa, fb):
        return False
    ca, cb = a.casefold(), b.casefold()
    if ca == fa and cb == fb:
        return True
    return OSA.distance(ca, cb, score_cutoff=1) == 1


def _interior_edit(a: str, b: str) -> bool:
    """One edit (OSA) away from the word's edges.

    Not the first letter (Mayer/Bayer are two names) nor the last two, where inflection lives:
    gender (Paolo/Paola), genitives (Brennachs). A letter dropped or added just before the last
    one is a typo (Johnson/Johnsn, Trump/Trup), except the n of a plural demonym
    (Koreans/Koreas) and the i of a country beside its adjective (Russia/Russa, Rusia/Rusa).
    """
    if min(len(a), len(b)) < 4 or max(len(a), len(b)) < 5:
        return False
    if OSA.distance(a, b, score_cutoff=1) != 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    if prefix < 1 or suffix < 1:
        return False
    if suffix >= 2:
        return True
    if len(a) == len(b):
        return False  # a letter changed next to the end: Andersen/Anderson, Paolo/Paola
    longer = a if len(a) > len(b) else b
    return longer[-2:] not in ("ns", "ia")


@dataclass(frozen=True)
class Variant:
    """Two spellings of one name: the forms compared and how sure the match is."""

    tier: int
    a: Form
    b: Form


class Comparer:
    """Compares name mentions of one language; remembers folded and transliterated words.

    Get one with :func:`comparer_for`, which keeps it for the next article of the language, so
    a name seen in many articles is folded and transliterated once.
    """

    def __init__(self, lang: str, transliteration: Sequence[Sequence[str]] = ()) -> None:
        self.data = name_data(lang)
        self.table = tuple((str(a), str(b)) for a, b in transliteration)
        #: word → accent-folded word; word → transliteration key.
        self.folds: dict[str, str] = {}
        self.keys: dict[str, str] = {}

    def fold(self, word: str) -> str:
        try:
            return self.folds[word]
        except KeyError:
            if len(self.folds) >= _MEMO_SIZE:
                self.folds.clear()
            folded = self.folds[word] = fold(word)
            return folded

    def trans(self, word: str) -> str:
        try:
            return self.keys[word]
        except KeyError:
            if len(self.keys) >= _MEMO_SIZE:
                self.keys.clear()
            key = self.keys[word] = _transliterate(self.fold(word), self.table)
            return key

    def learn(self, words: Iterable[str]) -> None:
        """Fold and transliterate many words at once, so :attr:`folds` and :attr:`keys` know
        them all: the string operations then run once over the joined words, not per word."""
        new = [w for w in words if w not in self.keys and "\n" not in w]
        if not new:
            return
        if len(self.keys) + len(new) > _MEMO_SIZE:
            self.keys.clear()
            self.folds.clear()
        folded = _fold_lines("\n".join(new))
        keys = _transliterate(folded, self.table).split("\n")
        for word, f, k in zip(new, folded.split("\n"), keys, strict=True):
            self.folds[word] = f
            self.keys[word] = k

    def key(self, form: Form, tier: int = CERTAIN) -> str:
        """The joined key of a form at a tier (certain: folded; probable: transliterated)."""
        memo, get = (self.folds, self.fold) if tier == CERTAIN else (self.keys, self.trans)
        try:
            return "".join(map(memo.__getitem__, form.words))
        except KeyError:
            return "".join(map(get, form.words))

    def tier(self, a: Form, b: Form, possible: bool) -> int | None:
        """Tier of two forms of as many words (0: spelled alike; None: different names)."""
        if a == b:
            return 0
        return self._tier(a.words, b.words, possible)

    def _tier(
        self, a: tuple[str, ...], b: tuple[str, ...], possible: bool, given: bool = True
    ) -> int | None:
        """:meth:`tier` of two word tuples spelled differently (words or joiners).

        ``given``: the first words may be given names, which must then be spelled alike for a
        one-letter guess (Michael Vann / Michel Vann are two people); a word after another
        word of the name is no given name ("John de Grayson Mews" / "Gryson Mews").
        """
        folds = self.folds
        fa = [folds[w] if w in folds else self.fold(w) for w in a]
        fb = [folds[w] if w in folds else self.fold(w) for w in b]
        if fa == fb:
            return CERTAIN
        if (
            self.table
            and sum(map(len, fa)) >= 4
            and [self.trans(w) for w in a] == [self.trans(w) for w in b]
        ):
            return PROBABLE
        if not possible:
            return None
        if len(a) == 1:
            return POSSIBLE if _one_letter(a[0], b[0], fa[0], fb[0]) else None
        if given and fa[0] != fb[0]:
            return None
        diff = [i for i in range(len(fa)) if fa[i] != fb[i]]
        if len(diff) != 1:
            return None
        i = diff[0]
        if fa[i] in self.data.suffixes or fb[i] in self.data.suffixes:
            return None
        return POSSIBLE if _one_letter(a[i], b[i], fa[i], fb[i]) else None

    def variant(
        self,
        a: Mention | Form,
        b: Mention | Form,
        possible: bool = True,
        single: bool = True,
        joined: bool = True,
    ) -> Variant | None:
        """How two names relate: ``None`` (different, or spelled alike) or a :class:`Variant`.

        Names are aligned from their end, longest window first: the first window spelled alike
        settles it (``Joe Biden`` / ``Hunter Biden`` share ``Biden``). ``possible`` allows the
        one-edit tier; ``single`` allows windows of one word (a surname alone).
        """
        wa, ja, wb, jb = a.words, a.joins, b.words, b.joins
        na, nb = len(wa), len(wb)
        for k in range(min(na, nb), 0, -1):
            if k == 1 and not single:
                break
            # "Ryder-Cup-Sieger": a tail glued by a hyphen to the word before is no name (but
            # one after a particle is: "Walid al-Moualem").
            if (k < na and ja[na - k - 1] == "-" and not wa[na - k - 1].islower()) or (
                k < nb and jb[nb - k - 1] == "-" and not wb[nb - k - 1].islower()
            ):
                continue
            ta, tb = wa[na - k :], wb[nb - k :]
            if ta == tb and ja[na - k :] == jb[nb - k :]:
                return None  # spelled alike
            tier = self._tier(ta, tb, possible, k == na and k == nb)
            if tier is not None:
                if k == 1 and na > 1 and nb > 1 and tier == POSSIBLE:
                    return None  # two first names, surnames a letter apart: two people
                return Variant(tier, _tail(_form(a), k), _tail(_form(b), k))
        if not joined or max(na, nb) < 2:
            return None
        # Words split differently: Ahmadinejad / Ahmadi-Nejad. The keys of every tail, built
        # from the end: ends_a[i] is the key of the last i words of a.
        ends_a, ends_b = _ends(wa, self.fold), _ends(wb, self.fold)
        if self.table:
            trans_a, trans_b = _ends(wa, self.trans), _ends(wb, self.trans)
        for i in range(1, na + 1):
            for j in range(1, nb + 1):
                if i == j or max(i, j) < 2:
                    continue
                if ends_a[i] == ends_b[j]:
                    return Variant(CERTAIN, _tail(_form(a), i), _tail(_form(b), j))
                if self.table and trans_a[i] == trans_b[j]:
                    return Variant(PROBABLE, _tail(_form(a), i), _tail(_form(b), j))
        return None


def _form(x: Mention | Form) -> Form:
    return x.form if isinstance(x, Mention) else x


@lru_cache(maxsize=64)
def comparer_for(lang: str, transliteration: tuple[tuple[str, str], ...] = ()) -> Comparer:
    """The shared :class:`Comparer` of a language and transliteration table."""
    return Comparer(lang, transliteration)


def _ends(words: tuple[str, ...], get: Callable[[str], str]) -> list[str]:
    """``out[i]``: the keys of the last ``i`` words joined (``out[0]`` is empty)."""
    out = [""]
    for word in reversed(words):
        out.append(get(word) + out[-1])
    return out


def in_compound(form: Form, start: int, end: int | None = None) -> bool:
    """Whether the words ``start:end`` of ``form`` are glued by a hyphen to a word outside."""
    end = len(form.words) if end is None else end
    # A particle glued by a hyphen (al-Assad) makes no compound.
    before = start > 0 and form.joins[start - 1] == "-" and not form.words[start - 1].islower()
    after = end < len(form.words) and form.joins[end - 1] == "-"
    return before or after


def window(form: Form, start: int, k: int) -> Form:
    """The ``k`` words of ``form`` from word ``start``."""
    return Form(form.words[start : start + k], form.joins[start : start + k - 1])


def _tail(form: Form, k: int) -> Form:
    if k == len(form.words):
        return form
    return Form(form.words[-k:], form.joins[len(form.joins) - (k - 1) :] if k > 1 else ())
