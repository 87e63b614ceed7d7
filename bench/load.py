"""Load test of ``POST /match/default``: a real server, a steady request rate from a second process.

    python -m bench.load [--seconds 60] [--rate 200] [--home PATH]

Starts ``kenning serve`` (one uvicorn worker on 127.0.0.1) over a store with every bundled list (under
``--home``, ``$KENNING_HOME`` or ``/tmp/kenning-bench-home``; loaded and linked first when empty), then
sends yente match requests from this process on a fixed schedule (open loop: request *i* leaves at
``start + i / rate`` whether or not earlier ones have finished, so a slow server cannot slow the load
down and hide its own latency). Queries are names from the lists with realistic noise (typos, case,
word order, dropped middle names; some with a birth date or nationality) and invented names that
should match nothing. Latency is measured from each request's scheduled time to the last byte of its
response. Prints one table: errors (goal 0), achieved rate, p50/p99 latency (goal p99 ≤ 25 ms) and the
server's resident memory with all lists loaded (goal ≤ 1 GiB, ``VmRSS`` of ``/proc/PID/status``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

DEFAULT_HOME = Path("/tmp/kenning-bench-home")
SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel")
GIVEN = ["James", "Maria", "Wei", "Fatima", "Olga", "Juan", "Aisha", "Thomas", "Priya", "Kenji", "Sofia", "Lukas",
         "Amara", "Dmitri", "Chloe", "Mateo", "Ingrid", "Tariq", "Hannah", "Oscar", "Leila", "Pavel", "Nora", "Diego"]
FAMILY = ["Thornbury", "Okonkwo", "Lindqvist", "Castellanos", "Brennan", "Takahashi", "Moreau", "Van der Berg",
          "Abernathy", "Kowalczyk", "Fairweather", "Nakamura", "Delacroix", "Halvorsen", "Pemberton", "Oyelaran"]
FIRMS = ["Northwind", "Bluefield", "Harbourline", "Greystone", "Cobalt Ridge", "Silverleaf", "Meadowbrook", "Ironvale"]
FORMS = ["Ltd", "GmbH", "LLC", "S.A.", "Holdings", "Trading Co", "Logistics"]


@dataclass
class Probe:
    """One request body, and the listed party it should find (None for an invented name)."""

    body: bytes
    expected: str | None


def use_home(home: Path) -> None:
    """Point Kenning at ``home``; load, index and link the bundled lists there if it has none."""
    os.environ["KENNING_HOME"] = str(home)
    for key in ("KENNING_DB", "KENNING_INDEX_DIR"):
        os.environ.pop(key, None)
    from kenning import settings

    settings.reload()
    from kenning.store import open_store

    store = open_store()
    if not store.current_versions():
        print(f"loading the bundled lists into {home} (about a minute)", file=sys.stderr)
        from kenning.matching import Screener
        from kenning.matching.service import relink
        from kenning.store.service import load_lists

        load_lists(store, show_progress=False)
        relink(store, Screener.open())
    store.engine.dispose()


def _noisy(name: str, rng: random.Random) -> str:
    """A name as a customer file might spell it: a typo, other case, other order, a part missing."""
    words = name.replace(",", " ").split()
    kind = rng.choice(["as is", "typo", "case", "order", "drop", "typo"])
    if kind == "order" and len(words) > 1:
        words = words[1:] + words[:1]
    elif kind == "drop" and len(words) > 2:
        del words[rng.randrange(1, len(words) - 1)]
    text = " ".join(words)
    if kind == "case":
        text = text.title() if text.isupper() else text.upper()
    elif kind == "typo" and len(text) > 6:
        i = rng.randrange(1, len(text) - 1)
        text = rng.choice([text[:i] + text[i + 1:], text[:i] + text[i + 1] + text[i] + text[i + 2:],
                           text[:i] + rng.choice("aeiou") + text[i + 1:]])
    return text


def _body(schema: str, props: dict[str, list[str]]) -> bytes:
    return orjson.dumps({"queries": {"q1": {"schema": schema, "properties": props}}})


def listed_probes(count: int, rng: random.Random) -> list[Probe]:
    """Queries made from listed parties' names (with noise), some with a birth date or nationality."""
    from kenning.store import open_store

    parties = [e for e in open_store().iter_entities(targets_only=True) if e.schema.name in SCHEMAS]
    probes = []
    for entity in rng.sample(parties, min(count, len(parties))):
        names = entity.get("name") + entity.get("alias", quiet=True)
        if not names:
            continue
        props = {"name": [_noisy(rng.choice(names), rng)]}
        births = entity.get("birthDate", quiet=True)
        if births and rng.random() < 0.5:
            props["birthDate"] = [births[0]]
        countries = entity.get("nationality", quiet=True) or entity.get("country", quiet=True)
        if countries and rng.random() < 0.3:
            props["nationality" if entity.schema.name == "Person" else "country"] = [countries[0]]
        probes.append(Probe(_body(entity.schema.name, props), str(entity.id)))
    return probes


def invented_probes(count: int, rng: random.Random) -> list[Probe]:
    """Customers who are on no list: invented people and companies."""
    probes = []
    for _ in range(count):
        if rng.random() < 0.7:
            name = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)}"
            props = {"name": [name], "birthDate": [f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-"
                                                   f"{rng.randint(1, 28):02d}"]}
            probes.append(Probe(_body("Person", props), None))
        else:
            name = f"{rng.choice(FIRMS)} {rng.choice(FAMILY)} {rng.choice(FORMS)}"
            probes.append(Probe(_body("Company", {"name": [name]}), None))
    return probes


@dataclass
class Outcome:
    """One request: when it was due, when it finished, and whether it was answered correctly."""

    due: float
    done: float
    ok: bool
    found: bool | None = None
    error: str | None = None
    #: Turned away at once by the server's load shedding (503 with Retry-After), not failed.
    shed: bool = False


#: Seconds a connection may sit idle before it is dropped (uvicorn closes them after 5).
IDLE_SECONDS = 3.0


@dataclass
class Pool:
    """Keep-alive HTTP/1.1 connections to the server (a tiny client: the load generator must be cheap)."""

    port: int
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = field(default_factory=list)

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        now = time.monotonic()
        while self.idle:
            reader, writer, since = self.idle.pop()
            if now - since < IDLE_SECONDS:
                return reader, writer
            writer.close()
        return await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        reader, writer = await self._connection()
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        writer.write(head + body)
        await writer.drain()
        raw = await reader.readuntil(b"\r\n\r\n")
        status = int(raw[9:12])
        length = 0
        for line in raw.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        payload = await reader.readexactly(length)
        self.idle.append((reader, writer, time.monotonic()))
        return status, payload


async def _one(pool: Pool, probe: Probe, due: float) -> Outcome:
    loop = asyncio.get_running_loop()
    try:
        status, payload = await asyncio.wait_for(pool.post("/match/default", probe.body), timeout=10)
        data: dict[str, Any] = orjson.loads(payload) if status == 200 else {}
        answer = data.get("responses", {}).get("q1", {})
        ok = status == 200 and answer.get("status") == 200
        if not ok:
            return Outcome(due, loop.time(), False, error=f"HTTP {status}: {payload[:200]!r}",
                           shed=status == 503 and b"busy" in payload)
        found = None
        if ok and probe.expected is not None:
            found = any(r["id"] == probe.expected and r["match"] for r in answer["results"])
        return Outcome(due, loop.time(), ok, found)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
        return Outcome(due, loop.time(), False, error=f"{type(exc).__name__}: {exc}")


async def drive(port: int, probes: list[Probe], rate: float, seconds: float) -> list[Outcome]:
    """Send ``rate`` requests a second for ``seconds``, each on its schedule; wait for every answer."""
    pool = Pool(port)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.2
    tasks = []
    for i in range(int(rate * seconds)):
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_one(pool, probes[i % len(probes)], due)))
    outcomes = list(await asyncio.gather(*tasks))
    for _reader, writer, _since in pool.idle:
        writer.close()
    return outcomes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(home: Path, port: int, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``kenning serve`` with one worker (and ``extra_env`` settings), waited for until /readyz answers 200."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_")} | {"KENNING_HOME": str(home)}
    env |= extra_env or {}
    command = [str(Path(sys.executable).with_name("kenning")), "serve", "--port", str(port), "--workers", "1",
               "--log-level", "warning"]
    proc = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not become ready in 180 s")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM (peak) of a process, in bytes."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024
    return values["VmRSS"], values["VmHWM"]


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (the server's news extraction process, its multiprocessing helper)."""
    found: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:  # the field after the state is the parent's pid
            found.append(int(stat.parent.name))
    return found


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


@dataclass
class Machine:
    """What the server used, and how busy the machine was (other processes share its cores)."""

    rss: tuple[int, int]
    cpu: float
    load: tuple[float, float]


def report(outcomes: list[Outcome], rate: float, seconds: float, machine: Machine) -> None:
    """The one table: errors, rate, latencies, memory, CPU, and how many listed names were found."""
    from kenning.cli.output import print_table

    latencies = [(o.done - o.due) * 1000 for o in outcomes if o.ok]
    errors = sum(not o.ok for o in outcomes)
    span = max(o.done for o in outcomes) - min(o.due for o in outcomes)
    achieved = (len(outcomes) - errors) / span if span > 0 else 0.0
    p50, p99 = _percentile(latencies, 0.50), _percentile(latencies, 0.99)
    positives = [o.found for o in outcomes if o.found is not None]
    mib = 1024 * 1024
    rss = machine.rss
    rows: list[list[Any]] = [
        ["requests sent", len(outcomes), f"{rate:.0f}/s, {seconds:.0f} s", ""],
        ["errors", errors, "0", "ok" if errors == 0 else "MISSED"],
        ["achieved rate", f"{achieved:.1f}/s", f"{rate:.0f}/s", "ok" if achieved >= 0.98 * rate else "MISSED"],
        ["latency p50", f"{p50:.1f} ms", "", ""],
        ["latency p90", f"{_percentile(latencies, 0.90):.1f} ms", "", ""],
        ["latency p99", f"{p99:.1f} ms", "≤ 25 ms", "ok" if p99 <= 25 else "MISSED"],
        ["latency max", f"{max(latencies, default=float('nan')):.1f} ms", "", ""],
        ["server RSS, all lists", f"{rss[0] / mib:.0f} MiB", "≤ 1024 MiB", "ok" if rss[0] <= 1024 * mib else "MISSED"],
        ["server peak RSS", f"{rss[1] / mib:.0f} MiB", "", ""],
        ["server CPU", f"{machine.cpu / seconds:.0%} of a core", "", ""],
        ["server CPU/request", f"{machine.cpu / len(outcomes) * 1000:.2f} ms", "", ""],
        ["machine load (1 min)", f"{machine.load[0]:.1f} → {machine.load[1]:.1f}, {os.cpu_count()} cores", "", ""],
        ["listed names found", f"{sum(positives)}/{len(positives)}", "", ""],
    ]
    print_table("POST /match/default, one uvicorn worker on 127.0.0.1", ["measure", "value", "goal", ""], rows)


def load_arguments(doc: str | None, seconds: float, seed: int) -> argparse.ArgumentParser:
    """The options every load bench takes: how long, how fast, which store, which queries."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=seconds, help=f"how long to send (default {seconds:g})")
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second (default 200)")
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("KENNING_HOME") or DEFAULT_HOME),
                        help="KENNING_HOME of the store to serve (loaded first when empty)")
    parser.add_argument("--seed", type=int, default=seed, help="random seed of the queries")
    return parser


def mixed_probes(seed: int) -> list[Probe]:
    """1,500 listed names and 1,000 invented ones, shuffled."""
    rng = random.Random(seed)
    probes = listed_probes(1500, rng) + invented_probes(1000, rng)
    rng.shuffle(probes)
    return probes


def main(argv: list[str] | None = None) -> int:
    args = load_arguments(__doc__, 60.0, 7).parse_args(argv)
    use_home(args.home)
    probes = mixed_probes(args.seed)
    port = free_port()
    server = start_server(args.home, port)
    try:
        asyncio.run(drive(port, probes[::-1], args.rate, min(args.seconds, 3.0)))  # warm-up, not counted
        load_before, cpu_before = os.getloadavg()[0], cpu_seconds(server.pid)
        outcomes = asyncio.run(drive(port, probes, args.rate, args.seconds))
        machine = Machine(memory(server.pid), cpu_seconds(server.pid) - cpu_before,
                          (load_before, os.getloadavg()[0]))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(outcomes, args.rate, args.seconds, machine)
    kinds = Counter(o.error for o in outcomes if o.error)
    for kind, count in kinds.most_common(5):
        print(f"error x{count}: {kind}", file=sys.stderr)
    errors = sum(not o.ok for o in outcomes)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
