"""What our build costs beside plain Material: ``mkdocs build`` of the same synthetic pages, twice.

    measure(sizes=(100, 1000))   # {"sizes": {100: {...}, 1000: {...}}, "linearity": ...}
    python -m puente.bench.build_cost --sizes 100,1000,5000

For each size (pages per language, 2 languages), ``synthetic_site.generate`` writes one project
and this module builds it two ways, as paired runs (A B A B ...):

- **ours**: the project's own ``mkdocs.yml`` (hooks, ``overrides/``, extra CSS, every check that
  runs inside ``mkdocs build``, the CSS subset and page rewrite), without what ``make build``
  adds around it or after it: no flyer PDFs (``PUENTE_PDF=0``), no Pagefind index
  (``PUENTE_BENCH_NO_SEARCH=1``, below), and not the link check or the published-URL contract,
  which ``make build`` runs after ``mkdocs build``.
- **plain**: ``plain_config`` next to it: the same ``docs/`` (the same pages, nav and languages),
  ``theme: material`` and the ``i18n`` plugin (mkdocs-static-i18n, suffix structure), nothing else:
  no hooks, no ``custom_dir``, no ``extra_css``, no search plugin. It keeps our Markdown
  extensions (``attr_list``, ``toc``, ...) so both builds turn the same Markdown into the same
  article HTML (without ``attr_list`` a heading would keep ``{#id}`` as text).

Before the pairs, ours is built once, untimed in the ratio (``--no-warm-up`` skips it): that first
build draws every print footer's QR code into the project's ``.cache/qr``, which ``make build``
keeps between builds, so the pairs time the build a maintainer runs every day; the first build's
time is reported beside them.

Every run is a fresh Python process (``_RUNNER``) that starts ``mkdocs build`` as its only child
and reports wall time, the child's CPU time and its peak resident memory, from
``resource.getrusage(RUSAGE_CHILDREN)``. The numbers per size are the median over the runs of
milliseconds per page-language (pages × languages, index pages not counted), and the ratio is the
median of the per-pair ratios. ``linearity`` is ours at the largest size over ours at 1,000 (the
issue's goal: 1,000 → 5,000 pages within 5.5×).

``PUENTE_BENCH_NO_SEARCH=1`` (read by ``features/optimise/bundle.py``) skips Pagefind, so the
index is not timed; it exists for this benchmark only and cannot publish a site without search:
the build honours it only when the site is written inside the system's temporary directory
(where this module builds), and fails with an error anywhere else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from puente.bench import synthetic_site

LANGUAGES = ("es", "en")
PLAIN_CONFIG = "mkdocs-plain.yml"
NO_SEARCH = "PUENTE_BENCH_NO_SEARCH"

# One run, in a fresh interpreter: mkdocs build as the only child, then its rusage.
_RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": done.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "maxrss_kib": usage.ru_maxrss, "stderr": done.stderr[-3000:]}))
"""


def plain_config(project: Path, site_name: str = "Puente Laboral") -> Path:
    """Write ``mkdocs-plain.yml`` beside the synthetic project's ``mkdocs.yml``: the same docs,
    nav and languages under plain Material with mkdocs-static-i18n, nothing else."""
    ours = yaml.safe_load(_without_tags((project / "mkdocs.yml").read_text(encoding="utf-8")))
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [{"locale": lang["locale"], "name": lang["name"], "build": lang.get("build", True),
                  **({"default": True} if lang.get("default") else {})} for lang in i18n["languages"]]
    config = {
        "site_name": site_name,
        "site_url": "https://example.org/",
        "docs_dir": ours.get("docs_dir", "docs"),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": ours["theme"].get("language", "es")},
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": [{"i18n": {"docs_structure": i18n["docs_structure"],
                              "fallback_to_default": i18n.get("fallback_to_default", True),
                              "reconfigure_material": i18n.get("reconfigure_material", True),
                              "languages": languages}}],
        "nav": ours.get("nav", []),
        "not_in_nav": ours.get("not_in_nav", ""),
    }
    path = project / PLAIN_CONFIG
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _without_tags(text: str) -> str:
    """Our mkdocs.yml uses ``!ENV``; only the plain keys are read here."""
    return text.replace("!ENV ", "")


def run(project: Path, config: Path, site: Path, env: dict | None = None) -> dict:
    """One ``mkdocs build`` of ``config`` into ``site``, in a fresh process: wall and CPU seconds,
    peak RSS in MiB."""
    base = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    base.pop("SITE_URL", None)
    command = [sys.executable, "-c", _RUNNER,
               sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    done = subprocess.run(command, cwd=project, env=base, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"the benchmark runner failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["returncode"] != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed:\n{result['stderr']}")
    return {"wall": result["wall"], "cpu": result["cpu"], "peak_mib": result["maxrss_kib"] / 1024}


OURS_ENV = {"PUENTE_PDF": "0", NO_SEARCH: "1"}


def measure_size(pages: int, repeats: int = 2, warm_up: bool = True, say=print, keep: Path | None = None) -> dict:
    """Paired runs (ours, plain) × ``repeats`` of one synthetic size, ``pages`` per language,
    after one build of ours (``warm_up``) that draws the print footers' QR codes into the
    project's ``.cache/qr``, as the first ``make build`` of a clone does; later builds read them.
    ``keep``: copy the last two builds there (``ours/``, ``plain/``) to load their pages."""
    page_languages = pages * len(LANGUAGES)
    first = None
    with tempfile.TemporaryDirectory(prefix="puente-build-cost-") as tmp:
        project = Path(tmp) / "project"
        say(f"  generating {pages} pages × {len(LANGUAGES)} languages ...")
        synthetic_site.generate(project, pages, languages=LANGUAGES)
        plain = plain_config(project)
        if warm_up:
            first = run(project, project / "mkdocs.yml", Path(tmp) / "site-ours", OURS_ENV)
            say(f"  {pages} × {len(LANGUAGES)} first build of ours (QR codes drawn, not counted): "
                f"{first['wall']:.1f} s wall, {first['cpu']:.1f} s CPU, {first['peak_mib']:.0f} MiB peak")
        runs: dict[str, list[dict]] = {"ours": [], "plain": []}
        for round_ in range(1, repeats + 1):
            for name, config, env in (("ours", project / "mkdocs.yml", OURS_ENV), ("plain", plain, {})):
                site = Path(tmp) / f"site-{name}"
                result = run(project, config, site, env)
                runs[name].append(result)
                say(f"  {pages} × {len(LANGUAGES)} run {round_} {name}: {result['wall']:.1f} s wall, "
                    f"{result['cpu']:.1f} s CPU, {result['peak_mib']:.0f} MiB peak")
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            for name in ("ours", "plain"):
                shutil.copytree(Path(tmp) / f"site-{name}", keep / name)
    ms = {name: [1000 * r["wall"] / page_languages for r in rs] for name, rs in runs.items()}
    cpu_ms = {name: [1000 * r["cpu"] / page_languages for r in rs] for name, rs in runs.items()}
    return {
        "page_languages": page_languages,
        "runs": runs,
        "ours_ms": round(statistics.median(ms["ours"]), 2),
        "plain_ms": round(statistics.median(ms["plain"]), 2),
        "ours_cpu_ms": round(statistics.median(cpu_ms["ours"]), 2),
        "plain_cpu_ms": round(statistics.median(cpu_ms["plain"]), 2),
        "ratio": round(statistics.median(a / b for a, b in zip(ms["ours"], ms["plain"], strict=True)), 2),
        "cpu_ratio": round(statistics.median(a / b for a, b in zip(cpu_ms["ours"], cpu_ms["plain"], strict=True)), 2),
        "ours_peak_mib": round(max(r["peak_mib"] for r in runs["ours"]), 1),
        "plain_peak_mib": round(max(r["peak_mib"] for r in runs["plain"]), 1),
        "ours_seconds": round(statistics.median(r["wall"] for r in runs["ours"]), 1),
        "plain_seconds": round(statistics.median(r["wall"] for r in runs["plain"]), 1),
        "first_build": first,
    }


def measure(sizes=(100, 1000), repeats: int = 2, warm_up: bool = True, say=print, keep: Path | None = None) -> dict:
    """Every size, smallest first; ``linearity`` when 1,000 and a larger size were measured.
    ``keep``: where to copy the smallest size's two builds (``measure_size``)."""
    results = {"sizes": {}, "repeats": repeats, "warm_up": warm_up}
    for pages in sorted(sizes):
        results["sizes"][pages] = measure_size(pages, repeats, warm_up, say, keep if pages == min(sizes) else None)
    larger = [n for n in results["sizes"] if n > 1000]
    if 1000 in results["sizes"] and larger:
        big = max(larger)
        ours = {n: results["sizes"][n]["ours_seconds"] for n in (1000, big)}
        results["linearity"] = {"from": 1000, "to": big, "pages_factor": big / 1000,
                                "time_factor": round(ours[big] / ours[1000], 2)}
    return results


def lines(results: dict) -> list[str]:
    """What ``make bench`` prints: per size, ms per page-language (ours, plain), ratio, peaks."""
    out = []
    for pages, r in results["sizes"].items():
        out.append(f"  {pages} pages × {len(LANGUAGES)}: ours {r['ours_ms']:.1f} ms/page-language "
                   f"({r['ours_seconds']} s), plain Material {r['plain_ms']:.1f} ms ({r['plain_seconds']} s), "
                   f"ratio {r['ratio']:.2f}× (CPU {r.get('ours_cpu_ms', 0):.1f} vs {r.get('plain_cpu_ms', 0):.1f} ms, "
                   f"{r['cpu_ratio']:.2f}×; goal ≤ 1.5×); peak "
                   f"{r['ours_peak_mib']:.0f} MiB ours, {r['plain_peak_mib']:.0f} MiB plain")
        if r.get("first_build"):
            out.append(f"    ours, first build (QR codes drawn): {r['first_build']['wall']:.1f} s, "
                       f"{1000 * r['first_build']['wall'] / r['page_languages']:.1f} ms/page-language")
    if "linearity" in results:
        lin = results["linearity"]
        out.append(f"  linearity {lin['from']:,} → {lin['to']:,} pages: {lin['time_factor']}× the time for "
                   f"{lin['pages_factor']:g}× the pages (goal ≤ {1.1 * lin['pages_factor']:g}×)")
    return out


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--sizes: comma-separated page counts, e.g. 100,1000 (not {text!r})") from None
    if not sizes or min(sizes) < 3:
        raise argparse.ArgumentTypeError(f"--sizes: at least 3 pages per language each (not {text!r})")
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m puente.bench.build_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=(100, 1000),
                        help="pages per language, comma-separated (default 100,1000)")
    parser.add_argument("--repeats", type=int, default=2, help="paired runs per size (default 2)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="time our first build too (QR codes drawn in it) instead of building once before")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    results = measure(args.sizes, args.repeats, not args.no_warm_up)
    print("\n".join(lines(results)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
