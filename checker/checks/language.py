"""Blocks and sentences written in another language than the article.

A whole block in another language is reported at the rule's severity; inside a block that is
in the article's language, runs of foreign sentences are reported at ``sentence_severity``.
Quoted passages, a block whose HTML ``lang`` declares its language, block quotes, URLs and
source tags are not evidence (see :mod:`checker.text.langid`).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import block_language, own_words, sentences, text_language
from checker.document import Document
from checker.finding import Finding, Severity
from checker.rules import Rule
from checker.text.langid import language_name
from checker.text.tokens import splits_words

OPTIONS = {
    "min_letters": 10,
    "short_letters": 40,
    "min_probability": 0.9,
    "sentence_severity": "warning",
    "sentence_min_letters": 20,
    "kinds": ["title", "heading", "lede", "paragraph", "list_item"],
}


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lang:
        return
    opts = rule.options
    params = (opts["min_letters"], opts["short_letters"], opts["min_probability"])
    sentence_severity = Severity.parse(opts["sentence_severity"])
    sentence_params = (max(params[0], opts["sentence_min_letters"]), *params[1:])
    kinds = set(opts["kinds"])
    article = language_name(doc.lang)
    for block in doc.blocks:
        if block.kind not in kinds or (block.lang and block.lang != doc.lang):
            continue
        verdict = block_language(doc, block, *params)
        if verdict:
            start, end = block.source_span()
            yield rule.finding(
                doc,
                start,
                end,
                f"{block.kind.replace('_', ' ').capitalize()} is in "
                f"{language_name(verdict.lang)}, not {article} like the article",
            )
            continue
        parts = sentences(doc, block)
        if len(parts) < 2:
            continue
        if own_words(doc, block) and not splits_words(
            block.text, (i for sent in parts for i in (sent.start, sent.end))
        ):
            continue  # its sentences hold only its words: none is in another language
        run: list = []
        run_lang = ""
        for sent in [*parts, None]:
            verdict = text_language(doc, sent.text, *sentence_params) if sent else None
            if verdict and (not run or verdict.lang == run_lang):
                run.append(sent)
                run_lang = verdict.lang
                continue
            if run:
                start, _ = block.source_span(run[0].start, run[0].end)
                _, end = block.source_span(run[-1].start, run[-1].end)
                what = "Sentence is" if len(run) == 1 else f"{len(run)} sentences are"
                yield rule.finding(
                    doc,
                    start,
                    end,
                    f"{what} in {language_name(run_lang)}, not {article} like the article",
                    severity=sentence_severity,
                )
            run = [sent] if verdict else []
            run_lang = verdict.lang if verdict else ""
