#!/usr/bin/env python3
"""`make bench` (issue 7): measures Gongdan and this machine's own ceilings in one run.

Prints one table and writes build/bench/results.json, a list of
{name, value, unit, ratio_to, ratio}: `ratio` is value / the figure named by `ratio_to` (a ceiling
measured in the same run), so that figures from a noisy, shared machine stay comparable.

Steps, in order (docs/performance.md explains each):
  1. ceilings: nginx serving a small static file (HTTP) and bench/storage_ceiling.cpp (SQLite);
  2. a fresh server: submission (rows counted afterwards), status lookup, My tickets with 50 tickets,
     and nginx serving My tickets' answer as a static file (what its bytes cost);
     then submission and lookup again on PostgreSQL 15 (a throwaway cluster, scripts/pg-cluster.sh),
     as `pg.*` with their ratio to SQLite's figure;
  3. BENCH_TICKETS tickets loaded by `gongdan bench-load`: start-up time, idle memory, the queue's
     first page, a two-character search, and the mixed workload with its memory;
  4. both ceilings again: each ceiling is the higher of its two measurements;
  5. the customer portal's first-load JavaScript and CSS, gzip -9;
  6. the micro-benchmarks built in the release tree.

Environment: GONGDAN_BIN (default build/gongdan, else build/release/gongdan), BENCH_CEILING_BIN,
BENCH_SECONDS per scenario (15), BENCH_MIXED_SECONDS (60), BENCH_TICKETS (1,000,000; 0 skips
step 3), BENCH_OUT (build/bench), BENCH_SMOKE=1 (1-second scenarios, 2,000 tickets, output in
build/bench-smoke: checks the harness, not the server).
Every single-kind HTTP scenario on SQLite and every nginx run also report CPU time per answer, the server's
(`*.cpu_us`, compared with nginx's, `ceiling.http.cpu_us`) and wrk's (`*.client_cpu_us`).
Exit status 1 when tickets were lost or a step failed; missed targets only show in the table.
"""
from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 64
SMOKE = os.environ.get("BENCH_SMOKE") == "1"
# A smoke run must not overwrite the figures of the last full run.
OUT = Path(os.environ.get("BENCH_OUT") or ROOT / "build" / ("bench-smoke" if SMOKE else "bench"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "1" if SMOKE else "15"))
MIXED_SECONDS = float(os.environ.get("BENCH_MIXED_SECONDS", "2" if SMOKE else "60"))
TICKETS = int(os.environ.get("BENCH_TICKETS", "2000" if SMOKE else "1000000"))
PASSWORD = "bench-password"
SUBMIT_BODY = re.search(r"wrk\.body = \[\[(.*?)\]\]", (ROOT / "bench/submit.lua").read_text(), re.S).group(1)


def find_binary(env: str, *candidates: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env]).resolve()
    for candidate in candidates:
        if (ROOT / candidate).exists():
            return ROOT / candidate
    sys.exit(f"bench: none of {', '.join(candidates)} exists; run `make bench` (or set {env})")


GONGDAN = find_binary("GONGDAN_BIN", "build/gongdan", "build/release/gongdan")
CEILING = find_binary("BENCH_CEILING_BIN", "build/release/bench/gongdan_storage_ceiling")


# ---------------------------------------------------------------- results and targets

class Results:
    """The figures in the order measured. Ratios and targets are settled by finish(), once the
    ceilings measured at the start and at the end of the run are known."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.targets: dict[str, tuple] = {}
        self.verdicts: dict[str, tuple[str, bool]] = {}
        self.lost = False  # set when fewer rows were stored than 201s answered

    def add(self, name, value, unit, ratio_to=None, *, target=None, first=False):
        """target: (text, ok(value, ratio)), e.g. ("<= 25 ms", lambda v, r: v <= 25)."""
        row = {"name": name, "value": value, "unit": unit, "ratio_to": ratio_to, "ratio": None}
        self.rows.insert(0, row) if first else self.rows.append(row)
        if target is not None:
            self.targets[name] = target
        print(f"  {name} = {value} {unit}", flush=True)

    def value(self, name):
        return next((r["value"] for r in self.rows if r["name"] == name), None)

    def finish(self) -> None:
        for row in self.rows:
            if row["ratio_to"] is not None:
                base = self.value(row["ratio_to"])
                row["ratio"] = round(row["value"] / base, 4) if base else None
            if row["name"] in self.targets:
                text, ok = self.targets[row["name"]]
                met = ok(row["value"], row["ratio"]) if row["ratio"] is not None or row["ratio_to"] is None else False
                self.verdicts[row["name"]] = (text, met)

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.rows, indent=2, ensure_ascii=False) + "\n")

    def table(self) -> str:
        lines = [f"{'benchmark':34} {'value':>12} {'unit':10} {'ratio':>8}  {'of':27} {'target':22} result"]
        for r in self.rows:
            target, ok = self.verdicts.get(r["name"], ("", None))
            verdict = "" if ok is None else ("pass" if ok else "MISS")
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.3f}"
            lines.append(f"{r['name']:34} {r['value']:>12} {r['unit']:10} {ratio:>8}  {r['ratio_to'] or '':27} "
                         f"{target:22} {verdict}")
        return "\n".join(lines)


def at_most(limit, unit):
    return (f"<= {limit} {unit}", lambda v, r: v <= limit)


def ratio_at_least(share):
    return (f">= {share:.0%} of ceiling", lambda v, r: r is not None and r >= share)


# ---------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(port: int, path: str = "/healthz") -> int | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", path)
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


class Server:
    """`gongdan serve` on a free port with rate limits off, as the issue asks for the benchmark."""

    def __init__(self, data_dir: Path, log: Path, db_url: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.monotonic()
        self.log = log.open("w")
        database = ["--db", db_url] if db_url else []
        self.process = subprocess.Popen(
            [str(GONGDAN), "serve", "--listen", f"127.0.0.1:{self.port}", "--data-dir", str(data_dir),
             *database, "--rate-limits", "off"], stdout=self.log, stderr=subprocess.STDOUT)
        # Polled every 2 ms: the start-up figure is the time to the first 200 on /healthz.
        deadline = self.started + 120
        while http_status(self.port) != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"bench: the server did not start; see {log}")
            time.sleep(0.002)
        self.startup_seconds = time.monotonic() - self.started

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return 0.0

    def api(self, method: str, path: str, body=None, token: str | None = None, expect=(200, 201)):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = body if isinstance(body, str) or body is None else json.dumps(body)
        conn.request(method, "/api/v1" + path, body=data.encode() if data else None, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        if response.status not in expect:
            sys.exit(f"bench: {method} {path} answered {response.status}: {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def get_body(self, path: str, token: str) -> bytes:
        """The raw body of a GET /api/v1 answer, as a client receives it."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/api/v1" + path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        if response.status != 200:
            sys.exit(f"bench: GET {path} answered {response.status}: {body[:300]!r}")
        return body

    def register(self, email: str, name: str) -> str:
        return self.api("POST", "/auth/register", {"email": email, "password": PASSWORD, "name": name})["token"]

    def submit_many(self, token: str, count: int) -> list[str]:
        """`count` submissions of bench/submit.lua's ticket, 16 at a time; returns their numbers."""
        with ThreadPoolExecutor(16) as pool:
            return list(pool.map(lambda _: self.api("POST", "/tickets", SUBMIT_BODY, token)["ticket"]["number"],
                                 range(count)))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Nginx:
    """A throwaway nginx: its own config, pid, logs and temp paths in a temp folder, a free port."""

    def __init__(self, files: dict[str, bytes] | None = None):
        # A folder of its own, not under the run's private temp folder: when nginx starts as root
        # its workers run as nobody and must be able to reach the file.
        folder = Path(tempfile.mkdtemp(prefix="gongdan-bench-nginx."))
        self.folder = folder
        self.port = free_port()
        html = folder / "html"
        html.mkdir()
        (html / "ok.json").write_text('{"status":"ok","service":"nginx","note":"the HTTP ceiling of make bench"}\n')
        for name, body in (files or {}).items():
            (html / name).write_bytes(body)
        # Workers run as nobody when nginx starts as root: they must be able to read the files.
        for path in (folder, html, *html.iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)
        temp = "\n".join(f"  {kind}_temp_path {folder}/{kind}_temp;"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (folder / "nginx.conf").write_text(f"""
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp}
  keepalive_requests 1000000;
  default_type application/json;
  server {{
    listen 127.0.0.1:{self.port};
    root {html};
  }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", str(folder), "-e", str(folder / "error.log"),
                                         "-c", str(folder / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while http_status(self.port, "/ok.json") != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                self.stop()
                sys.exit(f"bench: nginx did not start: {log}")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)


def cpu_seconds(pid: int) -> float:
    """The user and system time of process `pid` (all its threads) so far, with that of its
    children that ended and were waited for (a respawned nginx worker), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(fields[i]) for i in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_cpu_seconds(pid: int) -> float:
    """cpu_seconds of `pid` and of its children (nginx: the master and its workers)."""
    total = cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                total += cpu_seconds(int(stat.parent.name))
    return total


def wrk(script: str, url: str, env: dict | None = None, *, seconds=None, server_pid: int | None = None) -> dict:
    """Runs wrk at 64 connections, one per thread (common.lua says why). Returns each kind's
    figures by kind name (`scenario` for single-request scripts) and wrk's own under `wrk`; with
    `server_pid`, also the CPU seconds the server (with its child processes) and wrk used meanwhile,
    under `cpu`."""
    seconds = seconds or SECONDS
    command = ["wrk", f"-t{CONNECTIONS}", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "10s",
               "-s", f"bench/{script}", url]
    server_before = tree_cpu_seconds(server_pid) if server_pid else 0.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {"server": tree_cpu_seconds(server_pid) - server_before if server_pid else 0.0,
           "client": (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)}
    parsed = {}
    for line in done.stdout.splitlines():
        if line.startswith(("RESULT ", "KIND ")):
            fields = dict(f.split("=", 1) for f in line.split()[1:])
            key = "wrk" if line.startswith("RESULT") else fields.pop("kind")
            parsed[key] = {k: float(v) for k, v in fields.items()}
    if "wrk" not in parsed:
        sys.exit(f"bench: wrk {script} printed no RESULT:\n{done.stdout}\n{done.stderr}")
    parsed["cpu"] = cpu if server_pid else None
    return parsed


def add_cpu(results: Results, name: str, r: dict, answers: float, ratio_to: str | None = None) -> None:
    """CPU time per answer, in µs: the server's (`name.cpu_us`) and wrk's (`name.client_cpu_us`).
    It depends less than a rate on how the two cores are shared, and tells where a ratio to the
    HTTP ceiling comes from (docs/performance.md, "What a request costs")."""
    if r.get("cpu") is None or answers <= 0:
        return
    results.add(f"{name}.cpu_us", round(r["cpu"]["server"] / answers * 1e6, 1), "us", ratio_to)
    results.add(f"{name}.client_cpu_us", round(r["cpu"]["client"] / answers * 1e6, 1), "us")


def add_http(results: Results, name: str, r: dict, ceiling: str | None, *, kind="scenario", share=None,
             p99=None) -> None:
    """Throughput (answers with the expected status per second), p50 and p99 as measured, wrk's
    corrected p99, and unexpected answers (wrong status or socket errors)."""
    k = r[kind]
    results.add(f"{name}.throughput", round((k["requests"] - k["bad"]) / k["seconds"], 1), "req/s", ceiling,
                target=ratio_at_least(share) if share else None)
    results.add(f"{name}.p50", round(k["p50_us"] / 1000, 2), "ms")
    results.add(f"{name}.p99", round(k["p99_us"] / 1000, 2), "ms", target=at_most(p99, "ms") if p99 else None)
    if kind == "scenario":
        add_cpu(results, name, r, k["requests"] - k["bad"], "ceiling.http.cpu_us")
        results.add(f"{name}.p99_wrk", round(r["wrk"]["p99_us"] / 1000, 2), "ms")
        results.add(f"{name}.unexpected", int(k["bad"] + r["wrk"]["socket_errors"]), "count", target=at_most(0, ""))
    else:
        results.add(f"{name}.unexpected", int(k["bad"]), "count", target=at_most(0, ""))


def count_rows(data_dir: Path, table: str) -> int:
    import sqlite3
    with contextlib.closing(sqlite3.connect(f"file:{data_dir}/gongdan.db?mode=ro", uri=True)) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


# ---------------------------------------------------------------- steps

def ceilings(results: Results, temp: Path, when: str) -> None:
    """Both ceilings, as `ceiling.*.<when>`; measured at the start and at the end of the run."""
    print(f"ceilings ({when})", flush=True)
    nginx = Nginx()
    try:
        r = wrk("static.lua", f"{nginx.url}/ok.json", server_pid=nginx.process.pid)
    finally:
        nginx.stop()
    k = r["scenario"]
    if k["bad"] + r["wrk"]["socket_errors"]:
        sys.exit(f"bench: nginx answered {k['bad']:.0f} requests with another status than 200")
    results.add(f"ceiling.http.{when}", round(k["requests"] / k["seconds"], 1), "req/s")
    results.add(f"ceiling.http.p99.{when}", round(k["p99_us"] / 1000, 2), "ms")
    add_cpu(results, f"ceiling.http.{when}", r, k["requests"])

    data = temp / f"ceiling-{when}"
    subprocess.run([str(GONGDAN), "migrate", "--data-dir", str(data)], check=True, stdout=subprocess.DEVNULL)
    done = subprocess.run([str(CEILING), "--db", str(data / "gongdan.db"), "--seconds", f"{SECONDS:g}",
                           "--batch", str(CONNECTIONS)], check=True, capture_output=True, text=True)
    fields = dict(f.split("=", 1) for f in done.stdout.split()[1:])
    results.add(f"ceiling.storage.{when}", round(float(fields["tickets_per_second"]), 1), "tickets/s")
    shutil.rmtree(data)


def same_bytes_ceiling(results: Results, page: bytes) -> None:
    """nginx serving My tickets' own answer (about 17 kB) as a static file: what the bytes of that
    answer cost this client and these cores, apart from producing them."""
    nginx = Nginx({"my-tickets.json": page})
    try:
        r = wrk("static.lua", f"{nginx.url}/my-tickets.json", server_pid=nginx.process.pid)
    finally:
        nginx.stop()
    k = r["scenario"]
    results.add("ceiling.http_my_tickets_bytes", round(k["requests"] / k["seconds"], 1), "req/s")
    add_cpu(results, "ceiling.http_my_tickets_bytes", r, k["requests"])
    results.add("my_tickets.answer_bytes", len(page), "bytes")
    results.add("my_tickets.vs_same_bytes", results.value("my_tickets.throughput"), "req/s",
                "ceiling.http_my_tickets_bytes")


def settle_ceilings(results: Results) -> None:
    """A ceiling is the best this machine did in the run: the higher of the two measurements, so
    that a busy moment during one of them cannot flatter the ratios. A durable submission is
    bounded by both HTTP and SQLite: `ceiling.submission` is the lower of the two ceilings."""
    http = max(results.value("ceiling.http.start"), results.value("ceiling.http.end"))
    # nginx's CPU per answer, from the same measurement as the ceiling.
    best = "start" if results.value("ceiling.http.start") >= results.value("ceiling.http.end") else "end"
    if results.value(f"ceiling.http.{best}.cpu_us"):
        results.add("ceiling.http.cpu_us", results.value(f"ceiling.http.{best}.cpu_us"), "us", first=True)
    storage = max(results.value("ceiling.storage.start"), results.value("ceiling.storage.end"))
    results.add("ceiling.submission", min(http, storage), "tickets/s", first=True)
    results.add("ceiling.storage", storage, "tickets/s", first=True)
    results.add("ceiling.http", http, "req/s", first=True)


def fresh_server(results: Results, temp: Path) -> None:
    """Submission, lookup and My tickets on a new data folder (the issue's scenarios 1-3)."""
    print("fresh server: submission, lookup, My tickets", flush=True)
    data = temp / "fresh"
    server = Server(data, OUT / "server.log")
    try:
        email = "bench@example.com"
        token = server.register(email, "压测 Bench")
        number = server.submit_many(token, 1)[0]
        mine = server.register("fifty@example.com", "五十 Fifty")
        server.submit_many(mine, 50)
        env = {"BENCH_TOKEN": token, "BENCH_NUMBER": number, "BENCH_EMAIL": email}

        before = count_rows(data, "tickets")
        r = wrk("submit.lua", f"{server.url}/api/v1/tickets", env, server_pid=server.process.pid)
        stored = count_rows(data, "tickets") - before
        add_http(results, "submit", r, "ceiling.submission", share=0.15, p99=25)
        # Requests still in flight when wrk stops may commit uncounted, so rows >= 201s.
        acknowledged = r["scenario"]["requests"] - r["scenario"]["bad"]
        results.add("submit.201_responses", int(acknowledged), "count")
        results.add("submit.rows_stored", stored, "rows", "submit.201_responses",
                    target=(">= every 201", lambda v, ratio: v >= acknowledged))
        if stored < acknowledged:
            print(f"LOST TICKETS: {acknowledged:.0f} answered 201 but only {stored} rows stored", file=sys.stderr)
            results.lost = True

        pid = server.process.pid
        add_http(results, "lookup", wrk("lookup.lua", f"{server.url}/api/v1/tickets/lookup", env, server_pid=pid),
                 "ceiling.http", share=0.5, p99=10)
        add_http(results, "my_tickets",
                 wrk("get.lua", f"{server.url}/api/v1/tickets", {"BENCH_BEARER": mine}, server_pid=pid),
                 "ceiling.http", share=0.5, p99=10)
        same_bytes_ceiling(results, server.get_body("/tickets", mine))
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def on_postgres(results: Results, temp: Path) -> None:
    """Submission and lookup on PostgreSQL 15 (issue 6), beside SQLite's: a throwaway cluster from
    scripts/pg-cluster.sh on this machine (fsync on, synchronous_commit on: every 201 is durable)."""
    print("PostgreSQL: submission, lookup", flush=True)
    cluster = Path(f"/tmp/gongdan-pg-bench-{os.getpid()}")
    script = ROOT / "scripts" / "pg-cluster.sh"
    admin_url = subprocess.run([str(script), "start", str(cluster)], check=True, capture_output=True,
                               text=True).stdout.strip()
    server = None
    try:
        psql(admin_url, "CREATE DATABASE gongdan_bench")
        url = admin_url.rsplit("/", 1)[0] + "/gongdan_bench"
        server = Server(temp / "pg-fresh", OUT / "server-pg.log", db_url=url)
        email = "bench@example.com"
        token = server.register(email, "压测 Bench")
        number = server.submit_many(token, 1)[0]
        env = {"BENCH_TOKEN": token, "BENCH_NUMBER": number, "BENCH_EMAIL": email}
        before = int(psql(url, "SELECT count(*) FROM tickets"))
        r = wrk("submit.lua", f"{server.url}/api/v1/tickets", env)
        stored = int(psql(url, "SELECT count(*) FROM tickets")) - before
        add_http(results, "pg.submit", r, "submit.throughput")
        acknowledged = r["scenario"]["requests"] - r["scenario"]["bad"]
        results.add("pg.submit.rows_stored", stored, "rows", target=(">= every 201", lambda v, ratio: v >= acknowledged))
        if stored < acknowledged:
            print(f"LOST TICKETS on PostgreSQL: {acknowledged:.0f} answered 201, {stored} rows", file=sys.stderr)
            results.lost = True
        add_http(results, "pg.lookup", wrk("lookup.lua", f"{server.url}/api/v1/tickets/lookup", env),
                 "lookup.throughput")
    finally:
        if server:
            server.stop()
        subprocess.run([str(script), "stop", str(cluster)], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(temp / "pg-fresh", ignore_errors=True)


def at_scale(results: Results, temp: Path) -> None:
    """BENCH_TICKETS tickets: start-up, memory, queue, search and the mixed workload (4-7)."""
    data = temp / "big"
    print(f"bench-load: {TICKETS} tickets", flush=True)
    started = time.monotonic()
    with (OUT / "bench-load.txt").open("w") as log:
        subprocess.run([str(GONGDAN), "bench-load", "--data-dir", str(data), "--tickets", str(TICKETS)],
                       check=True, stdout=log, stderr=subprocess.STDOUT)
    load_seconds = round(time.monotonic() - started, 1)
    results.add("bench_load.seconds", load_seconds, "s", target=at_most(60, "s"))
    results.add("bench_load.tickets_per_second", round(TICKETS / max(load_seconds, 0.001)), "tickets/s")
    subprocess.run([str(GONGDAN), "user", "add", "--data-dir", str(data), "--email", "bench-agent@example.com",
                    "--password", PASSWORD, "--name", "压测 Agent", "--role", "agent"],
                   check=True, stdout=subprocess.DEVNULL)
    print("at scale: start-up, memory, queue, search, mixed", flush=True)
    server = Server(data, OUT / "server-big.log")
    try:
        results.add("startup.seconds", round(server.startup_seconds, 3), "s", target=at_most(1, "s"))
        time.sleep(1)
        results.add("memory.idle", server.rss_mb(), "MB")

        agent = server.api("POST", "/auth/login", {"email": "bench-agent@example.com", "password": PASSWORD})["token"]
        queue = f"{server.url}/api/v1/agent/tickets?status=new,open,pending"
        pid = server.process.pid
        add_http(results, "queue_open", wrk("get.lua", queue, {"BENCH_BEARER": agent}, server_pid=pid),
                 "ceiling.http", p99=50)
        search = f"{server.url}/api/v1/agent/tickets?q=%E9%97%AA%E9%80%80"  # 闪退
        add_http(results, "search_2char", wrk("get.lua", search, {"BENCH_BEARER": agent}, server_pid=pid),
                 "ceiling.http", p99=50)

        email = "mixed@example.com"
        token = server.register(email, "混合 Mixed")
        numbers = server.submit_many(token, 10 if SMOKE else 200)
        env = {"BENCH_TOKEN": token, "BENCH_AGENT_TOKEN": agent, "BENCH_EMAIL": email,
               "BENCH_MIX_NUMBERS": ",".join(numbers), "BENCH_SUBMIT_BODY": SUBMIT_BODY}
        samples: list[float] = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                samples.append(server.rss_mb())
                stop.wait(0.25)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            mixed = wrk("mixed.lua", server.url, env, seconds=MIXED_SECONDS)
        finally:
            stop.set()
            sampler.join()
        answered = sum(mixed[kind]["requests"] - mixed[kind]["bad"] for kind in ("read", "message", "submit"))
        results.add("mixed.throughput", round(answered / mixed["wrk"]["seconds"], 1), "req/s", "ceiling.http")
        results.add("mixed.p99_wrk", round(mixed["wrk"]["p99_us"] / 1000, 2), "ms")
        results.add("mixed.socket_errors", int(mixed["wrk"]["socket_errors"]), "count", target=at_most(0, ""))
        # Reads against the HTTP ceiling; writes against the submission's (a message writes fewer
        # rows than a submission, so its ratio errs high).
        for kind, ceiling in (("read", "ceiling.http"), ("message", "ceiling.submission"),
                              ("submit", "ceiling.submission")):
            add_http(results, f"mixed.{kind}", mixed, ceiling, kind=kind)
        results.add("memory.mixed_max", max(samples), "MB", target=at_most(150, "MB"))
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


def portal_first_load(results: Results) -> None:
    """What a phone fetches to show the help center: index.html's entry script, everything it
    imports statically (modulepreload), and the stylesheets; lazy route chunks are left out."""
    dist = ROOT / "web" / "dist"
    index = dist / "index.html"
    if not index.exists():
        print("  web/dist is missing (npm --prefix web run build): portal size not measured", flush=True)
        return
    html = index.read_text()
    wanted = re.findall(r'<(?:script|link)[^>]+(?:src|href)="/(assets/[^"]+\.(?:js|css))"', html)
    seen: list[str] = []
    while wanted:
        asset = wanted.pop()
        if asset in seen:
            continue
        seen.append(asset)
        if asset.endswith(".js"):
            code = (dist / asset).read_text()
            # Static imports only: `import{a}from"./x.js"` and `import"./x.js"`, not `import("./x.js")`.
            for name in re.findall(r'(?:\bfrom|\bimport)\s*"\./([^"]+\.js)"', code):
                wanted.append(f"assets/{name}")
    sizes = {asset: len(gzip.compress((dist / asset).read_bytes(), 9)) for asset in sorted(seen)}
    (OUT / "portal-first-load.txt").write_text("".join(f"{size:8} {asset}\n" for asset, size in sizes.items()))
    total = sum(sizes.values())
    results.add("portal.first_load_gzip", round(total / 1000, 1), "kB", target=at_most(150, "kB"))


def micro_benchmarks() -> None:
    """Google Benchmark programs of hot pure code (e.g. due-time maths), built in the release tree."""
    for micro in sorted((ROOT / "build" / "release" / "benchmarks").glob("*_benchmarks")):
        with (OUT / "micro.txt").open("a") as log:
            subprocess.run([str(micro), "--benchmark_format=console", "--benchmark_min_time=0.2"],
                           check=True, stdout=log, stderr=subprocess.STDOUT)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "micro.txt").unlink(missing_ok=True)
    began = time.monotonic()
    results = Results()
    print(f"gongdan bench: {GONGDAN}, {SECONDS:g} s per scenario, mixed {MIXED_SECONDS:g} s, "
          f"{TICKETS} tickets{' (smoke)' if SMOKE else ''}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gongdan-bench.") as temp:
        ceilings(results, Path(temp), "start")
        fresh_server(results, Path(temp))
        on_postgres(results, Path(temp))
        if TICKETS > 0:
            at_scale(results, Path(temp))
        ceilings(results, Path(temp), "end")
    settle_ceilings(results)
    portal_first_load(results)
    if not SMOKE:
        micro_benchmarks()
    results.add("bench.wall_seconds", round(time.monotonic() - began, 1), "s", target=at_most(900, "s"))
    results.finish()
    results.write(OUT / "results.json")
    table = results.table()
    (OUT / "table.txt").write_text(table + "\n")
    print("\n" + table)
    return 1 if results.lost else 0


if __name__ == "__main__":
    sys.exit(main())
