#!/usr/bin/env python3
"""Measures how reliable a running Hive binary is, and prints the results as markdown.

Three parts, each on SQLite and (when psql reaches 127.0.0.1:5432) PostgreSQL:

  crash  Crash safety. Residents save new goals from several threads (each person paced under
         Hive's per-person write limit); the server is killed with SIGKILL at a random moment;
         it is started again on the same database, and every save it acknowledged must be in
         the database (record_versions.body). Saves stored but never acknowledged (in flight at
         the kill) are fine, and counted.
  load   Load. wrk at many connections for a while: signed-in pages, and now and then a save
         (a progress note on a goal), cycling over several demo people. Socket errors,
         timeouts, 4xx, 429 and 5xx are counted separately.
  bad    Bad input. Hundreds of malformed requests across every server function and route:
         wrong methods, types and content types, missing, extra and duplicate fields, huge
         fields and bodies (also chunked), invalid UTF-8, NUL and control characters, invisible
         characters in names, deep JSON and deep form nesting, cross-site writes, broken HTTP.
         None may get a 5xx, and none may change the data: the data tables are fingerprinted
         (row counts and contents) before and after every request. A request refused for the
         per-person write limit (429) is sent again after restarting the server.

Exits 1 if an acknowledged save was lost, any request got a 5xx (or no answer at all), or a
malformed request changed the data; 2 if it could not run. Progress goes to stderr, the
markdown to stdout. Standard library only (Python 3.11); uses the sqlite3 and psql command-line
clients and wrk.

    .ci/reliability.py --binary target/release/hive
    .ci/reliability.py --parts bad --url http://127.0.0.1:3000 --database-url sqlite:///tmp/x.db

See .ci/reliability.sh, which finds the binary and writes the results into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import base64
import collections
import dataclasses
import datetime
import http.client
import json
import os
import platform
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Demo people (server/src/seed/city.rs). Lin Walsh cares for George Walsh (seed/carer.rs); Priya
# Shah leads the team serving Chorlton, where George lives.
RESIDENTS = ["Amira Khan", "Hannah Price", "Idris Hughes", "George Walsh", "Olu Bello", "Maggie Byrne"]
# Everyone who may add goals of their own (Lin Walsh is George's carer, and a resident herself).
CRASH_RESIDENTS = RESIDENTS + ["Lin Walsh"]
ROLES = {
    "resident": "George Walsh",
    "carer": "Lin Walsh",
    "staff": "Priya Shah",
    "officer": "Joe Murphy",
    "admin": "Ruth Adeyemi",
}

# Tables that change without anyone saving anything: sign-ins, sessions and the access log
# (reading a record is logged). Everything else is data a malformed request must not touch.
VOLATILE_TABLES = {"access_log", "sessions", "ended_sign_ins", "sign_in_attempts", "_sqlx_migrations"}
# Columns that reading changes: a resident reading a conversation marks the team's replies seen.
READ_RECEIPTS = {"responses": {"seen_at"}}

PSQL_ADMIN = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "test"]
FIELD_SEP, ROW_SEP = "\x1f", "\x1e"


class SetupError(Exception):
    """Something needed to measure is missing or broken: not a finding about Hive."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


# --------------------------------------------------------------------------------------------
# Databases: made fresh for each part, read directly with the command-line clients.
# --------------------------------------------------------------------------------------------


class Database:
    """A Hive database, by its HIVE_DATABASE_URL: sqlite://PATH or postgres://…/NAME."""

    def __init__(self, url: str, owned: bool = False):
        self.url = url
        self.kind = "sqlite" if url.startswith("sqlite:") else "postgres"
        self.owned = owned  # made by this script, so dropped by it
        if self.kind == "sqlite":
            path = url[len("sqlite:"):]
            path = path[2:] if path.startswith("//") else path
            self.path = path.split("?")[0]
        self._fingerprint_sql: str | None = None

    @classmethod
    def fresh(cls, kind: str, workdir: str, label: str) -> "Database":
        if kind == "sqlite":
            return cls(f"sqlite://{workdir}/{label}.db", owned=True)
        name = f"hive_reliability_{label}_{os.getpid()}"
        run(PSQL_ADMIN + ["-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", "-c", f"CREATE DATABASE {name}"])
        return cls(f"postgres://postgres@127.0.0.1:5432/{name}", owned=True)

    def drop(self) -> None:
        if self.owned and self.kind == "postgres":
            name = self.url.rsplit("/", 1)[1]
            run(PSQL_ADMIN + ["-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)

    def query(self, sql: str) -> list[list[str]]:
        """Rows of text fields."""
        if self.kind == "sqlite":
            command = ["sqlite3", "-batch", "-noheader", "-cmd", ".timeout 10000",
                       "-separator", FIELD_SEP, "-newline", ROW_SEP, self.path, sql]
        else:
            command = ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                       "-F", FIELD_SEP, "-R", ROW_SEP, "-d", self.url, "-c", sql]
        out = run(command).stdout
        return [row.split(FIELD_SEP) for row in out.strip("\n").split(ROW_SEP) if row.strip("\n")]

    def scalar(self, sql: str) -> str | None:
        rows = self.query(sql)
        return rows[0][0] if rows and rows[0] and rows[0][0] != "" else None

    def data_tables(self) -> list[str]:
        if self.kind == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        else:
            sql = ("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                   "AND table_type = 'BASE TABLE' ORDER BY table_name")
        return [r[0] for r in self.query(sql) if r[0] not in VOLATILE_TABLES]

    def columns(self, table: str) -> list[str]:
        if self.kind == "sqlite":
            sql = f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        else:
            sql = ("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                   f"AND table_name = '{table}' ORDER BY ordinal_position")
        return [r[0] for r in self.query(sql)]

    def fingerprint(self) -> dict[str, tuple[int, str]]:
        """Every data table's row count and a hash of its contents (read receipts left out)."""
        if self._fingerprint_sql is None:
            parts = []
            for table in self.data_tables():
                cols = [c for c in self.columns(table) if c not in READ_RECEIPTS.get(table, set())]
                col_list = ", ".join(f'"{c}"' for c in cols)
                if self.kind == "sqlite":
                    # sha3_query is the sqlite3 shell's own function (its shathree extension).
                    inner = f'SELECT {col_list} FROM "{table}" ORDER BY rowid'
                    parts.append(f"SELECT '{table}', (SELECT count(*) FROM \"{table}\"), hex(sha3_query('{inner}'))")
                else:
                    row = f"ROW({col_list})::text"
                    parts.append(f"SELECT '{table}', count(*), md5(coalesce(string_agg({row}, E'\\n' ORDER BY {row}), '')) "
                                 f'FROM "{table}"')
            self._fingerprint_sql = " UNION ALL ".join(parts)
        return {r[0]: (int(r[1]), r[2]) for r in self.query(self._fingerprint_sql)}


def run(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if check and result.returncode != 0:
        raise SetupError(f"{' '.join(command[:3])}… failed: {result.stderr.strip()[:500]}")
    return result


def postgres_available() -> bool:
    if not shutil.which("psql"):
        return False
    return run(PSQL_ADMIN + ["-c", "SELECT 1"], check=False).returncode == 0


def diff_fingerprints(before: dict, after: dict) -> list[str]:
    """What changed, as 'table: rows a -> b' or 'table: contents changed'."""
    changes = []
    for table in sorted(set(before) | set(after)):
        a, b = before.get(table), after.get(table)
        if a == b:
            continue
        if a is None or b is None or a[0] != b[0]:
            changes.append(f"{table}: rows {a[0] if a else '-'} -> {b[0] if b else '-'}")
        else:
            changes.append(f"{table}: contents changed ({a[0]} rows)")
    return changes


# --------------------------------------------------------------------------------------------
# The server under test.
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`hive serve --demo` on a loopback port, its output appended to a log file."""

    def __init__(self, binary: str, database: Database, site_root: str, log_path: str, env: dict | None = None):
        self.binary, self.database, self.site_root, self.log_path = binary, database, site_root, log_path
        self.env = env or {}
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 300, same_port: bool = False) -> None:
        """Starts it (on a new free port, or `same_port` again) and waits until /readyz is 200."""
        if not (same_port and self.port):
            self.port = free_port()
        env = dict(os.environ,
                   HIVE_DATABASE_URL=self.database.url,
                   LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
                   LEPTOS_SITE_ROOT=self.site_root,
                   HIVE_LOG=os.environ.get("RELIABILITY_HIVE_LOG", "warn"), **self.env)
        with open(self.log_path, "ab") as out:
            out.write(f"\n===== start {datetime.datetime.now().isoformat()} port {self.port}\n".encode())
            out.flush()
            self.proc = subprocess.Popen([self.binary, "serve", "--demo"], env=env, cwd=ROOT,
                                         stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SetupError(f"hive exited with {self.proc.returncode} while starting:\n{self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.2)
        self.kill9()
        raise SetupError(f"hive was not ready within {timeout:.0f} s:\n{self.log_tail()}")

    def ready(self) -> bool:
        try:
            return Http(self.base).request("GET", "/readyz", timeout=5)[0] == 200
        except OSError:
            return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait()

    def stop(self) -> bool:
        """SIGTERM, then SIGKILL after 30 s; whether it stopped on SIGTERM. A server thread stuck
        for good (a deadlock) keeps the process from ending, so this is also that check."""
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill9()
                return False
        return True

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def panics_in(log_path: str) -> list[str]:
    """Lines of the server log that report a panic."""
    try:
        with open(log_path, errors="replace") as f:
            return [line.strip() for line in f if "panicked" in line]
    except OSError:
        return []


# --------------------------------------------------------------------------------------------
# HTTP: ordinary requests (http.client) and raw ones (sockets, for what http.client refuses).
# --------------------------------------------------------------------------------------------


class Http:
    """Requests to one Hive, with the headers a browser on Hive's own pages sends."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.base = base.rstrip("/")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.netloc = parts.netloc  # the Host header, which Origin must match

    @property
    def origin(self) -> str:
        return f"http://{self.netloc}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                cookie: str | None = None, timeout: float = 60) -> tuple[int, dict, bytes]:
        """Status, headers (lower-case names; Set-Cookie as a list) and body, on a new connection."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            return send(conn, method, path, body, self.headers(method, headers, cookie))
        finally:
            conn.close()

    def headers(self, method: str, extra: dict | None, cookie: str | None) -> dict:
        headers = {}
        if method not in ("GET", "HEAD"):
            # web.rs `same_origin_writes`: Sec-Fetch-Site must not be cross-site, and any Origin
            # must be Hive's own (worked out from Host when no public URL is configured).
            headers.update({"Origin": self.origin, "Sec-Fetch-Site": "same-origin"})
        if cookie:
            headers["Cookie"] = cookie
        headers.update(extra or {})
        return headers

    def page(self, path: str, cookie: str | None = None) -> tuple[int, str]:
        status, _, body = self.request("GET", path, headers={"Accept": "text/html,application/xhtml+xml"}, cookie=cookie)
        return status, body.decode("utf-8", "replace")

    def post_form(self, path: str, fields: list[tuple[str, str]], cookie: str | None = None) -> tuple[int, dict, bytes]:
        """A form post as the pages' script sends it: the status is the outcome (200 saved)."""
        return self.request("POST", path, qs(fields), {"Content-Type": "application/x-www-form-urlencoded"}, cookie)


def send(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None,
         headers: dict) -> tuple[int, dict, bytes]:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    answer: dict = {}
    for name, value in response.getheaders():
        name = name.lower()
        if name == "set-cookie":
            answer.setdefault(name, []).append(value)
        else:
            answer[name] = value
    return response.status, answer, data


def qs(fields: list[tuple[str, str | bytes]]) -> bytes:
    """A form body as the tests write it: keys as they are (`see[]`), values percent-encoded.
    A bytes value goes in raw (to send bytes that are not UTF-8)."""
    out = []
    for key, value in fields:
        if isinstance(value, str):
            # {placeholders} are kept as they are, to be filled in when sent (BadInput.fill).
            value = "".join(part if re.fullmatch(r"\{[a-z_]+\}", part) else urllib.parse.quote(part, safe="")
                            for part in re.split(r"(\{[a-z_]+\})", value)).encode()
        out.append(key.encode() + b"=" + value)
    return b"&".join(out)


@dataclasses.dataclass
class RawAnswer:
    status: int | None  # None: the connection closed without an answer
    head: str
    body: bytes
    error: str = ""


def refusal(location: str) -> str | None:
    """What a form post without JavaScript was refused for: the framework redirects it back to its
    page with the error (base64 JSON of app/src/error.rs AppError) in `__err`. None: not refused."""
    err = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query).get("__err", [None])[0]
    if not err:
        return None
    try:
        error = json.loads(base64.b64decode(err + "=="))
    except ValueError:
        return "unreadable"
    return next(iter(error)) if isinstance(error, dict) else str(error)


class _Answered(Exception):
    """The server answered before the request was all sent."""


def raw_exchange(host: str, port: int, pieces: list[bytes], timeout: float = 40) -> RawAnswer:
    """Sends `pieces` on a fresh connection and reads the answer to the end. Stops sending if the
    server answers early (a 413 before the body is all sent), as a client that listens would."""
    data = b""
    error = ""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            try:
                for piece in pieces:
                    for i in range(0, len(piece), 16384):
                        sock.sendall(piece[i:i + 16384])
                        if select.select([sock], [], [], 0)[0]:
                            raise _Answered
            except _Answered:
                pass
            except (BrokenPipeError, ConnectionResetError) as e:
                error = f"send: {e.__class__.__name__}"
            # No half-close (shutdown of the writing side): hyper takes it for a client that has
            # gone, and drops the request. `Connection: close` ends the answer instead.
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError as e:
                    error = error or f"recv: {e.__class__.__name__}"
                    break
                if not chunk:
                    break
                data += chunk
    except (OSError, socket.timeout) as e:
        error = error or f"{e.__class__.__name__}: {e}"
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return RawAnswer(int(match.group(1)) if match else None, head.decode("latin-1"), body, error)


# --------------------------------------------------------------------------------------------
# Demo people and sign-in.
# --------------------------------------------------------------------------------------------


def demo_people(http_: Http) -> dict[str, int]:
    """Name -> person id, from the demo sign-in page: `<input type="hidden" name="person"
    value="N"/>` then a button 'Sign in as NAME'."""
    status, html = http_.page("/auth/demo")
    if status != 200:
        raise SetupError(f"GET /auth/demo answered {status}")
    people = {}
    for tag in re.finditer(r'<input[^>]*name="person"[^>]*>', html):
        value = re.search(r'value="(\d+)"', tag.group(0))
        name = re.search(r"Sign in as\s+([^<]+?)\s*<", html[tag.end():])
        if value and name:
            people.setdefault(name.group(1).strip(), int(value.group(1)))
    if not people:
        raise SetupError("no demo people on /auth/demo")
    return people


def sign_in(http_: Http, person_id: int) -> str:
    """The `hive_session=…` cookie of a demo sign-in (POST /auth/demo answers 303)."""
    status, headers, _ = http_.request("POST", "/auth/demo", f"person={person_id}".encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
    for cookie in headers.get("set-cookie", []):
        if cookie.startswith("hive_session="):
            return cookie.split(";", 1)[0]
    raise SetupError(f"demo sign-in of person {person_id} answered {status} without a session cookie")


def sign_in_all(http_: Http, names: list[str]) -> dict[str, str]:
    people = demo_people(http_)
    missing = [n for n in names if n not in people]
    if missing:
        raise SetupError(f"demo people missing from /auth/demo: {missing}")
    return {name: sign_in(http_, people[name]) for name in names}


def goal_keys(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"/my/goals/([0-9a-f]{16})", html)))


# --------------------------------------------------------------------------------------------
# Part 1: crash safety.
# --------------------------------------------------------------------------------------------

MARKER = re.compile(r"crash r(\d+) t(\d+) n(\d+)")


def goal_fields(description: str) -> list[tuple[str, str]]:
    """The new-goal page's form (app/src/domain/goals.rs GoalForm), as server/tests/it/goals.rs
    posts it."""
    return [("description", description), ("why", ""), ("target_day", ""), ("target_month", ""),
            ("target_year", ""), ("lifecycle", "active"), ("achievement", "")]


class Pacer:
    """Spaces one person's saves (shared by the threads saving as them) `rate` a second, so that
    Hive's per-person write limit (server/src/web.rs Limits::writes_per_minute: a minute's worth at once,
    then one a second) is not what the saves meet within a round. 0: no spacing."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate > 0 else 0
        self.next = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            at = max(time.monotonic(), self.next)
            self.next = at + self.interval
        time.sleep(max(0, at - time.monotonic()))


@dataclasses.dataclass
class RoundResult:
    sent: set = dataclasses.field(default_factory=set)
    acked: set = dataclasses.field(default_factory=set)
    outcomes: collections.Counter = dataclasses.field(default_factory=collections.Counter)


def save_stream(http_: Http, cookie: str, pacer: Pacer, round_no: int, thread_no: int, stop: threading.Event,
                result: RoundResult, lock: threading.Lock) -> None:
    """Adds goals one after another, as a browser without JavaScript posts the new-goal form, until
    the server is gone. A save is acknowledged by the redirect to the goals list; a refused form
    is redirected back to its page with the error in the query."""
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "text/html,application/xhtml+xml",
        "Referer": http_.origin + "/my/goals/new",
    }
    headers = http_.headers("POST", headers, cookie)
    conn = http.client.HTTPConnection(http_.host, http_.port, timeout=30)
    seq = 0
    while not stop.is_set():
        pacer.wait()
        if stop.is_set():
            return
        seq += 1
        marker = f"crash r{round_no} t{thread_no} n{seq}"
        with lock:
            result.sent.add(marker)
        try:
            status, answer, _ = send(conn, "POST", "/api/add-goal", qs(goal_fields(marker)), headers)
        except (OSError, http.client.HTTPException):
            # Killed, or refused a connection after the kill: no answer for this one.
            with lock:
                result.outcomes["no answer (killed)"] += 1
            conn.close()
            if stop.is_set():
                return
            conn = http.client.HTTPConnection(http_.host, http_.port, timeout=30)
            continue
        location = urllib.parse.urlsplit(answer.get("location", ""))
        acked = status in (302, 303) and location.path == "/my/goals" and not location.query
        with lock:
            if acked:
                result.acked.add(marker)
                result.outcomes["saved"] += 1
            elif status in (302, 303):
                why = refusal(answer.get("location", "")) or "no error given"
                result.outcomes[f"refused ({why})"] += 1
            else:
                result.outcomes[str(status)] += 1


def stored_markers(db: Database, round_no: int) -> collections.Counter:
    rows = db.query("SELECT body FROM record_versions WHERE kind = 'goal' "
                    f"AND body LIKE '%crash r{round_no} t%'")
    found = collections.Counter()
    for (body,) in rows:
        for m in MARKER.finditer(body):
            if int(m.group(1)) == round_no:
                found[m.group(0)] += 1
    return found


def part_crash(args, backend: str, workdir: str) -> dict:
    rounds, threads = args.rounds, args.threads
    db = Database.fresh(backend, workdir, "crash")
    server = Server(args.binary, db, args.site_root, os.path.join(workdir, f"crash-{backend}.log"))
    totals = {"backend": backend, "rounds": rounds, "sent": 0, "acked": 0, "lost": 0,
              "unacked_stored": 0, "duplicates": 0, "outcomes": collections.Counter(),
              "lost_markers": [], "kill_after": [], "restart_failed": None}
    rng = random.Random(args.seed)
    try:
        server.start()
        for round_no in range(1, rounds + 1):
            http_ = Http(server.base)
            people = demo_people(http_)
            savers = [(sign_in(http_, people[name]), Pacer(args.save_rate)) for name in CRASH_RESIDENTS]
            result, lock, stop = RoundResult(), threading.Lock(), threading.Event()
            workers = [threading.Thread(target=save_stream, daemon=True,
                                        args=(http_, *savers[t % len(savers)], round_no, t, stop, result, lock))
                       for t in range(threads)]
            for w in workers:
                w.start()
            kill_after = rng.uniform(0.5, 3.0)
            time.sleep(kill_after)
            server.kill9()
            stop.set()
            for w in workers:
                w.join(60)

            # Started again on the same database (and used for the next round): every
            # acknowledged save must be there. Not starting again is a finding, not a setup error.
            try:
                server.start()
            except SetupError as e:
                totals["restart_failed"] = f"round {round_no}: {e}"
                log(f"  crash {backend}: hive did not start again after the kill: {e}")
                break
            stored = stored_markers(db, round_no)
            lost = sorted(result.acked - set(stored))
            unacked = set(stored) - result.acked
            strays = set(stored) - result.sent
            if strays:
                raise SetupError(f"markers stored that were never sent: {sorted(strays)[:5]}")
            totals["sent"] += len(result.sent)
            totals["acked"] += len(result.acked)
            totals["lost"] += len(lost)
            totals["lost_markers"] += lost
            totals["unacked_stored"] += len(unacked)
            totals["duplicates"] += sum(1 for n in stored.values() if n > 1)
            totals["outcomes"].update(result.outcomes)
            totals["kill_after"].append(kill_after)
            log(f"  crash {backend} round {round_no}/{rounds}: killed after {kill_after:.2f} s; "
                f"{len(result.acked)} acknowledged, {len(lost)} lost, {len(unacked)} stored unacknowledged; "
                f"answers {dict(result.outcomes)}")
        server.stop()
    finally:
        server.kill9()
        totals["panics"] = panics_in(server.log_path)
        db.drop()
    return totals


# --------------------------------------------------------------------------------------------
# Part 2: load (wrk with a Lua script of mixed reads and saves).
# --------------------------------------------------------------------------------------------

LUA = r"""
-- Written by .ci/reliability.py: signed-in page reads and, now and then, a save, over several
-- demo people's sessions. Counts answers by class per thread; done() prints the totals.
local reads = %(reads)s
local writes = %(writes)s
local write_percent = %(write_percent)d
local origin = %(origin)s
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  n = id * 7919
  math.randomseed(id * 104729 + 17)
  reads_sent, writes_sent, s2, s3, s4, s429, s5 = 0, 0, 0, 0, 0, 0, 0
end

function request()
  n = n + 1
  if #writes > 0 and math.random(100) <= write_percent then
    writes_sent = writes_sent + 1
    local w = writes[n %% #writes + 1]
    return wrk.format("POST", w[1], {
      ["Cookie"] = w[2],
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = origin,
      ["Sec-Fetch-Site"] = "same-origin",
    }, w[3] .. n)
  end
  reads_sent = reads_sent + 1
  local r = reads[n %% #reads + 1]
  return wrk.format("GET", r[1], {["Cookie"] = r[2], ["Accept"] = "text/html,application/xhtml+xml"})
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local t = {reads_sent = 0, writes_sent = 0, s2 = 0, s3 = 0, s4 = 0, s429 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    "RELIABILITY requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d timeout=%%d status=%%d " ..
    "reads_sent=%%d writes_sent=%%d s2=%%d s3=%%d s4=%%d s429=%%d s5=%%d p50_us=%%d p99_us=%%d max_us=%%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    t.reads_sent, t.writes_sent, t.s2, t.s3, t.s4, t.s429, t.s5,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), math.floor(latency.max)))
end
"""


def lua_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_rows(rows: list[tuple[str, ...]]) -> str:
    return "{\n" + "".join("  {" + ", ".join(lua_string(v) for v in row) + "},\n" for row in rows) + "}"


def part_load(args, backend: str, workdir: str) -> dict:
    db = Database.fresh(backend, workdir, "load")
    # Six residents' sessions stand for the city's many people writing: each may write as much
    # as the load sends (the per-person limit, 60 a minute, would otherwise refuse nine saves in
    # ten, and the load would measure the limiter instead of the saves).
    server = Server(args.binary, db, args.site_root, os.path.join(workdir, f"load-{backend}.log"),
                    env={"HIVE_WRITES_PER_MINUTE": "100000"})
    try:
        server.start()
        http_ = Http(server.base)
        people = demo_people(http_)
        cookies = sign_in_all(http_, RESIDENTS + ["Lin Walsh", "Priya Shah", "Sam Okafor", "Joe Murphy"])
        reads, writes = [], []
        for name in RESIDENTS:
            cookie = cookies[name]
            # One goal each to add progress notes to: a save that does not make the pages read
            # under load grow (a new goal each time would lengthen /my/goals as it runs).
            status, _, _ = http_.post_form("/api/add-goal", goal_fields(f"Load goal for {name}"), cookie)
            if status != 200:
                raise SetupError(f"adding {name}'s load goal answered {status}")
            key = goal_keys(http_.page("/my/goals", cookie)[1])[0]
            reads += [("/my", cookie), ("/my/goals", cookie), ("/my/needs", cookie),
                      ("/my/about-me", cookie), (f"/my/goals/{key}", cookie)]
            writes.append(("/api/add-goal-note", cookie, f"key={key}&note=Load+note+"))
        george = people["George Walsh"]
        reads += [("/caring", cookies["Lin Walsh"]), ("/team", cookies["Priya Shah"]),
                  (f"/team/residents/{george}", cookies["Priya Shah"]), ("/team", cookies["Sam Okafor"]),
                  ("/engagement/dashboard", cookies["Joe Murphy"]), ("/engagement/moderation", cookies["Joe Murphy"])]
        for path, cookie in reads:
            status = http_.page(path, cookie)[0]
            if status != 200:
                raise SetupError(f"GET {path} answered {status} before the load")
        script = os.path.join(workdir, f"load-{backend}.lua")
        with open(script, "w") as f:
            f.write(LUA % {"reads": lua_rows(reads), "writes": lua_rows(writes),
                           "write_percent": args.write_percent, "origin": lua_string(http_.origin)})
        command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.load_seconds}s",
                   f"--timeout", f"{args.wrk_timeout}s", "-s", script, server.base + "/"]
        log(f"  load {backend}: {' '.join(command[:-1])} (on {len(reads)} pages, {args.write_percent} % saves)")
        result = subprocess.run(command, capture_output=True, text=True, timeout=args.load_seconds + 300)
        line = next((l for l in result.stdout.splitlines() if l.startswith("RELIABILITY ")), None)
        if result.returncode != 0 or line is None:
            raise SetupError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        figures = {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
        figures.update(backend=backend, alive=server.alive() and server.ready(), wrk=result.stdout)
        figures["stopped"] = server.stop()
        figures["panics"] = panics_in(server.log_path)
        figures["errors_logged"] = count_error_lines(server.log_path)
        figures["stored"] = int(db.scalar("SELECT count(*) FROM record_versions WHERE kind = 'goal-note' "
                                          "AND body LIKE '%Load note%'") or 0)
        log(f"  load {backend}: {figures['requests']} requests, 5xx {figures['s5']}, 429 {figures['s429']}, "
            f"socket errors {figures['connect'] + figures['read'] + figures['write'] + figures['timeout']}")
        return figures
    finally:
        server.kill9()
        db.drop()


def count_error_lines(log_path: str) -> int:
    try:
        with open(log_path, errors="replace") as f:
            return sum(1 for line in f if " ERROR " in line or '"level":"ERROR"' in line)
    except OSError:
        return 0


# --------------------------------------------------------------------------------------------
# Part 3: bad input.
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Case:
    """One malformed request. `body` and `path` may hold {placeholders} filled in when sent."""
    what: str            # a short description, for the report
    method: str
    path: str
    role: str | None = None          # whose session cookie (see ROLES); None: signed out
    body: bytes | None = None
    content_type: str | None = "application/x-www-form-urlencoded"
    headers: list = dataclasses.field(default_factory=list)  # extra (name, value) pairs
    chunked: bool = False
    declared_length: int | None = None  # a Content-Length that is not the body's
    raw: bytes | None = None   # the whole request as sent ({host} filled in): broken HTTP
    same_origin: bool = True   # send the Origin and Sec-Fetch-Site of Hive's own pages
    may_close: bool = False    # closing the connection without an answer is an acceptable refusal
    expect: int | None = None  # the one status that is right (e.g. 413 for a body over the limit)
    # Why an answer other than a refusal (2xx, or a 3xx that is not a form sent back with its
    # error) is right for this request; None: only a 4xx (or that 3xx) is.
    answered_ok: str | None = None


@dataclasses.dataclass
class Fn:
    """A server function (app/src/api/*.rs, `#[server(prefix = "/api", endpoint = …)]`), the
    role it is called as, and a request that reaches its checks (server/tests/it/matrix.rs).
    `poison` is a field that makes any request to it refused, for the malformations that do not
    make the form unreadable by themselves. `texts` and `names` are the fields checked as text
    and as a name; `ints` are numbers. `writes`: it stores something when the request is good."""
    endpoint: str
    role: str | None = None
    fields: list = dataclasses.field(default_factory=list)
    poison: list = dataclasses.field(default_factory=list)
    texts: list = dataclasses.field(default_factory=list)
    names: list = dataclasses.field(default_factory=list)
    ints: list = dataclasses.field(default_factory=list)
    # Hidden fields that say where to go back to (the list's filters): read only as far as they
    # are well formed, so junk in them is left out, not refused. Sent junk with the poison.
    hints: list = dataclasses.field(default_factory=list)
    writes: bool = False
    empty_is_valid: bool = False  # an empty body is a good request (it would store)

    @property
    def path(self) -> str:
        return f"/api/{self.endpoint}"


GOAL_FORM = [("description", "Walk to the shops"), ("why", ""), ("target_day", ""), ("target_month", ""),
             ("target_year", ""), ("lifecycle", "active"), ("achievement", "")]

FUNCTIONS = [
    # Everyone, signed in or not.
    Fn("whoami"), Fn("front"), Fn("demo-people"), Fn("sign-in-options"), Fn("neighbourhoods"),
    Fn("stories", fields=[("neighbourhood", "chorlton"), ("service", ""), ("before", "")]),
    Fn("answer-campaign-page", fields=[("slug", "how-are-we-doing")]),
    Fn("answer-campaign", fields=[("campaign", "how-are-we-doing"), ("neighbourhood", ""), ("website", "")],
       poison=[("campaign", "no-such-campaign")], writes=True),
    Fn("report-story", fields=[("story", "999999999"), ("reason", "spam")], poison=[("story", "999999999")],
       writes=True),
    # The resident (George Walsh) and their record.
    Fn("area-home", "resident", [("area", "Personal")]),
    Fn("about-me", "resident"),
    Fn("about-me-section", "resident", [("section", "wellness")]),
    Fn("about-me-history", "resident", [("section", "wellness")]),
    Fn("save-about-me", "resident",
       [("section", "wellness"), ("base", "{about_base}"), ("text", "Reliability check"),
        ("supported_by_name", ""), ("supported_by_relationship", "")],
       poison=[("section", "no-such-section")], texts=["text", "supported_by_relationship"],
       names=["supported_by_name"], writes=True),
    Fn("needs", "resident"), Fn("needs-history", "resident"),
    Fn("save-needs", "resident",
       [("base", "{needs_base}"), ("formats[]", "large-print"), ("language", "English"),
        ("avoid_times", "Mornings"), ("how_to_talk", "Slowly")],
       poison=[("formats[]", "no-such-format")], texts=["language", "avoid_times", "how_to_talk"], writes=True),
    Fn("goals", "resident"), Fn("new-goal", "resident"),
    Fn("goal", "resident", [("key", "{goal}")]),
    Fn("goal-history", "resident", [("key", "{goal}")]),
    Fn("add-goal", "resident", GOAL_FORM, poison=[("lifecycle", "no-such-lifecycle")],
       texts=["description", "why"], writes=True),
    Fn("change-goal", "resident", [("key", "{goal}"), ("base", "{goal_base}")] + GOAL_FORM,
       poison=[("lifecycle", "no-such-lifecycle")], texts=["description", "why"], writes=True),
    Fn("add-goal-note", "resident", [("key", "{goal}"), ("note", "Going well")],
       poison=[("key", "ffffffffffffffff")], texts=["note"], writes=True),
    Fn("stop-goal", "resident", [("key", "{goal}"), ("base", "{goal_base}"), ("how", "no-such-way")],
       poison=[("how", "no-such-way")], writes=True),
    Fn("statements", "resident"),
    Fn("statement", "resident", [("statement", "{statement}")]),
    Fn("answer-statement", "resident", [("statement", "{statement}"), ("truth", "very"), ("comment", "Mostly")],
       poison=[("truth", "perhaps")], texts=["comment"], writes=True),
    Fn("record-summary", "resident"),
    Fn("confirm-review", "resident", writes=True, empty_is_valid=True),
    Fn("sharing", "resident"),
    Fn("save-sharing", "resident", [("scopes[]", "needs")], poison=[("scopes[]", "no-such-scope")],
       writes=True, empty_is_valid=True),
    Fn("activity", "resident", [("before", "1"), ("person", "1"), ("scope", "")], ints=["before", "person"]),
    Fn("where-i-live", "resident", [("postcode", "M21 9AA")], texts=["postcode"]),
    Fn("save-where-i-live", "resident", [("ward", "{ward}")], poison=[("ward", "no-such-ward")],
       texts=["ward"], writes=True),
    Fn("carers", "resident"),
    Fn("invite-carer", "resident",
       [("name", "Reliability Carer"), ("relationship", "friend"), ("see[]", "needs"),
        ("ends_day", ""), ("ends_month", ""), ("ends_year", "")],
       poison=[("see[]", "no-such-scope")], texts=["relationship"], names=["name"], writes=True),
    Fn("carer", "resident", [("grant", "{grant}")]),
    Fn("change-carer", "resident", [("grant", "{grant}"), ("see[]", "no-such-scope")],
       poison=[("see[]", "no-such-scope")], writes=True),
    # A real grant would be revoked: only ever an id that is not one.
    Fn("revoke-carer", "resident", [("grant", "not-a-grant")], poison=[("grant", "not-a-grant")], writes=True),
    Fn("responses", "resident"),
    Fn("reply", "resident", [("kind", "needs"), ("key", "needs"), ("text", "Thank you")],
       poison=[("kind", "no-such-kind")], texts=["text"], writes=True),
    Fn("decide-goal", "resident", [("proposal", "{proposal}"), ("decision", "decline"), ("reason", "Not now")],
       poison=[("decision", "perhaps")], texts=["reason"], writes=True),
    Fn("feedback", "resident"),
    Fn("give-feedback", "resident",
       [("fft", "good"), ("publish", "no"), ("service", ""), ("good", "Kind staff"), ("better", "Shorter waits"),
        ("goal", "")],
       poison=[("fft", "no-such-answer")], texts=["good", "better"], writes=True),
    # The carer (Lin Walsh), who acts for George.
    Fn("caring", "carer"),
    Fn("accept-invitation", "carer", [("code", "0000-0000-0000")], poison=[("code", "0000-0000-0000")],
       texts=["code"], writes=True),
    Fn("act-for", "carer", [("grant", "not-a-grant")], poison=[("grant", "not-a-grant")]),
    Fn("stop-acting", "carer", empty_is_valid=True),  # changes the session only
    # Staff: Priya Shah leads the team serving George's neighbourhood.
    Fn("team-queue", "staff",
       [("after", ""), ("unread", ""), ("needs", ""), ("since", ""), ("goals", ""), ("ward", ""), ("name", "")],
       texts=["name"]),
    Fn("team-record", "staff", [("resident", "{george}")], ints=["resident"]),
    Fn("acknowledge", "staff", [("resident", "{george}"), ("kind", "needs"), ("key", "needs"), ("version", "1")],
       poison=[("kind", "no-such-kind")], ints=["resident"], writes=True),
    Fn("respond", "staff", [("resident", "{george}"), ("kind", "needs"), ("key", "needs"), ("text", "Noted")],
       poison=[("kind", "no-such-kind")], texts=["text"], ints=["resident"], writes=True),
    Fn("propose-goal", "staff", [("resident", "{george}"), ("description", "Walk to the library"), ("why", "")],
       poison=[("resident", "not-a-resident")], texts=["description", "why"], ints=["resident"], writes=True),
    Fn("team-statements", "staff"),
    Fn("respond-to-story", "staff", [("story", "{story}"), ("text", "Thank you"), ("change", "none"), ("detail", ""),
                                     ("filter", "neighbourhood=chorlton&unanswered=yes")],
       poison=[("change", "no-such-change")], texts=["text", "detail"], hints=["filter"], writes=True),
    Fn("kept-for-service", "staff", [("neighbourhood", "chorlton"), ("service", ""), ("before", ""),
                                     ("unanswered", "")]),
    # A reply to George's feedback kept for the service (Chorlton's: Priya's neighbourhood).
    Fn("reply-to-feedback", "staff", [("story", "{kept}"), ("text", "Thank you"), ("change", "none"),
                                      ("detail", ""), ("filter", "unanswered=yes")],
       poison=[("change", "no-such-change")], texts=["text", "detail"], hints=["filter"], writes=True),
    # George withdrawing feedback from publication: only ever an id that is nobody's.
    Fn("withdraw-feedback", "resident", [("feedback", "999999999")], poison=[("feedback", "999999999")],
       writes=True),
    # The engagement officer (Joe Murphy).
    Fn("moderation", "officer"),
    # A real story would be taken down: only ever an id that is not one.
    Fn("take-down-story", "officer", [("story", "999999999"), ("reason", "Names a member of staff"), ("seen", ""),
                                      ("filter", "neighbourhood=chorlton")],
       poison=[("story", "999999999")], texts=["reason"], hints=["filter"], writes=True),
    Fn("moderate", "officer", [("feedback", "{waiting}"), ("decision", "hide"), ("reason", "Off topic"),
                               ("good", ""), ("better", "")],
       poison=[("decision", "no-such-decision")], texts=["reason", "good", "better"], writes=True),
    Fn("campaigns", "officer"),
    Fn("save-campaign", "officer",
       [("id", ""), ("title", "Reliability survey"), ("description", "Checking"), ("slug", ""), ("service", ""),
        ("neighbourhoods[]", "chorlton"), ("opens_day", "1"), ("opens_month", "1"), ("opens_year", "2027"),
        ("closes_day", "1"), ("closes_month", "2"), ("closes_year", "2027")],
       poison=[("opens_month", "13")], texts=["title", "description", "slug"], writes=True),
    Fn("campaign", "officer", [("id", "{campaign}")]),
    Fn("add-question", "officer",
       [("campaign", "{campaign}"), ("kind", "text"), ("prompt", "Anything else?"), ("required", ""),
        ("choices", ""), ("other", ""), ("statement", "")],
       poison=[("kind", "no-such-kind")], texts=["prompt"], writes=True),
    Fn("arrange-question", "officer", [("campaign", "{campaign}"), ("question", "{question}"),
                                       ("direction", "sideways")],
       poison=[("direction", "sideways")], writes=True),
    Fn("dashboard", "officer", [("neighbourhood", ""), ("from", ""), ("to", ""), ("campaign", "")],
       texts=["from", "to"]),
    # The administrator (Ruth Adeyemi).
    Fn("services", "admin"),
    Fn("add-service", "admin", [("name", "Reliability Service"), ("code", "reliability-{unique}")],
       poison=[("code", "Not A Code")], texts=["code"], names=["name"], writes=True),
    Fn("service-state", "admin", [("service", "{service}"), ("active", "maybe")], poison=[("active", "maybe")],
       writes=True),
    Fn("places", "admin"),
    Fn("new-place", "admin", [("kind", "ward")]),
    Fn("rename-place-screen", "admin"),
    Fn("add-place", "admin", [("kind", "ward"), ("code", "reliability-{unique}"), ("name", "Reliability Ward"),
                              ("within", "{neighbourhood}")],
       poison=[("kind", "no-such-kind")], texts=["code"], names=["name"], writes=True),
    Fn("rename-place", "admin", [("place", "{ward_code}"), ("name", "Renamed Ward")],
       poison=[("place", "no-such-place")], names=["name"], writes=True),
    Fn("staff-directory", "admin"), Fn("new-staff", "admin"),
    Fn("staff-member", "admin", [("id", "{sam}")], ints=["id"]),
    Fn("add-staff", "admin", [("name", "Reliability Person"), ("email", "reliability.{unique}@example.nhs.uk"),
                              ("role", "engagement_officer"), ("team", "")],
       poison=[("role", "no-such-role")], texts=["email"], names=["name"], writes=True),
    Fn("change-staff", "admin", [("id", "{sam}"), ("name", "Sam Okafor"), ("email", "{sam_email}"),
                                 ("role", "{sam_role}"), ("team", "{sam_team}")],
       poison=[("role", "no-such-role")], names=["name"], ints=["id"], writes=True),
    # A real id would be removed: only ever one that is not a number.
    Fn("remove-staff", "admin", [("id", "not-a-number")], poison=[("id", "not-a-number")], ints=["id"],
       writes=True),
]

# Why a function that only reads may answer a malformed request with its page: what it cannot
# use (a filter of junk, a field it does not take) is left out, or shown as a problem on the page.
READ_ANSWERS = "a read: answers its page, leaving out (or showing as a problem) what it cannot use"

# Text that breaks the rules for text (app/src/domain/text.rs): control characters are refused
# everywhere; invisible characters in a person's name.
CONTROL = [("NUL", "Walk\x00ing"), ("bell and escape", "Walk\x07\x1b[31m"), ("DEL and C1", "Walk\x7f\x85")]
INVISIBLE = [("right-to-left override", "Sam\u202eekafO"), ("zero-width space", "Sam\u200b Okafor"),
             ("left-to-right mark", "\u200eSam Okafor"), ("zero-width joiner in ASCII", "Sa\u200dm"),
             ("byte-order mark", "\ufeffSam"), ("isolate", "\u2066Sam\u2069")]


def with_fields(fields: list, changes: list) -> list:
    """`fields` with each (key, value) of `changes` put in place of the same key (or added;
    a list field `x[]` gets the value added)."""
    out = list(fields)
    for key, value in changes:
        index = next((i for i, (k, _) in enumerate(out) if k == key), None)
        if index is None or key.endswith("[]"):
            out.append((key, value))
        else:
            out[index] = (key, value)
    return out


def function_cases(fn: Fn) -> list[Case]:
    cases = []
    reads = None if fn.writes else READ_ANSWERS
    add = lambda what, **kw: cases.append(Case(what=f"{fn.endpoint}: {what}", path=kw.pop("path", fn.path),
                                               role=kw.pop("role", fn.role),
                                               answered_ok=kw.pop("answered_ok", reads), **kw))
    # Wrong methods: a server function is POST only.
    for method in ("GET", "PUT", "DELETE"):
        add(f"{method} instead of POST", method=method, content_type=None)
    if fn.writes:
        # Another site's page posting a good form: refused before the function runs (CSRF).
        add("good form from another site (Origin)", method="POST", body=qs(fn.fields), same_origin=False,
            headers=[("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")])
        add("good form from another site (Sec-Fetch-Site only)", method="POST", body=qs(fn.fields),
            same_origin=False, headers=[("Sec-Fetch-Site", "cross-site")])
    if not fn.fields and not fn.writes:
        return cases
    if fn.empty_is_valid and not fn.poison:
        return cases  # any body it can read is a good request: only the methods and CSRF apply
    poisoned = with_fields(fn.fields, fn.poison)
    # Missing fields (the rest poisoned: a field left out may just take its default).
    if not fn.empty_is_valid:
        add("no fields at all", method="POST", body=b"")
    if fn.fields and not fn.empty_is_valid:
        key = fn.fields[0][0]
        add(f"'{key}' missing", method="POST", body=qs([f for f in poisoned if f[0] != key]))
    # Wrong types: a list or a map where a value goes, words where a number goes.
    for key, _ in [f for f in fn.fields if not f[0].endswith("[]")][:3]:
        add(f"'{key}' as a list", method="POST", body=qs(with_fields(poisoned, [(f"{key}[]", "a"), (f"{key}[]", "b")])))
        add(f"'{key}' as a map", method="POST", body=qs([f for f in poisoned if f[0] != key] + [(f"{key}[x]", "1")]))
    for key in fn.ints:
        for value in ("abc", "99999999999999999999999", "1.5", "-0x10", ""):
            add(f"'{key}' = {value!r}", method="POST", body=qs(with_fields(poisoned, [(key, value)])))
    for key, _ in [f for f in fn.fields if f[0].endswith("[]")][:1]:
        add(f"'{key}' as a nested map", method="POST", body=qs(poisoned + [(key[:-2] + "[a][b]", "c")]))
    # A NUL in each of the other fields: ids, codes and choices may be looked up in the database
    # before any text rule sees them (PostgreSQL refuses NUL in text).
    for key, value in fn.fields:
        if key in fn.hints:
            add(f"NUL in '{key}'", method="POST", body=qs(with_fields(poisoned, [(key, value + "\x00")])))
        elif key not in fn.texts and key not in fn.names:
            add(f"NUL in '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, value + "\x00")])))
    # Extra and duplicate fields (with the poison: the form would otherwise be a good one).
    add("unknown extra fields", method="POST",
        body=qs(poisoned + [("unknown", "1"), ("__proto__[admin]", "true"), ("is_admin", "true"), ("x[]", "1")]))
    if fn.fields:
        key, value = fn.fields[0]
        add(f"'{key}' twice", method="POST", body=qs(with_fields(poisoned, [])) + b"&" + qs([(key, value + "x")]))
    # Text that breaks the text rules, and too much of it.
    for key in fn.texts:
        for label, value in CONTROL:
            add(f"{label} in '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, value)])))
        add(f"invalid UTF-8 in '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, b"Walk\xff\xfe\xc3")])))
        add(f"percent-encoded invalid UTF-8 in '{key}'", method="POST",
            body=qs(with_fields(fn.fields, [(key, b"Walk%FF%FE%C3")])))
    for key in fn.texts[:1] + fn.names[:1]:
        add(f"200 KB in '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, "w" * 200_000)])))
    for key in fn.names:
        for label, value in INVISIBLE + CONTROL[:1]:
            add(f"{label} in the name '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, value)])))
        add(f"line break in the name '{key}'", method="POST", body=qs(with_fields(fn.fields, [(key, "Sam\nOkafor")])))
    # Bodies that are not a form, or not one the function reads. (Read as a form, a body that is
    # not one has none of the fields: skipped where no fields at all is a good request.)
    body = qs(poisoned)
    not_a_form = not fn.empty_is_valid
    if not_a_form:
        add("a JSON object of the fields as application/json", method="POST", content_type="application/json",
            body=('{' + ",".join(f'"{k}":"{v}"' for k, v in poisoned if not k.endswith("[]")) + '}').encode())
    add("text/plain", method="POST", content_type="text/plain; charset=utf-8", body=body)
    add("no content type", method="POST", content_type=None, body=body)
    add("a whole body of invalid UTF-8", method="POST", body=b"\xff\xfe\xfd=\xc3\x28&" + body)
    if not fn.writes:
        return cases
    # Big and deep bodies, to the functions that write.
    if not_a_form:
        add("deep JSON (50,000 levels) as application/json", method="POST", content_type="application/json",
            body=b"[" * 50_000 + b"]" * 50_000)
        add("deep JSON object as application/json", method="POST", content_type="application/json",
            body=b'{"a":' * 20_000 + b"1" + b"}" * 20_000)
        add("application/octet-stream of random bytes", method="POST", content_type="application/octet-stream",
            body=random.Random(fn.endpoint).randbytes(4096))
    add("multipart/form-data with a broken boundary", method="POST", content_type="multipart/form-data; boundary=x",
        body=b"--y\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + body)
    add("form nested 5,000 levels deep", method="POST", body=body + b"&a" + b"[a]" * 5_000 + b"=1")
    add("20,000 fields", method="POST", body=body + b"&" + b"&".join(b"f%d=1" % i for i in range(20_000)))
    # Bodies over the 256 KB limit (web.rs BODY_LIMIT_BYTES): announced, and sent in chunks.
    add("300 KB body with Content-Length", method="POST", body=body + b"&pad=" + b"p" * 300_000, expect=413)
    add("320 KB chunked body", method="POST", body=body + b"&pad=" + b"p" * 320_000, chunked=True, expect=413)
    add("3 MB announced, 64 KB sent", method="POST", body=body + b"&pad=" + b"p" * 65_536,
        declared_length=3 * 1024 * 1024, expect=413)
    # A browser without JavaScript: a refused form is redirected back to its page.
    add("no-JavaScript post of a refused form", method="POST", body=body,
        headers=[("Accept", "text/html,application/xhtml+xml"), ("Referer", "{origin}/my")])
    return cases


def route_cases() -> list[Case]:
    """Pages and plain routes: junk in paths and queries, wrong methods, and the sign-in routes."""
    long = "x" * 4000
    pages = [
        ("/my/goals/" + long, "resident"), ("/my/goals/%FF%FE", "resident"), ("/my/goals/%00", "resident"),
        ("/my/goals/..%2F..%2Fetc%2Fpasswd", "resident"), ("/my/goals/{goal}/history?x=%FF", "resident"),
        ("/my/about-me/no-such-section", "resident"), ("/my/about-me/%E2%80%AEwellness/history", "resident"),
        ("/my/statements/" + long, "resident"), ("/my/carers/abc", "resident"),
        ("/my/carers/99999999999999999999999", "resident"), ("/my/carers/-1", "resident"),
        ("/my/activity?before=abc&person=x&scope=%00", "resident"),
        ("/my/activity?before=99999999999999999999999", "resident"),
        ("/my/where-i-live?postcode=" + "M" * 5000, "resident"), ("/my/where-i-live?postcode=%00%FF", "resident"),
        ("/team?after=garbage&unread=maybe&needs=%FF&since=-1&goals=all&ward=%00&name=" + long, "staff"),
        ("/team/residents/abc", "staff"), ("/team/residents/99999999999999999999999", "staff"),
        ("/team/residents/-1", "staff"), ("/team/residents/%00", "staff"),
        ("/engagement/campaigns/abc", "officer"), ("/engagement/campaigns/99999999999999999999", "officer"),
        ("/engagement/campaigns/1%00/answers.csv", "officer"), ("/engagement/campaigns/abc/answers.csv", "officer"),
        ("/engagement/dashboard?from=not-a-date&to=2026-13-45&neighbourhood=%FF&campaign=x", "officer"),
        ("/engagement/dashboard.csv?from=not-a-date&to=%FF&months=999999", "officer"),
        ("/engagement/dashboard.csv?from[]=1&to[x]=2", "officer"),
        ("/stories?before=abc&neighbourhood=%00&service=" + long, None), ("/stories?before=-99999999999999999999", None),
        ("/stories?unanswered=%FF&neighbourhood[]=a", None),
        ("/team/feedback?before=abc&neighbourhood=%FF&service=" + long + "&unanswered=maybe", "staff"),
        ("/team/feedback?neighbourhood=chorlton%00", "staff"), ("/engagement/feedback?before=-1&service=%00", "officer"),
        ("/engagement/feedback?neighbourhood=" + long, "officer"),
        ("/admin/staff?search=%00&role=no-such-role&team=abc&page=99999999999999999999", "admin"),
        ("/admin/staff/1?back=https://evil.example&search=" + long, "admin"),
        ("/c/%E2%80%AEhow-are-we-doing", None), ("/c/" + long, None), ("/c/%FF", None),
        ("/admin/staff/abc", "admin"), ("/admin/staff/99999999999999999999", "admin"),
        ("/admin/places/no-such-kind/new", "admin"), ("/auth/login/no-such-provider", None),
        ("/auth/login/..%2F..%2Fetc", None), ("/auth/login/x?next=https://evil.example", None),
        ("/auth/callback?code=x&state=y", None), ("/auth/callback?error=access_denied&state=%FF", None),
        ("/auth/callback", None), ("/pkg/..%2F..%2FCargo.toml", None), ("/%00", None), ("/" + "a/" * 2000, None),
    ]
    # A NUL in each path part and query value a page looks up (PostgreSQL refuses NUL in text).
    pages += [
        ("/my/goals/0123456789abcde%00", "resident"), ("/my/about-me/wellness%00", "resident"),
        ("/my/statements/active-partner%00", "resident"), ("/my/carers/1%00", "resident"),
        ("/my/where-i-live?postcode=M21%00", "resident"), ("/my/activity?scope=needs%00", "resident"),
        ("/team?name=Walk%00ing", "staff"), ("/team?ward=chorlton%00", "staff"), ("/team?after=1%00", "staff"),
        ("/team/residents/{george}%00", "staff"), ("/engagement/campaigns/1%00", "officer"),
        ("/engagement/dashboard?neighbourhood=chorlton%00", "officer"), ("/engagement/dashboard?campaign=a%00", "officer"),
        ("/engagement/dashboard.csv?neighbourhood=chorlton%00", "officer"), ("/stories?neighbourhood=chorlton%00", None),
        ("/stories?service=district-nursing%00", None), ("/c/how-are-we-doing%00", None), ("/admin/staff/1%00", "admin"),
        ("/admin/places/ward%00/new", "admin"), ("/auth/login/nhs-login%00", None),
    ]
    cases = [Case(what=f"GET {path[:60]}", method="GET", path=path, role=role, content_type=None,
                  answered_ok=READ_ANSWERS if not path.startswith("/auth/") else
                  "a sign-in route: sends the browser back to sign in, with the problem on that page",
                  headers=[("Accept", "text/html,application/xhtml+xml")]) for path, role in pages]
    for method in ("PUT", "DELETE", "PATCH"):
        for path, role in [("/my", "resident"), ("/my/goals", "resident"), ("/team", "staff"), ("/readyz", None)]:
            cases.append(Case(what=f"{method} {path}", method=method, path=path, role=role, body=b"a=1"))
    # The demo sign-in form: person is a number (server/src/auth/mod.rs DemoSignIn).
    demo = lambda what, body, **kw: Case(what=f"/auth/demo: {what}", method="POST", path="/auth/demo", body=body, **kw)
    cases += [
        demo("person not a number", b"person=abc"), demo("person empty", b"person="), demo("no person", b""),
        demo("person too big", b"person=99999999999999999999999"), demo("person as a list", b"person[]=1&person[]=2"),
        demo("person with NUL", b"person=1%00"), demo("invalid UTF-8", b"person=\xff\xfe"),
        demo("no such person", b"person=999999999"), demo("JSON", b'{"person":1}', content_type="application/json"),
        demo("320 KB chunked", b"person=1&pad=" + b"p" * 320_000, chunked=True, expect=413),
        demo("from another site", b"person=1", same_origin=False, headers=[("Origin", "https://evil.example")]),
        Case(what="GET /auth/logout", method="GET", path="/auth/logout", content_type=None),
        Case(what="/auth/still-here: junk body, signed in", method="POST", path="/auth/still-here", role="resident",
             body=b"\xff\x00" * 100, answered_ok="keeping a session alive takes no fields: the body is not read"),
        Case(what="/auth/still-here: 320 KB chunked", method="POST", path="/auth/still-here", role="resident",
             body=b"a=" + b"p" * 320_000, chunked=True, may_close=True,
             answered_ok="keeping a session alive takes no fields: the body is not read"),
        Case(what="GET /auth/still-here", method="GET", path="/auth/still-here", role="resident", content_type=None),
        Case(what="/auth/still-here: from another site", method="POST", path="/auth/still-here", role="resident",
             body=b"", same_origin=False, headers=[("Origin", "https://evil.example")]),
        Case(what="/auth/logout: junk body, signed out", method="POST", path="/auth/logout", body=b"\xff" * 100,
             answered_ok="signing out takes no fields: the body is not read"),
    ]
    # Broken HTTP (hyper answers these itself).
    broken = [
        ("request line of junk", b"FOO\r\n\r\n"),
        ("no Host header", b"POST /api/whoami HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        ("Content-Length not a number", b"POST /api/whoami HTTP/1.1\r\nHost: {host}\r\nContent-Length: abc\r\n"
                                        b"Connection: close\r\n\r\n"),
        ("two different Content-Lengths", b"POST /api/add-goal HTTP/1.1\r\nHost: {host}\r\nContent-Length: 3\r\n"
                                          b"Content-Length: 5\r\nConnection: close\r\n\r\nabcde"),
        ("Content-Length and chunked", b"POST /api/add-goal HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n"
                                       b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"),
        ("bad chunk size", b"POST /api/add-goal HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n"
                           b"Connection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
        ("100 KB header", b"GET /my HTTP/1.1\r\nHost: {host}\r\nX-Big: " + b"b" * 100_000 + b"\r\nConnection: close\r\n\r\n"),
        ("20 KB URL", b"GET /my?" + b"q" * 20_000 + b" HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        ("header with a NUL", b"GET /my HTTP/1.1\r\nHost: {host}\r\nX-Nul: a\x00b\r\nConnection: close\r\n\r\n"),
        ("cookie of junk", b"GET /my HTTP/1.1\r\nHost: {host}\r\nCookie: hive_session=\xff\xfe;;==\r\n"
                           b"Connection: close\r\n\r\n"),
        ("HTTP/1.0 POST without a body", b"POST /api/add-goal HTTP/1.0\r\n\r\n"),
    ]
    cases += [Case(what=f"broken HTTP: {what}", method="RAW", path="", raw=raw, may_close=True,
                   answered_ok="HTTP that hyper reads, of a page that only reads" if raw.startswith(b"GET ") else None)
              for what, raw in broken]
    return cases


class BadInput:
    """Sends the cases to one Hive, each checked against the database it uses (if known)."""

    def __init__(self, http_: Http, db: Database | None, cookies: dict[str, str], values: dict[str, str],
                 server: Server | None = None):
        self.http, self.db, self.cookies, self.values = http_, db, cookies, values
        # Hive limits each person's writes (server/src/web.rs Limits::writes_per_minute) before it reads
        # the form: when a case meets the limit, our server is restarted (the limit is kept in
        # memory) and the case sent again. Without a server of our own (--url) it is counted as
        # limited, not checked.
        self.server = server
        self.restarts = 0
        self.limited: list[str] = []     # refused for the write limit, so not checked
        self.statuses = collections.Counter()
        self.failures: list[str] = []    # 5xx, or no answer where one was due
        self.stored: list[str] = []      # data changed by a malformed request
        self.stored_kinds: dict[str, dict[str, list[str]]] = {}  # kind of request -> function -> fields
        self.accepted: list[str] = []    # answered, not refused, where only a refusal is right
        self.answered = collections.Counter()  # answered, not refused, and why that is right
        self.count = 0
        self.unique = 0
        self.lines: list[str] = []       # every request's status, for the log in the work directory

    def fill(self, data: bytes | str) -> bytes:
        """The {placeholders} of a path or body, worked out as late as possible: a version (base)
        is the one saved now."""
        if isinstance(data, str):
            data = data.encode()
        for name in set(re.findall(rb"\{([a-z_]+)\}", data)):
            value = self.value(name.decode())
            if value is not None:
                data = data.replace(b"{" + name + b"}", value.encode())
        return data

    def value(self, name: str) -> str | None:
        if name == "origin":
            return self.http.origin
        if name == "host":
            return self.http.netloc
        if name in ("about_base", "needs_base", "goal_base"):
            return self.version(name)
        if name == "unique":  # a code or email no other request has used
            self.unique += 1
            return f"{self.unique}"
        return self.values.get(name)

    def version(self, name: str) -> str:
        """The version a form would be based on now (0 without database access)."""
        if self.db is None:
            return "1"
        kind, key = {"about_base": ("about-me", "wellness"), "needs_base": ("needs", "needs"),
                     "goal_base": ("goal", self.values["goal"])}[name]
        v = self.db.scalar(f"SELECT max(version) FROM record_versions WHERE resident_id = {self.values['george']} "
                           f"AND kind = '{kind}' AND item_key = '{key}'")
        return v or "0"

    def request_bytes(self, case: Case) -> list[bytes]:
        if case.raw is not None:
            return [self.fill(case.raw)]
        path = self.fill(case.path)
        body = self.fill(case.body) if case.body is not None else None
        lines = [b"%s %s HTTP/1.1" % (case.method.encode(), path), b"Host: " + self.http.netloc.encode(),
                 b"Connection: close", b"User-Agent: hive-reliability"]
        if case.same_origin and case.method not in ("GET", "HEAD"):
            lines += [b"Origin: " + self.http.origin.encode(), b"Sec-Fetch-Site: same-origin"]
        if case.role:
            lines.append(b"Cookie: " + self.cookies[case.role].encode())
        if case.content_type and body is not None:
            lines.append(b"Content-Type: " + case.content_type.encode())
        for name, value in case.headers:
            lines.append(name.encode() + b": " + self.fill(value))
        pieces = []
        if body is not None and case.chunked:
            lines.append(b"Transfer-Encoding: chunked")
            chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)]
            pieces = [b"%x\r\n%s\r\n" % (len(c), c) for c in chunks] + [b"0\r\n\r\n"]
        elif body is not None:
            lines.append(b"Content-Length: %d" % (case.declared_length or len(body)))
            pieces = [body]
        elif case.method not in ("GET", "HEAD"):
            lines.append(b"Content-Length: 0")
        return [b"\r\n".join(lines) + b"\r\n\r\n"] + pieces

    def body_excerpt(self, case: Case) -> str:
        body = self.fill(case.body) if case.body is not None else b""
        return repr(body[:160]) + ("…" if len(body) > 160 else "")

    def note_kind(self, case: Case) -> None:
        """Groups a request that changed data by its kind ('NUL in', 'zero-width space in the name')
        and function, with the field it was in."""
        endpoint, _, label = case.what.partition(": ")
        field = re.search(r"'([^']*)'", label)
        kind = re.sub(r" ?'[^']*'", "", label).strip()
        fields = self.stored_kinds.setdefault(kind, {}).setdefault(endpoint, [])
        if field and field.group(1) not in fields:
            fields.append(field.group(1))

    def describe(self, case: Case) -> str:
        if case.raw is not None:
            return case.what
        size = len(case.body or b"")
        role = f" as {ROLES[case.role]}" if case.role else " signed out"
        return f"{case.method} {case.path[:80]}{role} ({case.what}; {size} bytes)"

    @staticmethod
    def rate_limited(answer: RawAnswer) -> bool:
        if answer.status == 429:
            return True
        location = re.search(r"(?im)^location: *(.*?)\r?$", answer.head)
        return answer.status in (302, 303) and bool(location) and refusal(location.group(1)) == "TooMany"

    def changed(self, case: Case, answer: RawAnswer) -> list[str]:
        """What the request changed in the data tables since the last look (and note it)."""
        if not self.db:
            return []
        after = self.db.fingerprint()
        changes = diff_fingerprints(self.before, after)
        if changes:
            self.stored.append(f"{self.describe(case)} -> {answer.status}; changed {', '.join(changes)}")
            self.note_kind(case)
        self.before = after
        return changes

    def run(self, cases: list[Case], writes: set[str]) -> None:
        self.before = self.db.fingerprint() if self.db else None
        for i, case in enumerate(cases, 1):
            answer = raw_exchange(self.http.host, self.http.port, self.request_bytes(case))
            if self.rate_limited(answer):
                self.changed(case, answer)  # refused for the rate: nothing may have changed either
                if self.server:
                    self.server.stop()
                    self.server.start(same_port=True)
                    self.restarts += 1
                    self.before = self.db.fingerprint() if self.db else None
                    answer = raw_exchange(self.http.host, self.http.port, self.request_bytes(case))
                if self.rate_limited(answer):
                    self.limited.append(self.describe(case))
            self.count += 1
            label = str(answer.status) if answer.status else "no answer"
            self.lines.append(f"{label}\t{self.describe(case)}")
            self.statuses[label] += 1
            if case.expect and answer.status != case.expect:
                self.failures.append(f"{label} where {case.expect} is right ({answer.error or 'answered'}): "
                                     f"{self.describe(case)}")
            elif answer.status is None and not case.may_close:
                self.failures.append(f"no answer ({answer.error or 'closed'}): {self.describe(case)}; "
                                     f"body {self.body_excerpt(case)}")
            elif answer.status and answer.status >= 500:
                if "text/html" in answer.head.lower():
                    snippet = "an HTML page"
                else:
                    snippet = answer.body[:200].decode("utf-8", "replace").replace("\n", " ")
                self.failures.append(f"{answer.status}: {self.describe(case)}; body {self.body_excerpt(case)} "
                                     f"-> {snippet}")
            changes = self.changed(case, answer)
            location = re.search(r"(?im)^location: *(.*?)\r?$", answer.head)
            sent_back = answer.status in (302, 303) and location and refusal(location.group(1))
            if answer.status and 200 <= answer.status < 400 and not sent_back and not case.expect:
                if case.answered_ok:
                    self.answered[case.answered_ok] += 1
                elif not changes:
                    self.accepted.append(f"{answer.status}: {self.describe(case)}")
            if self.server and not self.server.alive():
                self.failures.append(f"hive exited (status {self.server.proc.returncode}) at or after: "
                                     f"{self.describe(case)}; body {self.body_excerpt(case)}")
                log(f"    hive exited (status {self.server.proc.returncode}); the rest is not sent")
                break
            if i % 100 == 0:
                log(f"    {i}/{len(cases)} sent; statuses so far {dict(self.statuses)}")


def bad_input_values(http_: Http, db: Database | None, cookies: dict[str, str], people: dict[str, int]) -> dict:
    """The ids the cases name: George's goal, Lin's grant for him, a proposal, a story…, from the
    database when it can be read, else from pages (or ids that do not exist)."""
    george = people["George Walsh"]
    # A goal of George's of his own, so requests about it reach its checks.
    status, _, _ = http_.post_form("/api/add-goal", goal_fields("Reliability goal"), cookies["resident"])
    if status != 200:
        raise SetupError(f"adding George's goal answered {status}")
    keys = goal_keys(http_.page("/my/goals", cookies["resident"])[1])
    values = {"george": str(george), "goal": keys[0] if keys else "0123456789abcdef", "grant": "999999999",
              "statement": "active-partner", "proposal": "999999999", "story": "999999999", "waiting": "999999999", "kept": "999999999",
              "campaign": "999999999", "question": "999999999", "service": "district-nursing",
              "neighbourhood": "chorlton", "ward": "chorlton-park", "ward_code": "ward:chorlton-park",
              "sam": str(people.get("Sam Okafor", 999999999)), "sam_email": "sam@example.nhs.uk",
              "sam_role": "practitioner", "sam_team": "1"}
    if db is None:
        grant = re.search(r'name="grant"[^>]*value="(\d+)"', http_.page("/caring", cookies["carer"])[1])
        if grant:
            values["grant"] = grant.group(1)
        return values
    lin = people["Lin Walsh"]
    queries = {
        "grant": f"SELECT id FROM carer_grants WHERE resident_id = {george} AND carer_id = {lin} "
                 "AND revoked_at IS NULL ORDER BY id LIMIT 1",
        "proposal": f"SELECT id FROM goal_proposals WHERE resident_id = {george} ORDER BY id LIMIT 1",
        "story": "SELECT id FROM feedback WHERE status = 'published' ORDER BY id LIMIT 1",
        "waiting": "SELECT id FROM feedback WHERE status = 'pending' ORDER BY id LIMIT 1",
        "kept": f"SELECT id FROM feedback WHERE status = 'private' AND resident_id = {george} ORDER BY id LIMIT 1",
        "campaign": "SELECT id FROM campaigns WHERE slug = 'how-are-we-doing'",
        "question": "SELECT q.id FROM campaign_questions q JOIN campaigns c ON c.id = q.campaign_id "
                    "WHERE c.slug = 'how-are-we-doing' ORDER BY q.position LIMIT 1",
        "service": "SELECT code FROM services ORDER BY id LIMIT 1",
        "statement": "SELECT code FROM person_statements WHERE active ORDER BY position LIMIT 1",
        "neighbourhood": "SELECT code FROM neighbourhoods ORDER BY id LIMIT 1",
        "ward": "SELECT code FROM wards ORDER BY id LIMIT 1",
        "ward_code": "SELECT 'ward:' || code FROM wards ORDER BY id DESC LIMIT 1",
        "sam_email": "SELECT email FROM people WHERE display_name = 'Sam Okafor'",
        "sam_role": "SELECT role FROM people WHERE display_name = 'Sam Okafor'",
        "sam_team": "SELECT team_id FROM people WHERE display_name = 'Sam Okafor'",
    }
    for name, sql in queries.items():
        found = db.scalar(sql)
        if found is not None:
            values[name] = found
    return values


def part_bad(args, backend: str | None, workdir: str) -> dict:
    """On a fresh server for `backend`, or (backend None) the one at --url."""
    server = db = None
    try:
        if backend:
            db = Database.fresh(backend, workdir, "bad")
            server = Server(args.binary, db, args.site_root, os.path.join(workdir, f"bad-{backend}.log"))
            server.start()
            http_ = Http(server.base)
        else:
            http_ = Http(args.url)
            db = Database(args.database_url) if args.database_url else None
        people = demo_people(http_)
        cookies = {role: sign_in(http_, people[name]) for role, name in ROLES.items()}
        values = bad_input_values(http_, db, cookies, people)
        cases = [c for fn in FUNCTIONS for c in function_cases(fn)] + route_cases()
        writes = {fn.path for fn in FUNCTIONS if fn.writes} | {"/auth/demo"}
        log(f"  bad input {backend or args.url}: {len(cases)} requests"
            + ("" if db else " (no database: stored data not checked)"))
        checker = BadInput(http_, db, cookies, values, server)
        checker.run(cases, writes)
        with open(os.path.join(workdir, f"bad-{backend or 'url'}.tsv"), "w") as f:
            f.write("\n".join(checker.lines) + "\n")
        try:
            alive = http_.request("GET", "/readyz", timeout=10)[0] == 200
        except OSError:
            alive = False
        if not alive:
            checker.failures.append("the server was not ready after the bad input (GET /readyz)")
        result = {"backend": backend or args.url, "requests": checker.count, "statuses": checker.statuses,
                  "failures": checker.failures, "stored": checker.stored, "accepted": checker.accepted,
                  "answered": checker.answered,
                  "stored_kinds": checker.stored_kinds, "restarts": checker.restarts,
                  "limited": checker.limited,
                  "checked_db": db is not None, "panics": []}
        log(f"  bad input {result['backend']}: {checker.count} requests, {len(checker.failures)} failures, "
            f"{len(checker.stored)} changed data; {dict(checker.statuses)}")
        if server:
            server.stop()
            result["panics"] = panics_in(server.log_path)
        return result
    finally:
        if server:
            server.kill9()
            db.drop()


# --------------------------------------------------------------------------------------------
# The report.
# --------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0) / 1048576
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}"


def histogram(counter: collections.Counter) -> str:
    def key(item):
        return (0, int(item[0])) if item[0].isdigit() else (1, item[0])
    return ", ".join(f"{k} ×{v}" for k, v in sorted(counter.items(), key=key))


def report(args, results: dict) -> str:
    build = "release" if "/release/" in (args.binary or "") else "debug" if "/debug/" in (args.binary or "") else ""
    out = [f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}"
           + (f", {build} build." if build else "."), ""]
    if "crash" in results:
        out += ["### Crash safety", "",
                f"Each round: {args.threads} threads add goals (the new-goal form, as a browser without "
                f"JavaScript posts it) as the {len(CRASH_RESIDENTS)} demo residents, "
                + (f"each at most {args.save_rate:g} a second (under the per-person write limit), " if args.save_rate
                   else "as fast as they are answered, ")
                + "for 0.5–3 s; then the server gets SIGKILL and is started again on the same database, "
                "which is read directly: every save acknowledged with the redirect to the goals list must be in "
                "`record_versions`. (SIGKILL ends the process, not the machine: what the database had written is "
                "still in the page cache.) Stored but never acknowledged means in flight at the kill: fine.", "",
                "| Backend | Rounds | Saves sent | Acknowledged | Lost | Stored, not acknowledged | Other answers |",
                "|---|---|---|---|---|---|---|"]
        for r in results["crash"]:
            other = collections.Counter({k: v for k, v in r["outcomes"].items() if k != "saved"})
            out.append(f"| {r['backend']} | {r['rounds']} | {r['sent']} | {r['acked']} | **{r['lost']}** | "
                       f"{r['unacked_stored']} | {histogram(other) or '—'} |")
        for r in results["crash"]:
            if r["restart_failed"]:
                out.append(f"\n**Hive did not start again after a kill on {r['backend']}**, {r['restart_failed'][:600]}")
            if r["lost"]:
                out.append(f"\nLost on {r['backend']}: {', '.join(r['lost_markers'][:20])}")
            if r["duplicates"]:
                out.append(f"\nStored twice on {r['backend']}: {r['duplicates']} saves.")
            for p in r["panics"][:5]:
                out.append(f"\nPanic on {r['backend']}: `{p[:300]}`")
        out.append("")
    if "load" in results:
        out += ["### Load", "",
                f"wrk, {args.load_seconds} s at {args.connections} connections ({args.wrk_threads} threads, "
                f"{args.wrk_timeout} s timeout), loopback, one Hive: signed-in pages of residents, a carer, staff "
                f"and an engagement officer, and {args.write_percent} % saves (progress notes on a goal, as the "
                "pages' script posts them), over six residents' sessions. Those six stand for many people, so "
                "for this part each may write as much as the load sends (`HIVE_WRITES_PER_MINUTE`; the limit "
                "itself is tested apart). Any socket error, 4xx, 429, 5xx or ERROR in the log fails the run; "
                "the saves stored are counted in the database afterwards.", "",
                "| Backend | Requests | Req/s | p50 / p99 ms | Saves sent | Saves stored | Socket errors (connect / read / "
                "write / timeout) | 4xx | 429 | 5xx | Ready after | Stopped on SIGTERM |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in results["load"]:
            seconds = r["duration_us"] / 1e6 or 1
            out.append(f"| {r['backend']} | {r['requests']} | {r['requests'] / seconds:.0f} | "
                       f"{r['p50_us'] / 1000:.1f} / {r['p99_us'] / 1000:.1f} | {r['writes_sent']} | {r['stored']} | "
                       f"{r['connect']} / {r['read']} / {r['write']} / {r['timeout']} | {r['s4']} | "
                       f"{r['s429']} | **{r['s5']}** | {'yes' if r['alive'] else '**no**'} | "
                       f"{'yes' if r['stopped'] else '**no** (a thread stuck: SIGKILL after 30 s)'} |")
        for r in results["load"]:
            if r["errors_logged"]:
                out.append(f"\n{r['backend']}: {r['errors_logged']} ERROR lines in the server log.")
            for p in r["panics"][:5]:
                out.append(f"\nPanic on {r['backend']}: `{p[:300]}`")
        out.append("")
    if "bad" in results:
        out += ["### Bad input", "",
                "Malformed requests to every server function (as the role it is for) and route: wrong methods, "
                "types and content types; missing, extra and duplicate fields; huge fields and bodies (also "
                "chunked, over 256 KB); invalid UTF-8; NUL and control characters; invisible characters in names; "
                "deep JSON and form nesting; cross-site writes; broken HTTP. The data tables (all but "
                f"{', '.join(sorted(VOLATILE_TABLES - {'_sqlx_migrations'}))}) are fingerprinted, row counts "
                "and contents, before and after each request. A request that meets the per-person write limit "
                "(429) is sent again after a restart of the server (the limit is kept in memory), so that its "
                "checks are reached.", "",
                "Every request to something that writes must be refused: a 4xx, or (a form posted without "
                "JavaScript) sent back to its page with the error. Requests that only read may answer their page; "
                "they are counted apart, by why that is right. Any other 2xx or 3xx fails the run, as do a 5xx, "
                "no answer, and a change to the data.", "",
                "| Backend | Requests | 5xx or no answer | Changed data | Answered, not refused | Write limit: restarts / "
                "left unchecked | Statuses |",
                "|---|---|---|---|---|---|---|"]
        for r in results["bad"]:
            stored = str(len(r["stored"])) if r["checked_db"] else "not checked"
            out.append(f"| {r['backend']} | {r['requests']} | **{len(r['failures'])}** | **{stored}** | "
                       f"{len(r['accepted'])} | {r['restarts']} / {len(r['limited'])} | {histogram(r['statuses'])} |")
        for r in results["bad"]:
            if r["answered"]:
                out += ["", f"Answered, not refused, and right to be, on {r['backend']}:", ""]
                out += [f"- {n} × {why}" for why, n in sorted(r["answered"].items(), key=lambda x: -x[1])]
        for r in results["bad"]:
            if r["stored_kinds"]:
                out += ["", f"Malformed requests that changed data on {r['backend']}, by kind (function: fields):", ""]
                for kind, functions in r["stored_kinds"].items():
                    listed = "; ".join(f"{fn} ({', '.join(fields)})" if fields else fn for fn, fields in functions.items())
                    out.append(f"- {kind}: {listed}")
            for title, items in (("5xx or no answer", r["failures"]), ("Each request that changed data", r["stored"]),
                                 ("Answered, not refused (nothing changed)", r["accepted"]),
                                 ("Left unchecked: refused for the write limit", r["limited"]),
                                 ("Panics", r["panics"])):
                if not items:
                    continue
                lines = [f"- `{i[:400]}`" for i in items[:40]]
                if len(items) > 40:
                    lines.append(f"- … and {len(items) - 40} more")
                if len(items) > 5 and items is not r["failures"]:  # folded: the summary says what they are
                    out += ["", f"<details><summary>{title} on {r['backend']} ({len(items)})</summary>", ""]
                    out += lines + ["", "</details>"]
                else:
                    out += ["", f"{title} on {r['backend']}:", ""] + lines
        out.append("")
    for part, error in results.get("errors", []):
        out.append(f"**{part} could not run:** {error}\n")
    return "\n".join(out)


def failed(results: dict) -> list[str]:
    """Why the run fails, if it does."""
    reasons = []
    for r in results.get("crash", []):
        if r["lost"]:
            reasons.append(f"crash {r['backend']}: {r['lost']} acknowledged saves lost")
        if r["restart_failed"]:
            reasons.append(f"crash {r['backend']}: hive did not start again after a kill")
    for r in results.get("load", []):
        if r["s5"]:
            reasons.append(f"load {r['backend']}: {r['s5']} answers were 5xx")
        sockets = r["connect"] + r["read"] + r["write"] + r["timeout"]
        if sockets:
            reasons.append(f"load {r['backend']}: {sockets} socket errors")
        if r["s4"] or r["s429"]:
            reasons.append(f"load {r['backend']}: {r['s4']} answers were 4xx and {r['s429']} were 429")
        if r["errors_logged"]:
            reasons.append(f"load {r['backend']}: {r['errors_logged']} ERROR lines in the server's log")
        if r["stored"] == 0:
            reasons.append(f"load {r['backend']}: no save was stored")
        if not r["alive"]:
            reasons.append(f"load {r['backend']}: the server was not ready afterwards")
        if not r["stopped"]:
            reasons.append(f"load {r['backend']}: the server did not stop on SIGTERM (a thread stuck)")
    for r in results.get("bad", []):
        if r["failures"]:
            reasons.append(f"bad input {r['backend']}: {len(r['failures'])} 5xx or unanswered")
        if r["stored"]:
            reasons.append(f"bad input {r['backend']}: {len(r['stored'])} malformed requests changed data")
        if r["accepted"]:
            reasons.append(f"bad input {r['backend']}: {len(r['accepted'])} malformed requests were answered, "
                           "not refused")
    for r in results.get("crash", []) + results.get("load", []) + results.get("bad", []):
        if r.get("panics"):
            reasons.append(f"{r['backend']}: the server panicked ({len(r['panics'])} times)")
    return reasons


def find_binary() -> str | None:
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/hive/target"))
    for build in ("release", "debug"):
        path = os.path.join(target, build, "hive")
        if os.access(path, os.X_OK):
            return path
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default=os.environ.get("RELIABILITY_PARTS", "crash,load,bad"),
                        help="comma-separated: crash, load, bad (default all)")
    parser.add_argument("--binary", default=os.environ.get("HIVE_BIN") or find_binary(),
                        help="the hive binary (default $CARGO_TARGET_DIR/{release,debug}/hive)")
    parser.add_argument("--backends", default=os.environ.get("RELIABILITY_BACKENDS", "sqlite,postgres"),
                        help="sqlite,postgres (PostgreSQL only when psql reaches 127.0.0.1:5432)")
    parser.add_argument("--site-root", default=os.environ.get("LEPTOS_SITE_ROOT", os.path.join(ROOT, "target/site")))
    parser.add_argument("--rounds", type=int, default=env_int("RELIABILITY_ROUNDS", 10))
    parser.add_argument("--threads", type=int, default=env_int("RELIABILITY_THREADS", 8),
                        help="threads saving in each crash round")
    parser.add_argument("--save-rate", type=float, default=env_int("RELIABILITY_SAVE_RATE", 20),
                        help="crash rounds: saves a second per person, at most (under the per-person write "
                             "limit for the 3 s a round can last; 0: as fast as the server answers)")
    parser.add_argument("--load-seconds", type=int, default=env_int("RELIABILITY_LOAD_SECONDS", 60))
    parser.add_argument("--connections", type=int, default=env_int("RELIABILITY_CONNECTIONS", 200))
    parser.add_argument("--wrk-threads", type=int, default=env_int("RELIABILITY_WRK_THREADS", 2))
    parser.add_argument("--wrk-timeout", type=int, default=env_int("RELIABILITY_WRK_TIMEOUT", 10),
                        help="seconds before wrk counts a request as timed out")
    parser.add_argument("--write-percent", type=int, default=env_int("RELIABILITY_WRITE_PERCENT", 10))
    parser.add_argument("--url", help="bad input only: an already running Hive (demo mode) instead of starting "
                                      "one; it gets a goal for George Walsh, and whatever it wrongly accepts")
    parser.add_argument("--database-url", help="with --url: its HIVE_DATABASE_URL, to check nothing was stored "
                                               "(without it, only the answers are checked)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for the kill moments")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work directory: server logs, the wrk script, every bad request's status (.tsv)")
    args = parser.parse_args()

    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - {"crash", "load", "bad"}
    if unknown:
        parser.error(f"unknown parts: {sorted(unknown)}")
    if args.url and parts != ["bad"]:
        parser.error("--url is for the bad-input part only (--parts bad)")
    needs_binary = not args.url
    if needs_binary and not (args.binary and os.access(args.binary, os.X_OK)):
        log(f"reliability: no hive binary (looked for {args.binary or '$CARGO_TARGET_DIR/{release,debug}/hive'})")
        return 2
    for tool in ["sqlite3"] + (["wrk"] if "load" in parts else []):
        if not shutil.which(tool):
            log(f"reliability: {tool} is missing")
            return 2
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgres" in backends and not args.url and not postgres_available():
        log("reliability: no PostgreSQL on 127.0.0.1:5432; SQLite only")
        backends.remove("postgres")

    workdir = tempfile.mkdtemp(prefix="hive-reliability-")
    results: dict = {"errors": []}
    try:
        for part in ("crash", "load", "bad"):
            if part not in parts:
                continue
            results[part] = []
            for backend in ([None] if args.url else backends):
                log(f"==> {part}, {backend or args.url}")
                try:
                    if part == "crash":
                        results[part].append(part_crash(args, backend, workdir))
                    elif part == "load":
                        results[part].append(part_load(args, backend, workdir))
                    else:
                        results[part].append(part_bad(args, backend, workdir))
                except SetupError as e:
                    log(f"reliability: {part} on {backend} could not run: {e}")
                    results["errors"].append((f"{part} ({backend or args.url})", str(e).splitlines()[0]))
    finally:
        if args.keep:
            log(f"reliability: logs and scripts kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(args, results))
    reasons = failed(results)
    for reason in reasons:
        log(f"reliability: FAILED: {reason}")
    if reasons:
        return 1
    return 2 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
