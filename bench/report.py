"""The targets the benchmark reports against, and bench/RESULTS.md.

Targets are reported, never asserted: a miss prints "gap" with the measured figure.
"""

import datetime
from dataclasses import dataclass

MAX_QUERIES = 15
MAX_RENDER_P50_MS = 40
MIN_CEILING_RATIO = 0.5
MAX_SEARCH_P95_MS = 150
MAX_BUILD_SECONDS = 180
MAX_REGENERATION_SECONDS = 60

PAGE_LABELS = {
    "home": "Home",
    "whats_on_day": "What's on, a day",
    "whats_on_day_filtered": "What's on, a day, filtered",
    "whats_on_week": "What's on, a week",
    "whats_on_week_filtered": "What's on, a week, filtered",
    "film": "Film (≥ 50 upcoming shows)",
    "season": "Season (100 films)",
    "venue": "Venue",
    "article": "Article (5 screening blocks)",
    "search": "Search",
    "season_ical": "Season iCal feed",
    "api_films": "API: film listing",
}


@dataclass
class Target:
    name: str
    goal: str
    met: bool
    measured: str

    @property
    def verdict(self) -> str:
        return "met" if self.met else f"gap: {self.measured}"


def ceiling_ratio(page: dict) -> float | None:
    warm, static = page.get("warm"), page.get("static")
    if not warm or not static or not static["requests"]:
        return None
    return warm["rps"] / static["rps"]


def targets(results: dict) -> list[Target]:
    pages = {name: page for name, page in results["pages"].items() if page.get("status") == 200}
    found: list[Target] = []

    over = {name: page["queries"] for name, page in pages.items() if page["queries"] > MAX_QUERIES}
    most = max((page["queries"] for page in pages.values()), default=0)
    found.append(
        Target(
            "Queries per page",
            f"≤ {MAX_QUERIES} for every public page type",
            not over,
            _listing(over, "{} queries") if over else f"at most {most}",
        )
    )

    slow = {
        name: page["render_p50_ms"]
        for name, page in pages.items()
        if page["render_p50_ms"] > MAX_RENDER_P50_MS
    }
    slowest = max((page["render_p50_ms"] for page in pages.values()), default=0)
    found.append(
        Target(
            "Uncached render p50",
            f"≤ {MAX_RENDER_P50_MS} ms for every page type (in process, page cache off)",
            not slow,
            _listing(slow, "{:.0f} ms") if slow else f"slowest {slowest:.0f} ms",
        )
    )

    ratios = {name: ceiling_ratio(page) for name, page in pages.items()}
    ratios = {name: ratio for name, ratio in ratios.items() if ratio is not None}
    low = {name: ratio for name, ratio in ratios.items() if ratio < MIN_CEILING_RATIO}
    lowest = min(ratios.values(), default=0)
    found.append(
        Target(
            "Warm throughput",
            f"≥ {MIN_CEILING_RATIO:.0%} of the whitenoise static ceiling",
            bool(ratios) and not low,
            _listing(low, "{:.0%}") if low else f"lowest {lowest:.0%}",
        )
    )

    search = results.get("search")
    if search:
        found.append(
            Target(
                "Search p95",
                f"≤ {MAX_SEARCH_P95_MS} ms (in process, SQLite)",
                search["p95_ms"] <= MAX_SEARCH_P95_MS,
                f"{search['p95_ms']:.0f} ms",
            )
        )

    build = results.get("build")
    if build:
        found.append(
            Target(
                "Build",
                f"≤ {MAX_BUILD_SECONDS // 60} minutes at this scale (migrate included)",
                build["seconds"] <= MAX_BUILD_SECONDS,
                f"{build['seconds']:.0f} s",
            )
        )

    regeneration = results.get("regeneration")
    if regeneration:
        found.append(
            Target(
                "Regenerating all recurring screenings' shows",
                f"≤ {MAX_REGENERATION_SECONDS} s (from empty)",
                regeneration["from_empty_seconds"] <= MAX_REGENERATION_SECONDS,
                f"{regeneration['from_empty_seconds']:.1f} s",
            )
        )
    return found


def _listing(values: dict, template: str) -> str:
    return ", ".join(
        f"{PAGE_LABELS.get(name, name)} {template.format(value)}" for name, value in values.items()
    )


def _latencies(result: dict | None) -> str:
    if not result:
        return "–"
    if not result["requests"]:
        return f"no response in {result['seconds']:.0f} s"
    return f"{result['p50_ms']:.1f} / {result['p95_ms']:.1f} / {result['p99_ms']:.1f}"


def _rps(result: dict | None) -> str:
    if not result or not result["requests"]:
        return "–"
    errors = sum(result["errors"].values())
    return f"{result['rps']:.0f}" + (f" ({errors} errors)" if errors else "")


def markdown(results: dict) -> str:
    meta = results["meta"]
    recycling = (
        f"workers recycled every {meta['max_requests']} requests"
        if meta.get("max_requests")
        else "no worker recycling while measuring (`--max-requests 0`)"
    )
    lines = [
        "# Benchmark results",
        "",
        "Written by `bin/bench`; bench/README.md says what is measured and how.",
        "",
        f"- Date: {meta['date']}",
        f"- Commit: `{meta['commit']}`",
        f"- CPUs: {meta['cpu_count']}",
        f"- Scale: {meta['scale']} — "
        + ", ".join(f"{value:,} {name}" for name, value in meta["counts"].items()),
        f"- Load: wrk, {meta['connections']} connections, {meta['threads']} threads, "
        f"{meta['duration']} s per measurement after a {meta.get('warm_up', 1)} s warm-up; "
        f"gunicorn `site_config/gunicorn.py` with {meta['workers']} sync workers, {recycling}; "
        "SQLite",
    ]
    if meta.get("note"):
        lines.append(f"- Note: {meta['note']}")
    lines += [
        "",
        "## Targets",
        "",
        "| Target | Goal | Result |",
        "| --- | --- | --- |",
    ]
    for target in targets(results):
        lines.append(f"| {target.name} | {target.goal} | {target.verdict} |")

    lines += [
        "",
        "## Pages",
        "",
        "Queries and render p50: in process, page cache off, one request at a time. "
        "Cold: gunicorn with the page cache off. Warm: page cache on, each URL primed "
        "(Cache: the `X-Programme-Cache` header after priming). Static: a file of the "
        "page's size served by whitenoise from the warm gunicorn; ratio = warm req/s ÷ "
        "static req/s. Latencies in ms, p50 / p95 / p99.",
        "",
        "| Page | Bytes | Queries | Render p50 | Cold latency | Cold req/s | Warm latency "
        "| Warm req/s | Cache | Static req/s | Ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, page in results["pages"].items():
        label = f"{PAGE_LABELS.get(name, name)} `{page['path']}`"
        status = page.get("http_status", page.get("status"))
        if status != 200:
            why = "not available (404)" if status == 404 else f"HTTP {status}"
            lines.append(f"| {label} | {why} |" + " |" * 9)
            continue
        cold, warm, static = page.get("cold"), page.get("warm"), page.get("static")
        ratio = ceiling_ratio(page)
        lines.append(
            f"| {label} | {page['bytes']:,} | {page['queries']} | {page['render_p50_ms']:.1f} "
            f"| {_latencies(cold)} | {_rps(cold)} | {_latencies(warm)} | {_rps(warm)} "
            f"| {page.get('cache', '–')} | {_rps(static)} "
            f"| {f'{ratio:.0%}' if ratio is not None else '–'} |"
        )

    lines += ["", "## Other figures", ""]
    memory = results.get("memory", {})
    for phase in ("cold", "warm"):
        if phase in memory:
            figures = memory[phase]
            lines.append(
                f"- Peak worker memory ({phase} server): {figures['peak_worker_mib']:.0f} MiB RSS "
                f"in one worker, {figures['peak_total_mib']:.0f} MiB all workers together "
                f"({figures['worker_processes_seen']} worker processes seen)"
            )
    regeneration = results.get("regeneration")
    if regeneration:
        lines.append(
            f"- Regenerating the shows of all {regeneration['screenings']:,} recurring screenings: "
            f"{regeneration['unchanged_seconds']:.1f} s as they stand "
            f"({regeneration['unchanged_changes']} changes), "
            f"{regeneration['from_empty_seconds']:.1f} s from empty "
            f"({regeneration['deleted']:,} shows deleted in "
            f"{regeneration.get('delete_seconds', 0):.1f} s, {regeneration['created']:,} stored)"
        )
    search = results.get("search")
    if search:
        lines.append(
            f"- Search (in process, {search['queries']} queries × 5): "
            f"p50 {search['p50_ms']:.0f} ms, p95 {search['p95_ms']:.0f} ms, "
            f"max {search['max_ms']:.0f} ms"
        )
    build = results.get("build")
    if build:
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in build["phases"].items())
        lines.append(f"- Build: {build['seconds']:.0f} s in all ({phases})")
    lines.append("")
    return "\n".join(lines)


def today() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
