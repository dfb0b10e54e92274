"""A link of the source that the aligned translated block lacks or points elsewhere
(rule ``pair-link-mismatch``).

Links are compared after normalising what does not change the target (scheme and host case,
``www.``, a trailing slash, the fragment). A localised link is the same link: the language
edition of a site (``en.wikipedia.org`` → ``fr.wikipedia.org``) or a language segment in the
path (``/en/report`` → ``/fr/report``). A changed link is reported once, on the translated
link; a link that is simply gone is reported at its block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from checker.checks.pairs import pairing
from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule

OPTIONS: dict = {}

_LANG_LABEL = re.compile(r"^[a-z]{2,3}(?:[-_][a-z]{2,4})?$")


def normalise(href: str) -> str:
    """A link as compared: lower-case scheme and host, no ``www.``, fragment or final slash."""
    parts = urlsplit(href.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port:
        host += f":{parts.port}"
    path = parts.path.rstrip("/") or ("/" if host else "")
    query = f"?{parts.query}" if parts.query else ""
    scheme = parts.scheme.lower()
    return f"{scheme}://{host}{path}{query}" if host else f"{path}{query}"


def _without_lang(href: str, langs: set[str]) -> tuple[str, str, bool]:
    """Host and path with language labels and segments taken out; whether any were."""
    parts = urlsplit(href)
    host_labels = (parts.hostname or "").lower().removeprefix("www.").split(".")
    edition = len(host_labels) > 2 and host_labels[0] in langs
    host = ".".join(host_labels[1:] if edition else host_labels)
    segments = [s for s in parts.path.split("/") if s]
    kept = [s for s in segments if s.lower() not in langs]
    return host, "/".join(kept), edition


def same_link(a: str, b: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether ``b`` (translation) points where ``a`` (source) does, maybe localised."""
    if normalise(a) == normalise(b):
        return True
    langs = {src_lang, tgt_lang}
    host_a, path_a, edition_a = _without_lang(normalise(a), langs)
    host_b, path_b, edition_b = _without_lang(normalise(b), langs)
    if host_a != host_b:
        return False
    # fr.wikipedia.org renders en.wikipedia.org: titles differ by language, the site does not.
    return (edition_a and edition_b) or path_a == path_b


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    pair = pairing(doc)
    if pair is None:
        return
    src_lang, tgt_lang = pair.source.lang, doc.lang
    for link in pair.links:
        if not link.source or not link.target:
            continue
        src = [(block, href, s, e) for block in link.source for href, s, e in block.links]
        tgt = [(block, href, s, e) for block in link.target for href, s, e in block.links]
        lost = [x for x in src if not any(same_link(x[1], y[1], src_lang, tgt_lang) for y in tgt)]
        new = [y for y in tgt if not any(same_link(x[1], y[1], src_lang, tgt_lang) for x in src)]
        for i, (sblock, href, s, e) in enumerate(lost):
            where = pair.where(sblock)
            related = [(pair.source, *sblock.source_span(s, e))]
            if i < len(new):
                tblock, other, ts, te = new[i]
                a, b = tblock.source_span(ts, te)
                message = f"Links to {other}, but the source links to {href} here ({where})"
            else:
                a, b = link.target[0].source_span()
                end = doc.source.find("\n", a, b)
                b = b if end == -1 else end
                message = f"The source links to {href} here ({where}); this translation does not"
            yield rule.finding(doc, a, b, message, related=related)
