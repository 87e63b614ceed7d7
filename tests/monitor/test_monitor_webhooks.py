"""Webhooks: signed with HMAC-SHA256, retried with backoff, against a receiver on 127.0.0.1; export."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import orjson
import pytest

from kenning.monitor.export import export
from kenning.monitor.run import run_monitor
from kenning.monitor.service import import_portfolio
from kenning.monitor.webhooks import add_webhook, deliver_pending
from kenning.store import Store
from monitorkit import AFTER, BEFORE, load, write_customers
from testkit import serve_handler


class Receiver:
    """A webhook receiver that answers 500 to the first ``fail`` posts, then 204, and keeps what it got."""

    def __init__(self, fail: int) -> None:
        self.fail = fail
        self.posts: list[tuple[float, dict[str, str], bytes]] = []


@pytest.fixture
def receiver() -> Iterator[tuple[str, Receiver]]:
    state = Receiver(fail=2)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            state.posts.append((time.monotonic(), {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(500 if len(state.posts) <= state.fail else 204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serve_handler(Handler) as base:
        yield f"{base}/hook", state


def test_new_alerts_are_signed_and_retried_with_backoff(kenning_home: Path, tmp_path: Path,
                                                        receiver: tuple[str, Receiver], kenning_setting) -> None:
    kenning_setting("WEBHOOK_BACKOFF", "0.3")
    url, got = receiver
    store = Store()
    hook = add_webhook(store, url, "s3cret", "admin")
    import_portfolio(store, "demo", write_customers(tmp_path / "c.csv", [("c1", "Sadio Camara", "Person", "", "")]))
    load(store, BEFORE)
    run_monitor(store, show_progress=False)
    load(store, AFTER)
    run_monitor(store, show_progress=False)
    counts = deliver_pending(store, wait=10)
    assert counts == {"delivered": 1, "retrying": 2, "failed": 0}
    assert len(got.posts) == 3
    gaps = [b[0] - a[0] for a, b in zip(got.posts, got.posts[1:], strict=False)]
    assert 0.25 <= gaps[0] < gaps[1] and gaps[1] >= 0.55
    _at, headers, body = got.posts[-1]
    expected = hmac.new(hook["secret"].encode(), headers["x-kenning-timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["x-kenning-signature"] == f"sha256={expected}"
    assert {h["x-kenning-delivery"] for _t, h, _b in got.posts} == {"1"}
    alert = orjson.loads(body)["alert"]
    assert (alert["customer_id"], alert["subject"], alert["kind"]) == ("c1", "us_ofac_sdn-42618", "new")
    assert deliver_pending(store) == {"delivered": 0, "retrying": 0, "failed": 0}


def test_export_alerts_and_decisions_as_csv_and_json_lines(kenning_home: Path, tmp_path: Path) -> None:
    from kenning.monitor.decisions import decide

    store = Store()
    import_portfolio(store, "demo", write_customers(tmp_path / "c.csv", [("c1", "Sadio Camara", "Person", "", "")]))
    load(store, BEFORE)
    run_monitor(store, show_progress=False)
    load(store, AFTER)
    run_monitor(store, show_progress=False)
    decide(store, 1, "true_match", "same DOB and passport", "alice")
    out = io.BytesIO()
    assert export(store, "alerts", "jsonl", out) == 1
    row = orjson.loads(out.getvalue())
    assert (row["customer_id"], row["status"], row["decided_by"], row["cause"]) == ("c1", "true_match", "alice",
                                                                                   "list")
    out = io.BytesIO()
    assert export(store, "decisions", "csv", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert rows[0]["analyst"] == "alice" and rows[0]["reason"] == "same DOB and passport"
