"""Benchmark copydesk on a generated corpus, and proselint on the same files in the same run.

Builds N articles from samples/ and NTREX-128 (five languages, three formats, paragraphs
reshuffled for variants beyond the first 615), then measures, as the median of several runs:
files/s, MB/s and peak memory (RSS) of a cold `copydesk check`, an unchanged re-run with the
cache, and the wall time of one article in a fresh process. No timed assertions live in the
tests; numbers live here.

    python benchmarks/bench.py --articles 1000 --runs 5
    python benchmarks/bench.py --articles 10000 --runs 1 --no-proselint

NTREX-128 (Federmann et al., 2022) is CC BY-SA 4.0; the generated corpus is never committed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("fr", "de", "en", "es", "it")
FORMATS = ("txt", "md", "html")


def default_corpus() -> Path:
    env = os.environ.get("COPYDESK_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out, i = [], 1
    while i < len(sentences):
        n = rng.randint(2, 4)
        out.append(" ".join(sentences[i : i + n]))
        i += n
    return out


def render(fmt: str, lang: str, title: str, paras: list[str]) -> str:
    if fmt == "txt":
        return "\n\n".join([title, "3 May 2019", *paras]) + "\n"
    if fmt == "md":
        body = "\n\n".join(paras)
        front = f"---\ntitle: {json.dumps(title)}\nlang: {lang}\ndate: 2019-05-03\n---\n"
        return f"{front}# {title}\n\n{body}\n"
    ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<title>{html.escape(title)}</title><meta name="date" content="2019-05-03">'
        f'</head>\n<body><nav><a href="/">Home</a></nav><article>\n'
        f"<h1>{html.escape(title)}</h1>\n{ps}\n</article></body></html>\n"
    )


def build_corpus(out: Path, n: int, corpus: Path, seed: int = 1) -> int:
    """Write ``n`` articles into ``out``; returns the total size in bytes."""
    docs = [
        json.loads(line)
        for line in (corpus / "ntrex128" / "docs_en_de_fr_es_it.jsonl")
        .read_text("utf-8")
        .splitlines()
    ]
    samples = sorted(
        p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html")
    )
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for sample in samples[: max(0, min(len(samples), n // 50))]:
        shutil.copy(sample, out / sample.name)
        total += sample.stat().st_size
    written = len(list(out.iterdir()))
    i = 0
    while written < n:
        doc = docs[i % len(docs)]
        lang = LANGS[(i // len(docs)) % len(LANGS)]
        variant = i // (len(docs) * len(LANGS))
        fmt = FORMATS[i % len(FORMATS)]
        rng = random.Random(seed * 1_000_003 + i)
        sents = doc["sentences"][lang]
        paras = paragraphs(sents, rng)
        if variant:
            rng.shuffle(paras)
        sub = out / lang / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:05d}_{doc['doc_id']}.{fmt}"
        text = render(fmt, lang, sents[0], paras)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        written += 1
        i += 1
    return total


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KB, exit code) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def copydesk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", *args]


def supports(flag: str) -> bool:
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return flag in proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to copydesk")
    parser.add_argument("--no-proselint", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    articles = work / "articles"
    if articles.exists():
        shutil.rmtree(articles)
    size = build_corpus(articles, args.articles, args.corpus)
    one = next(p for p in sorted(articles.rglob("*.md")))
    cache_dir = work / "cache"
    extra = ["--format", "json", "--exit-zero"]
    if args.jobs is not None and supports("--jobs"):
        extra += ["--jobs", str(args.jobs)]
    has_cache = supports("--cache-dir")
    env_cmd = os.environ.copy()
    env_cmd["PYTHONPATH"] = str(ROOT)
    os.environ.update(env_cmd)

    results: dict[str, object] = {
        "articles": args.articles,
        "megabytes": round(size / 1e6, 2),
        "runs": args.runs,
        "cpus": os.cpu_count(),
    }
    # Cold runs of copydesk and proselint alternate, so that the machine's drift (a shared
    # virtual machine's speed moves by 10-20 % within minutes) weighs on both alike.
    run_proselint = not args.no_proselint and shutil.which("proselint")
    # One untimed run first: the files are then in the OS cache for both tools, and
    # copydesk's per-user data cache (parsed word lists, not results) is filled as after any
    # first use.
    timed(copydesk_cmd(str(articles), *extra, *(["--no-cache"] if has_cache else [])))
    cold, cold_rss, pl, ratios = [], [], [], []
    for _ in range(args.runs):
        flags = ["--no-cache"] if has_cache else []
        wall, rss, code = timed(copydesk_cmd(str(articles), *extra, *flags))
        if code not in (0, 1):
            print(f"copydesk failed with exit code {code}", file=sys.stderr)
            return 2
        cold.append(wall)
        cold_rss.append(rss)
        if run_proselint:
            pl.append(timed(["proselint", "check", "-o", "json", str(articles)])[0])
            ratios.append(pl[-1] / wall)
    results["cold_s"] = round(statistics.median(cold), 2)
    results["files_per_s"] = round(args.articles / statistics.median(cold), 1)
    results["mb_per_s"] = round(size / 1e6 / statistics.median(cold), 2)
    results["peak_rss_mb"] = round(max(cold_rss) / 1024, 1)
    if has_cache:
        timed(copydesk_cmd(str(articles), *extra, "--cache-dir", str(cache_dir)))
        warm = [
            timed(copydesk_cmd(str(articles), *extra, "--cache-dir", str(cache_dir)))[0]
            for _ in range(args.runs)
        ]
        results["cached_rerun_s"] = round(statistics.median(warm), 2)
        results["cached_vs_cold"] = round(statistics.median(warm) / statistics.median(cold), 3)
    singles = [
        timed(copydesk_cmd(str(one), *(["--no-cache"] if has_cache else [])))[0]
        for _ in range(max(5, args.runs))
    ]
    results["one_article_s"] = round(statistics.median(singles), 3)
    if run_proselint:
        results["proselint_s"] = round(statistics.median(pl), 2)
        results["speedup_vs_proselint"] = round(statistics.median(pl) / statistics.median(cold), 2)
        results["speedup_per_run"] = [round(r, 2) for r in ratios]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            print(f"{key:<{width}}  {value}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
