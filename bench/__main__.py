"""``python -m bench``: build the synthetic programme, measure it, write bench/RESULTS.md.

Run it through ``bin/bench``, which also installs the project and wrk.
"""

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .environment import DEFAULT_DATA_DIR, ROOT, BenchPaths, django_environment

PAGES = (
    "home",
    "whats_on_day",
    "whats_on_day_filtered",
    "whats_on_week",
    "whats_on_week_filtered",
    "film",
    "season",
    "venue",
    "article",
    "search",
    "season_ical",
    "api_films",
)
MAX_SCALE = 20


def _positive_number(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be greater than zero")
        return value

    return parse


def _page_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in PAGES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown page {', '.join(unknown) or '(none given)'}; choose from {', '.join(PAGES)}"
        )
    return names


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bin/bench",
        description=(
            "Build a synthetic programme into its own database and measure every public page "
            "type on gunicorn + whitenoise with wrk; writes bench/RESULTS.md."
        ),
    )
    parser.add_argument(
        "--scale",
        type=_positive_number(float),
        default=1.0,
        help="1.0 = 2,000 films, 20,000 screenings, ~150,000 shows (default: %(default)s)",
    )
    parser.add_argument(
        "--duration",
        type=_positive_number(int),
        default=10,
        help="seconds of load per measurement (default: %(default)s)",
    )
    parser.add_argument(
        "--connections",
        type=_positive_number(int),
        default=8,
        help="concurrent wrk connections (default: %(default)s)",
    )
    parser.add_argument(
        "--threads",
        type=_positive_number(int),
        default=None,
        help="wrk threads (default: 2, or 1 with a single connection)",
    )
    parser.add_argument(
        "--workers",
        type=_positive_number(int),
        default=None,
        help="gunicorn workers (default: site_config/gunicorn.py's, 2 × CPUs + 1)",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=0,
        help=(
            "gunicorn max_requests while measuring (default: 0, no worker recycling; "
            "site_config/gunicorn.py's 2000 restarts workers mid-measurement at bench rates)"
        ),
    )
    parser.add_argument(
        "--samples",
        type=_positive_number(int),
        default=10,
        help="in-process renders per page for the render p50 (default: %(default)s)",
    )
    parser.add_argument(
        "--pages",
        type=_page_list,
        default=list(PAGES),
        help=f"comma-separated subset of: {', '.join(PAGES)}",
    )
    parser.add_argument(
        "--skip-build", action="store_true", help="measure the programme built last time"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build the programme, measure nothing"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed of the build (default: fixed)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "bench" / "RESULTS.md",
        help="where to write the results (default: bench/RESULTS.md)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the bench's database, media, static files and cache (default: bench/.data)",
    )
    parser.add_argument(
        "--note", default="", help="a remark printed with the results, e.g. about the machine"
    )
    args = parser.parse_args(argv)
    if args.max_requests < 0:
        parser.error("--max-requests cannot be negative (0 means no worker recycling)")
    if args.scale > MAX_SCALE:
        parser.error(f"--scale {args.scale} is above the supported maximum of {MAX_SCALE}")
    if args.skip_build and args.build_only:
        parser.error("--skip-build and --build-only together would do nothing")
    paths = BenchPaths(args.data_dir.resolve())
    if args.skip_build and not paths.manifest.exists():
        parser.error(
            f"--skip-build: no finished build in {paths.data_dir}; run once without --skip-build"
        )
    if not args.build_only and shutil.which("wrk") is None:
        parser.error("wrk is not installed: run bin/bench (it installs wrk) or apt-get install wrk")
    args.paths = paths
    args.threads = args.threads or min(2, args.connections)
    if args.threads > args.connections:
        parser.error("--threads cannot exceed --connections (each wrk thread needs one)")
    return args


def setup_django(paths: BenchPaths, workers: int | None) -> None:
    """Point this process's Django at the bench's database, page cache off."""
    os.environ.update(django_environment(paths, page_cache=False))
    if workers:
        os.environ["GUNICORN_WORKERS"] = str(workers)
    import django

    django.setup()


def build(args: argparse.Namespace) -> dict:
    from django.core.management import call_command

    from .build import DEFAULT_SEED, ProgrammeBuilder, Sizes

    paths = args.paths
    print(f"==> Building scale {args.scale} into {paths.database}", flush=True)
    started = time.perf_counter()
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.remove_build()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    print(f"  migrate: {migrated:.1f} s", flush=True)
    builder = ProgrammeBuilder(
        Sizes.for_scale(args.scale), seed=args.seed if args.seed is not None else DEFAULT_SEED
    )
    manifest = builder.build()
    manifest["scale"] = args.scale
    manifest["build"] = {
        "seconds": round(time.perf_counter() - started, 1),
        "phases": {"migrate": round(migrated, 1), **builder.timings},
    }
    paths.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    print(f"==> Built in {manifest['build']['seconds']:.0f} s: {manifest['counts']}", flush=True)
    return manifest


def database_counts() -> dict[str, int]:
    from programme import models as m

    return {
        "films": m.FilmPage.objects.count(),
        "people": m.Person.objects.count(),
        "venues": m.VenuePage.objects.count(),
        "screens": m.Screen.objects.count(),
        "seasons": m.SeasonPage.objects.count(),
        "screenings": m.Screening.objects.count(),
        "recurring": m.Screening.objects.filter(recurrence__isnull=False).count(),
        "shows": m.Occurrence.objects.count(),
        "articles": m.ArticlePage.objects.count(),
    }


def commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args.paths, args.workers)
    if args.skip_build:
        manifest = json.loads(args.paths.manifest.read_text())
        if manifest.get("scale") != args.scale:
            print(f"Note: reusing the build of scale {manifest.get('scale')}, not {args.scale}.")
    else:
        manifest = build(args)
    if args.build_only:
        return 0

    from .report import markdown, today
    from .run import WARM_UP_SECONDS, LoadOptions, run

    options = LoadOptions(
        duration=args.duration,
        connections=args.connections,
        threads=args.threads,
        samples=args.samples,
        max_requests=args.max_requests,
    )
    results = run(args.paths, manifest, options, args.pages)
    results["build"] = manifest["build"]
    results["meta"] = {
        "date": today(),
        "commit": commit(),
        "cpu_count": os.cpu_count(),
        "scale": manifest.get("scale"),
        "counts": database_counts(),
        "duration": args.duration,
        "connections": args.connections,
        "threads": args.threads,
        "workers": importlib.import_module("site_config.gunicorn").workers,
        "max_requests": args.max_requests,
        "warm_up": WARM_UP_SECONDS,
        "note": args.note,
    }
    (args.paths.data_dir / "results.json").write_text(json.dumps(results, indent=2))
    args.output.write_text(markdown(results))
    print(f"\n==> Results written to {args.output}")
    print(markdown(results).split("## Pages")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
