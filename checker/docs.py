"""Rule documentation generated from the rule files: for ``copydesk explain`` and the README."""

from __future__ import annotations

from checker.rules import Rule


def explain_rule(rule: Rule) -> str:
    """A plain-text page about one rule."""
    lines = [f"{rule.id} ({rule.severity}, check kind: {rule.check})", "", rule.summary]
    if rule.rationale:
        lines += ["", "Why: " + rule.rationale]
    if rule.languages:
        lines += ["", "Languages: " + ", ".join(rule.languages)]
    if rule.options:
        lines += ["", "Options (set in [tool.copydesk.rules." + rule.id + "]):"]
        for key, value in rule.options.items():
            lines.append(f"  {key} = {value!r}")
    for ex in rule.examples:
        if ex.bad:
            lines += ["", f"Bad ({ex.lang}):"] + ["  " + ln for ln in ex.bad.strip().splitlines()]
        if ex.good:
            lines += ["", f"Good ({ex.lang}):"] + ["  " + ln for ln in ex.good.strip().splitlines()]
    return "\n".join(lines)


def rules_markdown(rules: list[Rule]) -> str:
    """A Markdown table of rules for the README (generated, never written by hand)."""
    out = ["| rule | default | what it flags |", "|---|---|---|"]
    for rule in rules:
        if rule.check == "builtin":
            continue
        out.append(f"| `{rule.id}` | {rule.severity} | {rule.summary} |")
    return "\n".join(out)


def rules_reference(rules: list[Rule]) -> str:
    """docs/rules.md: every rule with its rationale, options and examples."""
    out = [
        "# copydesk rules",
        "",
        "Generated from `rules/*.yml` by `python tools/gen_docs.py`; do not edit by hand.",
        "Each rule's bad and good examples are also tests.",
    ]
    for rule in rules:
        out += [
            "",
            f"## {rule.id}",
            "",
            f"*{rule.severity}* · check kind `{rule.check}`",
            "",
            rule.summary,
        ]
        if rule.rationale:
            out += ["", rule.rationale]
        if rule.options:
            out += ["", "Options (`[tool.copydesk.rules." + rule.id + "]`):", ""]
            out += [f"- `{key}` = `{value!r}`" for key, value in rule.options.items()]
        for ex in rule.examples:
            for kind in ("bad", "good"):
                text = getattr(ex, kind)
                if text:
                    out += [
                        "",
                        f"{kind.capitalize()} ({ex.lang}, {ex.format}):",
                        "",
                        "```text",
                        text.rstrip("\n"),
                        "```",
                    ]
    return "\n".join(out) + "\n"
