"""Load, in the parent of a ``--jobs`` run, what every worker would otherwise load by itself.

Worker processes are forked: whatever the parent holds when the pool starts, they inherit for
free (and share, page for page, until they write to it). So before the pool starts, the parent
imports the check kinds of the rules in force, reads the language data, builds the country-alias
and concept tables and compiles the pattern lists of ``rules/lang`` for the candidate languages;
each worker then starts checking at once instead of repeating that work.

Nothing here changes a result: it only fills caches the checks would fill on first use. A
failure (a bad pattern in a user's rule folder, say) is left for the worker to report as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from checker import langdata
from checker.rules import Rule


def warm_up(
    rules: Iterable[Rule], languages: Iterable[str] = (), cache_dir: str | Path | None = None
) -> None:
    """Fill the per-process caches for ``rules`` and the ``languages`` articles may be in.

    Skipped when the result cache in ``cache_dir`` already holds entries: an unchanged re-run
    reads results and would not use what a warm-up loads (0.2 s of patterns and tables).
    """
    from checker.cache import has_entries
    from checker.checks import kind_module
    from checker.text import aliases, langid, lexicon, patterns

    if cache_dir is not None and has_entries(cache_dir):
        return

    rules = list(rules)
    candidates = tuple(sorted(set(languages)))
    langs = sorted(set(candidates) | set(langdata.available()))
    try:
        for kind in sorted({rule.check for rule in rules}):
            kind_module(kind)
        for lang in langs:
            langdata.load(lang)
            langdata.word_set(lang, "function_words")
            aliases.find_aliases("", (lang,))
            lexicon.concept_table(lang)
            lexicon.lexicon_table(lang)
        if "en" in langs:
            lexicon.concepts("", "en")  # the table of concepts every language knows
        aliases.language_names("en")
        if candidates:
            langid.function_word_counts("", candidates)
            langid.probabilities("", candidates)  # loads langdetect's profiles
        if any(rule.check == "metric" for rule in rules):
            from checker.checks import metric

            metric._textstat()
    except (ImportError, OSError, ValueError):
        return  # the worker meets the same problem and reports it where it belongs
    for lang in langs:
        patterns.warm_up(lang)
