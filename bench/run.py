"""Measuring the built programme: in-process figures, then gunicorn under wrk.

In-process (Django's test client, page cache off, the bench database): query
counts and render times per page, regeneration of every recurring screening's
shows, and search latency. Over HTTP: each page under wrk against a gunicorn
with the page cache off (cold), then against one with it on after priming each
URL (warm), and a static file of the page's size served by whitenoise from that
same warm gunicorn (the ceiling). Worker memory is sampled with psutil throughout.
"""

import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

from .environment import ROOT, BenchPaths, server_environment

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
#: How long wrk waits for one response: gunicorn's own worker timeout.
WRK_TIMEOUT = "30s"
#: Set by the page cache (programme.caching) on the responses it handles.
CACHE_HEADER = "X-Programme-Cache"
#: Seconds of unmeasured load before each measurement, so every worker has
#: imported, compiled and connected what the page needs.
WARM_UP_SECONDS = 1


@dataclass
class LoadResult:
    """One wrk measurement."""

    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


@dataclass
class MemoryPeak:
    """The largest resident set any one worker reached, and all workers together."""

    worker_mib: float = 0.0
    total_mib: float = 0.0
    workers_seen: set[int] = field(default_factory=set)


class MemorySampler:
    """Samples the RSS of a gunicorn master's workers in a thread until stopped."""

    def __init__(self, master_pid: int, interval: float = 0.2):
        self.master = psutil.Process(master_pid)
        self.interval = interval
        self.peak = MemoryPeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                workers = self.master.children(recursive=True)
            except psutil.Error:
                return
            for worker in workers:
                try:
                    rss = worker.memory_info().rss / 2**20
                except psutil.Error:
                    continue  # Recycled (max_requests) between listing and reading.
                self.peak.workers_seen.add(worker.pid)
                self.peak.worker_mib = max(self.peak.worker_mib, rss)
                total += rss
            self.peak.total_mib = max(self.peak.total_mib, total)
            self._stop.wait(self.interval)


# -- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the repo's config (site_config/gunicorn.py) on 127.0.0.1."""

    def __init__(self, paths: BenchPaths, *, page_cache: bool, max_requests: int, name: str):
        self.max_requests = max_requests
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = server_environment(paths, page_cache=page_cache, bind=f"127.0.0.1:{self.port}")
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = paths.log_dir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "site_config/gunicorn.py",
            # The command line outranks the config file: see LoadOptions.max_requests.
            "--max-requests",
            str(self.max_requests),
            "site_config.wsgi:application",
        ]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_until_answering(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                fetch(self.base_url + "/robots.txt")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def settle(self, timeout: float = 60) -> None:
        """Wait until the workers are idle.

        wrk stops sending when its time is up, but sync workers finish the
        requests they hold; the next measurement must not share the CPU with them.
        """
        master = psutil.Process(self.pid)

        def busy_seconds() -> float:
            total = 0.0
            for worker in master.children(recursive=True):
                try:
                    times = worker.cpu_times()
                except psutil.Error:
                    continue
                total += times.user + times.system
            return total

        deadline = time.monotonic() + timeout
        previous = busy_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            current = busy_seconds()
            if current - previous < 0.02:
                return
            previous = current


@dataclass
class Answer:
    status: int
    size: int
    cache: str  # The page cache's X-Programme-Cache header, "" without one.


def fetch(url: str) -> Answer:
    """One GET; an HTTP error status is an answer, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
            body = response.read()
            return Answer(response.status, len(body), response.headers.get(CACHE_HEADER, ""))
    except urllib.error.HTTPError as error:
        return Answer(error.code, len(error.read()), error.headers.get(CACHE_HEADER, ""))


def load(url: str, *, duration: int, connections: int, threads: int) -> LoadResult:
    """Run wrk against one URL and read the summary its Lua script prints."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        WRK_TIMEOUT,
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        command, capture_output=True, text=True, timeout=duration + 120, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line.removeprefix("BENCH_JSON "))
            return LoadResult(
                requests=data["requests"],
                seconds=data["seconds"],
                rps=data["rps"],
                p50_ms=data["p50_ms"],
                p95_ms=data["p95_ms"],
                p99_ms=data["p99_ms"],
                max_ms=data["max_ms"],
                errors=data["errors"],
            )
    raise RuntimeError(f"wrk printed no summary for {url}:\n{result.stdout}\n{result.stderr}")


# -- in-process measurements ---------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile, as wrk reports them."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class QueryCounter:
    """Counts the SQL statements run on the default database, across reconnections.

    Django closes the connection after each request (CONN_MAX_AGE is 0 on SQLite),
    so this hooks the connection wrapper rather than reading its query log.
    """

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    @contextmanager
    def counting(self) -> Iterator["QueryCounter"]:
        from django.db import connection

        self.count = 0
        with connection.execute_wrapper(self):
            yield self


def measure_pages_in_process(pages: dict[str, str], samples: int) -> Iterator[tuple[str, dict]]:
    """Status, size, queries and render time of each page, page cache off.

    Queries are counted on the second request (the first also fills per-process
    caches such as Wagtail's site root paths); render times are the median of
    ``samples`` requests after those two. Yields (name, figures) page by page.
    """
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    counter = QueryCounter()
    for name, path in pages.items():
        with counter.counting():
            response = client.get(path)
        first = counter.count
        if response.status_code != 200:
            yield name, {"status": response.status_code, "bytes": len(response.content)}
            continue
        with counter.counting():
            response = client.get(path)
        times = []
        for _ in range(samples):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        yield (
            name,
            {
                "status": response.status_code,
                "bytes": len(response.content),
                "queries_first": first,
                "queries": counter.count,
                "render_p50_ms": round(statistics.median(times), 1),
            },
        )


def measure_regeneration() -> dict:
    """Regenerate the shows of every recurring screening: as they stand, then from empty.

    "As they stand" is what a re-save or the daily horizon job does when nothing
    changed; "from empty" deletes those shows first and stores them all again.
    """
    from django.db import transaction

    from programme.models import Occurrence, Screening

    screenings = [
        screening
        for screening in Screening.objects.filter(recurrence__isnull=False).select_related(
            "film", "venue"
        )
        if screening.recurrence and (screening.recurrence.rrules or screening.recurrence.rdates)
    ]
    ids = [screening.pk for screening in screenings]
    started = time.perf_counter()
    unchanged = [0, 0, 0]
    for screening in screenings:
        for position, count in enumerate(Occurrence.objects.regenerate(screening)):
            unchanged[position] += count
    as_they_stand = time.perf_counter() - started

    with transaction.atomic():
        started = time.perf_counter()
        deleted, _ = Occurrence.objects.filter(screening_id__in=ids).delete()
        deleting = time.perf_counter() - started
        created = 0
        for screening in screenings:
            created += Occurrence.objects.regenerate(screening)[0]
        from_empty = time.perf_counter() - started
    return {
        "screenings": len(screenings),
        "unchanged_seconds": round(as_they_stand, 2),
        "unchanged_changes": sum(unchanged),
        "from_empty_seconds": round(from_empty, 2),
        "delete_seconds": round(deleting, 2),
        "deleted": deleted,
        "created": created,
    }


def measure_search(queries: list[str], repeats: int) -> dict:
    """Latency of the search page, in process, over a fixed set of queries."""
    from urllib.parse import urlencode

    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    times, statuses = [], set()
    for query in queries:
        url = "/search/?" + urlencode({"query": query})
        client.get(url)  # The first search of a query also records it for promotions.
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            statuses.add(response.status_code)
    return {
        "queries": len(queries),
        "samples": len(times),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "statuses": sorted(statuses),
    }


# -- the whole run --------------------------------------------------------------------------


@dataclass
class LoadOptions:
    duration: int
    connections: int
    threads: int
    samples: int
    #: gunicorn's max_requests during the bench. site_config/gunicorn.py recycles a
    #: worker every 2,000 ± 200 requests; at the bench's request rates that restarts
    #: every worker every few seconds, in the middle of whichever page is measured,
    #: so by default (0) the bench does not recycle.
    max_requests: int = 0


def write_ceiling_files(paths: BenchPaths, sizes: dict[str, int]) -> dict[str, str]:
    """One static file per page, of the page's size: whitenoise's best case for it."""
    paths.ceiling_dir.mkdir(parents=True, exist_ok=True)
    urls = {}
    for name, size in sizes.items():
        head = b"<!doctype html><title>ceiling</title>\n"
        body = head + b"x" * max(0, size - len(head))
        (paths.ceiling_dir / f"{name}.html").write_bytes(body[:size])
        urls[name] = f"/static/{paths.ceiling_dir.name}/{name}.html"
    return urls


@contextmanager
def step(message: str) -> Iterator[None]:
    print(f"\n==> {message}", flush=True)
    started = time.perf_counter()
    yield
    print(f"    done in {time.perf_counter() - started:.1f} s", flush=True)


def run(paths: BenchPaths, manifest: dict, options: LoadOptions, pages: list[str]) -> dict:
    """Every measurement; returns the results the report is written from."""
    from django.core.management import call_command

    wanted = {name: manifest["pages"][name] for name in pages}
    results: dict = {"pages": {name: {"path": path} for name, path in wanted.items()}}

    with step("Collecting static files into the bench's STATIC_ROOT"):
        call_command("collectstatic", interactive=False, verbosity=0)

    with step("Query counts and render times in process (page cache off)"):
        for name, figures in measure_pages_in_process(wanted, options.samples):
            results["pages"][name].update(figures)
            print(f"    {name:<24} {_in_process_line(figures)}", flush=True)
    available = {
        name: path for name, path in wanted.items() if results["pages"][name]["status"] == 200
    }

    with step("Regenerating the shows of every recurring screening"):
        results["regeneration"] = measure_regeneration()
        print(f"    {results['regeneration']}")

    with step("Search latency in process"):
        results["search"] = measure_search(manifest["search_queries"], repeats=5)
        print(f"    {results['search']}")

    ceiling = write_ceiling_files(
        paths, {name: results["pages"][name]["bytes"] for name in available}
    )
    load_args = {
        "duration": options.duration,
        "connections": options.connections,
        "threads": options.threads,
    }
    results["memory"] = {}

    paths.clear_cache()
    with (
        step("Cold: gunicorn with the page cache off"),
        Server(paths, page_cache=False, max_requests=options.max_requests, name="cold") as server,
        MemorySampler(server.pid) as memory,
    ):
        for name, path in available.items():
            url = server.base_url + path
            answer = fetch(url)
            if answer.status != 200:
                results["pages"][name]["http_status"] = answer.status
                continue
            outcome = measure(server, url, load_args)
            results["pages"][name]["cold"] = asdict(outcome)
            print(f"    {name:<24} {_load_line(outcome)}", flush=True)
    results["memory"]["cold"] = _memory(memory.peak)

    paths.clear_cache()
    with (
        step("Warm: gunicorn with the page cache on, each URL primed; static ceiling"),
        Server(paths, page_cache=True, max_requests=options.max_requests, name="warm") as server,
        MemorySampler(server.pid) as memory,
    ):
        for name, path in available.items():
            if "http_status" in results["pages"][name]:
                continue
            url = server.base_url + path
            fetch(url)
            results["pages"][name]["cache"] = fetch(url).cache or "none"
            outcome = measure(server, url, load_args)
            static = measure(server, server.base_url + ceiling[name], load_args)
            results["pages"][name]["warm"] = asdict(outcome)
            results["pages"][name]["static"] = asdict(static)
            print(
                f"    {name:<24} {_load_line(outcome)}   static {static.rps:8.1f} req/s"
                f"   cache {results['pages'][name]['cache']}",
                flush=True,
            )
    results["memory"]["warm"] = _memory(memory.peak)
    return results


def measure(server: Server, url: str, load_args: dict) -> LoadResult:
    """Warm the workers up on this URL, then measure it, each time from idle workers."""
    load(url, **{**load_args, "duration": WARM_UP_SECONDS})
    server.settle()
    outcome = load(url, **load_args)
    server.settle()
    return outcome


def _memory(peak: MemoryPeak) -> dict:
    return {
        "peak_worker_mib": round(peak.worker_mib, 1),
        "peak_total_mib": round(peak.total_mib, 1),
        "worker_processes_seen": len(peak.workers_seen),
    }


def _in_process_line(figures: dict) -> str:
    if figures["status"] != 200:
        return f"HTTP {figures['status']}"
    return (
        f"{figures['queries']:3d} queries  {figures['render_p50_ms']:8.1f} ms  "
        f"{figures['bytes']:8d} bytes"
    )


def _load_line(result: LoadResult) -> str:
    if not result.requests:
        return "no response within the measurement"
    errors = f"  {result.failed} errors" if result.failed else ""
    return (
        f"p50 {result.p50_ms:7.1f}  p95 {result.p95_ms:7.1f}  p99 {result.p99_ms:7.1f} ms  "
        f"{result.rps:8.1f} req/s{errors}"
    )
