"""CI formats read the way their consumers read them: SARIF against the OASIS schema, GitHub
workflow commands with the runner's escaping, GitLab Code Quality JSON, JUnit XML through an XML
parser; on the seed and on samples/. Also: stdin takes its format and config from its name."""

from __future__ import annotations

import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, SEED

from checker.engine import Report
from checker.finding import Finding, Severity
from checker.reporters import render

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
SEED_TEXT = SEED.read_text(encoding="utf-8")
CORE = ("--select", "boilerplate,duplicate-block,mixed-language")
TARGETS = {"seed": str(SEED), "samples": str(SAMPLES)}
FORMATS = ("sarif", "github", "gitlab", "junit")
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _format_checker() -> jsonschema.FormatChecker:
    """RFC 3986 checks for the schema's ``uri`` / ``uri-reference`` formats (no extra package)."""
    fc = jsonschema.FormatChecker()

    @fc.checks("uri")
    def _uri(value: object) -> bool:
        return not isinstance(value, str) or (
            bool(_URI_CHARS.match(value)) and bool(urlsplit(value).scheme)
        )

    @fc.checks("uri-reference")
    def _uri_ref(value: object) -> bool:
        return not isinstance(value, str) or bool(_URI_CHARS.match(value))

    return fc


VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=_format_checker())


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    """The seed and samples/ checked once; every format renders these same reports."""
    from checker import check_paths

    return {name: check_paths([target]) for name, target in TARGETS.items()}


@pytest.fixture
def both(reports, monkeypatch):
    """The findings (as in the JSON report) and the ``fmt`` report of seed or samples."""

    def _both(which: str, fmt: str) -> tuple[list[dict], str]:
        monkeypatch.chdir(ROOT)  # repository-relative paths are computed from here
        report = reports[which]
        return [f.to_dict() for f in report.findings], render(fmt, report)

    return _both


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_each_format(run, reports, fmt, tmp_path) -> None:
    result = run("check", str(SEED), "--format", fmt, cwd=ROOT)
    assert result.code == 1 and not result.err
    assert result.out == render(fmt, reports["seed"])
    out = tmp_path / f"report.{fmt}"
    assert run("check", str(SEED), "--format", fmt, "--output", str(out), cwd=ROOT).code == 1
    assert out.read_text(encoding="utf-8") == result.out


def cli_both(run, fmt: str, *args: str, cwd: Path):
    """The JSON report and the ``fmt`` report of the same command line."""
    ref = run("check", *args, "--format", "json", cwd=cwd)
    out = run("check", *args, "--format", fmt, cwd=cwd)
    assert out.code == ref.code and not out.err
    return ref.json["findings"], out.out


# -- SARIF -----------------------------------------------------------------------------------
@pytest.mark.parametrize("which", TARGETS)
def test_sarif_is_valid_and_matches_the_findings(both, which) -> None:
    findings, text = both(which, "sarif")
    log = json.loads(text)
    VALIDATOR.validate(log)
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    base = sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert len(results) == len(findings) > 0
    for result, finding in zip(results, findings, strict=True):
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] == finding["rule"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        level = {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert result["level"] == level and result["message"]["text"] == finding["message"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and (ROOT / unquote(uri)).samefile(finding["path"])
        region = loc["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert (region["endLine"], region["endColumn"]) == (
            finding["end_line"],
            finding["end_column"],
        )
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(hashes)) == len(hashes)


def test_sarif_related_locations_and_help_uri(run, monkeypatch) -> None:
    docs = "https://example.org/copydesk/blob/v1/docs/rules.md"
    monkeypatch.setenv("COPYDESK_DOCS_URL", docs)
    log = json.loads(run("check", str(SEED), "--format", "sarif", cwd=ROOT).out)
    VALIDATOR.validate(log)
    (sarif_run,) = log["runs"]
    anchors = set(re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text(), re.M))
    for rule in sarif_run["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == f"{docs}#{rule['id']}"
        assert rule["id"] in anchors  # the link lands on the rule's section
    repeated = [r for r in sarif_run["results"] if r["ruleId"] == "duplicate-block"]
    assert repeated and all(r["relatedLocations"] for r in repeated)
    first = repeated[-1]["relatedLocations"][0]["physicalLocation"]["region"]
    assert first["startLine"] == 1  # the repeated title points back at line 1


def test_sarif_fingerprints_do_not_depend_on_line_numbers(run, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    before = json.loads(run("check", "a.txt", "--format", "sarif", *CORE, cwd=tmp_path).out)
    lines = SEED_TEXT.split("\n")
    lines.insert(2, "\n\n")  # three blank lines inside the article
    (tmp_path / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    after = json.loads(run("check", "a.txt", "--format", "sarif", *CORE, cwd=tmp_path).out)

    def prints(log):
        return [
            (r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"])
            for r in log["runs"][0]["results"]
        ]

    lines_before = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in before["runs"][0]["results"]
    ]
    lines_after = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in after["runs"][0]["results"]
    ]
    assert lines_before != lines_after
    assert prints(before) == prints(after)


def test_sarif_uris_are_encoded_and_columns_count_code_points(run, tmp_path) -> None:
    folder = tmp_path / "été 2024"
    folder.mkdir()
    # Astral characters (2 UTF-16 units, 1 code point each) before an English sentence.
    text = (
        "Neue Brücke über die Elbe eröffnet\n\nDie Stadt 🎉🎉 hat am Montag die neue Brücke für "
        "den Verkehr freigegeben. The bridge cost far more than the city had planned for it. "
        "Der Bürgermeister sprach von einem guten Tag.\n"
    )
    (folder / "a#1.txt").write_text(text, encoding="utf-8")
    _findings, out = cli_both(run, "sarif", ".", "--lang", "de", *CORE, cwd=tmp_path)
    log = json.loads(out)
    VALIDATOR.validate(log)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "%C3%A9t%C3%A9%202024/a%231.txt"
    assert (tmp_path / unquote(location["artifactLocation"]["uri"])).is_file()
    region = location["region"]
    line = text.split("\n")[region["startLine"] - 1]
    assert region["startColumn"] == 73  # 75 in UTF-16 code units
    assert line[region["startColumn"] - 1 :].startswith(region["snippet"]["text"])
    assert region["snippet"]["text"].startswith("The bridge cost")


# -- GitHub annotations ----------------------------------------------------------------------
# How the Actions runner reads a workflow command: ``::name key=value,key=value::data``.
GITHUB_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str, prop: bool = False) -> str:
    if prop:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse_github(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        m = GITHUB_COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = {}
        for item in (m.group(2) or "").split(","):
            key, _, value = item.partition("=")
            props[key] = unescape(value, prop=True)
        out.append((m.group(1), props, unescape(m.group(3))))
    return out


@pytest.mark.parametrize("which", TARGETS)
def test_github_annotations(both, which) -> None:
    findings, text = both(which, "github")
    commands = parse_github(text)
    assert len(commands) == len(findings) > 0
    for (name, props, message), f in zip(commands, findings, strict=True):
        assert name == {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert (ROOT / props["file"]).samefile(f["path"])
        assert int(props["line"]) == f["line"] and int(props["col"]) == f["column"]
        assert int(props["endLine"]) == f["end_line"]
        assert int(props["endColumn"]) == f["end_column"]
        assert f["rule"] in props["title"]
        assert message.endswith(f["message"])


def test_github_escapes_data_and_properties(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    finding = Finding(
        "news, draft: 100%.md",
        "boilerplate",
        Severity.INFO,
        3,
        1,
        3,
        9,
        "50% done\r\nsecond line, with: colon",
        "x",
    )
    text = render("github", Report(findings=[finding], files=1))
    assert text.count("\n") == 1 and "\r" not in text
    ((name, props, message),) = parse_github(text)
    assert name == "notice"
    assert props["file"] == "news, draft: 100%.md"
    assert message.endswith("50% done\r\nsecond line, with: colon")
    assert "file=news%2C draft%3A 100%25.md," in text


# -- GitLab Code Quality ---------------------------------------------------------------------
@pytest.mark.parametrize("which", TARGETS)
def test_gitlab_code_quality(both, which) -> None:
    findings, text = both(which, "gitlab")
    issues = json.loads(text)
    assert isinstance(issues, list) and len(issues) == len(findings) > 0
    for issue, f in zip(issues, findings, strict=True):
        assert isinstance(issue["description"], str) and f["message"] in issue["description"]
        assert issue["check_name"] == f["rule"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        path = issue["location"]["path"]
        assert not path.startswith("/") and (ROOT / path).samefile(f["path"])
        assert issue["location"]["lines"]["begin"] == f["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_rule = {i["check_name"]: i["severity"] for i in issues}
    assert by_rule.get("mixed-language", "major") == "major"
    assert by_rule.get("boilerplate", "minor") == "minor"


def test_gitlab_fingerprints_survive_line_shifts_but_tell_copies_apart(run, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    before = json.loads(run("check", "a.txt", "--format", "gitlab", *CORE, cwd=tmp_path).out)
    lines = SEED_TEXT.split("\n")
    title = lines[0]
    shifted = [lines[0], "", "", *lines[1:], "", title]  # lines move, one more title copy
    (tmp_path / "a.txt").write_text("\n".join(shifted), encoding="utf-8")
    after = json.loads(run("check", "a.txt", "--format", "gitlab", *CORE, cwd=tmp_path).out)
    old = {i["fingerprint"] for i in before}
    new = [i for i in after if i["fingerprint"] not in old]
    assert old <= {i["fingerprint"] for i in after}
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in new] == [
        ("duplicate-block", len(shifted))
    ]


# -- JUnit -----------------------------------------------------------------------------------
@pytest.mark.parametrize("which", TARGETS)
def test_junit_one_suite_per_file(both, which) -> None:
    findings, text = both(which, "junit")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    articles = [p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"}]
    assert len(suites) == {"seed": 1, "samples": len(articles)}[which]
    per_file: dict[str, int] = {}
    for f in findings:
        per_file[f["path"]] = per_file.get(f["path"], 0) + 1
    for suite in suites:
        cases = suite.findall("testcase")
        failures = [c for c in cases if c.find("failure") is not None]
        assert len(failures) == per_file.get(suite.get("name"), 0)
        assert int(suite.get("failures")) == len(failures)
        assert int(suite.get("tests")) == len(cases) >= 1
        if not failures:
            assert len(cases) == 1  # a clean file shows up as one passing test
    assert int(root.get("failures")) == len(findings)


def test_junit_escapes_markup_quotes_and_control_characters(run, tmp_path) -> None:
    title = 'Le <script>alert("x")</script> & co\x1b : « titre » répété ici'
    text = f"{title}\n\nLe conseil municipal a voté mardi le budget de la ville.\n\n{title}\n"
    (tmp_path / "a&b <1>.txt").write_text(text, encoding="utf-8")
    out = run("check", ".", "--format", "junit", *CORE, cwd=tmp_path)
    assert out.code == 1
    root = ET.fromstring(out.out.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "a&b <1>.txt"
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "duplicate-block"
    assert '<script>alert("x")</script> & co\ufffd' in failure.text


# -- stdin: the name given picks the reader, the configuration and the report path -----------
def run_stdin(run, monkeypatch, data: str, *args: str, cwd: Path):
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    return run("check", "-", *args, cwd=cwd)


def test_stdin_filename_picks_the_reader(run, monkeypatch, tmp_path) -> None:
    article = (
        "# Le conseil vote le budget\n\n"
        "Le conseil municipal a voté mardi le budget de la ville pour l'an prochain.\n\n"
        "```\nVeröffentlicht am\n```\n"
    )
    as_md = run_stdin(
        run, monkeypatch, article, "--stdin-filename", "a.md", "--format", "json", cwd=tmp_path
    )
    as_txt = run_stdin(
        run, monkeypatch, article, "--stdin-filename", "a.txt", "--format", "json", cwd=tmp_path
    )
    assert "boilerplate" not in {f["rule"] for f in as_md.json["findings"]}  # code is not text
    assert "boilerplate" in {f["rule"] for f in as_txt.json["findings"]}


def test_stdin_filename_picks_the_configuration_and_report_path(run, monkeypatch, tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "copydesk.toml").write_text(
        'ignore = ["boilerplate"]\n[per-file-ignores]\n"fr/**" = ["duplicate-block"]\n',
        encoding="utf-8",
    )
    name = "content/fr/a.txt"  # does not exist: only its name counts
    inside = run_stdin(
        run, monkeypatch, SEED_TEXT, "--stdin-filename", name, "--format", "sarif", cwd=tmp_path
    )
    log = json.loads(inside.out)
    VALIDATOR.validate(log)
    results = log["runs"][0]["results"]
    rules = {r["ruleId"] for r in results}
    assert "mixed-language" in rules and not rules & {"boilerplate", "duplicate-block"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        name
    }
    outside = run_stdin(
        run,
        monkeypatch,
        SEED_TEXT,
        "--stdin-filename",
        "other/a.txt",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert {"boilerplate", "duplicate-block"} <= {f["rule"] for f in outside.json["findings"]}
