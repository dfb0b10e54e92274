"""Build the cross-language concept lexicon (rules/lang/lexicon/<lang>.tsv) from UD PUD.

UD PUD has 1,000 sentences translated into English, German, French, Spanish and Italian
(CC BY-SA 3.0). Word stems that co-occur across aligned sentences far more often than chance
(Dice coefficient) are paired with an English stem, which serves as a language-neutral concept.
translated-duplicate and the translation-pair rules use the concepts to see that two blocks in
different languages say the same thing. Run:

    python tools/build_lexicon.py [--pud ../shared/corpus/pud/pud_1000_sentences_en_de_fr_es_it.tsv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import langdata  # noqa: E402
from checker.text.lexicon import stem  # noqa: E402
from checker.text.tokens import words  # noqa: E402

LANGS = ("de", "fr", "es", "it")


def stems(text: str, lang: str) -> set[str]:
    fw = langdata.word_set(lang, "function_words")
    return {stem(w) for w in words(text) if len(w) >= 3 and w not in fw}


def build(rows: list[dict[str, str]], lang: str, min_count: int, min_dice: float) -> dict:
    pair: Counter = Counter()
    x_count: Counter = Counter()
    e_count: Counter = Counter()
    for row in rows:
        xs, es = stems(row[lang], lang), stems(row["en"], "en")
        x_count.update(xs)
        e_count.update(es)
        for x in xs:
            for e in es:
                pair[x, e] += 1
    best: dict[str, tuple[float, str, int]] = {}
    for (x, e), c in pair.items():
        if c < min_count:
            continue
        dice = 2 * c / (x_count[x] + e_count[e])
        if dice >= min_dice and dice > best.get(x, (0.0, "", 0))[0]:
            best[x] = (dice, e, c)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared/corpus/pud/pud_1000_sentences_en_de_fr_es_it.tsv"
    parser.add_argument("--pud", type=Path, default=default)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-dice", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=ROOT / "rules/lang/lexicon")
    args = parser.parse_args()
    with args.pud.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        best = build(rows, lang, args.min_count, args.min_dice)
        path = args.out / f"{lang}.tsv"
        with path.open("w", encoding="utf-8") as fh:
            fh.write(
                f"# {lang} stem -> English stem. Derived from UD PUD (CC BY-SA 3.0) by "
                "tools/build_lexicon.py\n"
            )
            for x in sorted(best):
                fh.write(f"{x}\t{best[x][1]}\n")
        print(f"{lang}: {len(best)} stems -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
