"""Regenerate the rule documentation from the rule files (never written twice).

Writes the rule table between the ``<!-- rules:start -->`` / ``<!-- rules:end -->`` markers of
README.md and one section per rule in docs/rules.md. ``--check`` exits 1 when they are stale
(the test suite runs it).

    python tools/gen_docs.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.docs import rules_markdown, rules_reference  # noqa: E402
from checker.resources import shipped_rules_dir  # noqa: E402
from checker.rules import load_rules  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def render() -> dict[Path, str]:
    rules = list(load_rules([shipped_rules_dir()]).values())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = f"{START}\n{rules_markdown(rules)}\n{END}"
    readme = re.sub(
        re.escape(START) + r".*?" + re.escape(END), lambda _m: table, readme, flags=re.S
    )
    return {ROOT / "README.md": readme, ROOT / "docs" / "rules.md": rules_reference(rules)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the docs are stale")
    args = parser.parse_args()
    stale = []
    for path, text in render().items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale: " + ", ".join(str(p.relative_to(ROOT)) for p in stale))
        print("run: python tools/gen_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
