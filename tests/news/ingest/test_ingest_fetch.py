"""URLs and feeds, fetched from a real HTTP server on 127.0.0.1 serving the fixture files."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from kenning.errors import FetchError, ParseError
from kenning.news.ingest.collect import ingest_feed, ingest_many, ingest_url
from kenning.news.ingest.fetch import fetch
from kenning.news.ingest.fetch_guard import check_url, policy_from
from testkit import SetSetting

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "news" / "site"
TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf"}
FEED_TYPES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml",
              "broken.xml": "application/rss+xml"}
BIG = 50 * 1024 * 1024


@dataclass
class Server:
    """The running fake site: its base URL, the paths it was asked for, and bytes sent by /big."""

    base: str
    port: int
    hits: list[str] = field(default_factory=list)
    big_sent: int = 0
    big_done: threading.Event = field(default_factory=threading.Event)


class Handler(BaseHTTPRequestHandler):
    """Routes: /site/FILE, /redirect?to=URL, /hops/N, /big, /declared-big, /slow."""

    state: Server

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _file(self, name: str) -> None:
        path = SITE / name
        if not path.is_file():
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            return
        kind = FEED_TYPES.get(name) or TYPES[path.suffix]
        self._send(200, path.read_bytes(), {"Content-Type": kind})

    def _big(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65533
        try:
            while self.state.big_sent < BIG:
                self.wfile.write(chunk)
                self.state.big_sent += len(chunk)
        except OSError:
            pass
        finally:
            self.state.big_done.set()

    def do_GET(self) -> None:
        """Answer one request from the routes above."""
        self.state.hits.append(self.path)
        url = urlsplit(self.path)
        if url.path.startswith("/site/"):
            self._file(url.path.removeprefix("/site/"))
        elif url.path == "/redirect":
            self._send(302, headers={"Location": parse_qs(url.query)["to"][0]})
        elif url.path.startswith("/hops/"):
            left = int(url.path.removeprefix("/hops/"))
            self._send(302, headers={"Location": f"/hops/{left - 1}" if left > 1 else "/site/report.html"})
        elif url.path == "/big":
            self._big()
        elif url.path == "/declared-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
        elif url.path == "/slow":
            time.sleep(2)
            self._file("report.html")
        else:
            self._send(404, b"not found", {"Content-Type": "text/plain"})


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when a client hangs up on purpose."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients in these tests disconnect early (timeouts, size caps); that is expected."""


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A threaded HTTP server on a free port of 127.0.0.1, stopped after the module's tests."""
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port = httpd.server_address[1]
    Handler.state = Server(f"http://127.0.0.1:{port}", port)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Handler.state
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_page_is_fetched_when_private_addresses_are_allowed(server: Server) -> None:
    article = ingest_url(f"{server.base}/site/report.html", allow_private=True)
    assert article.title == "Treasury sanctions three Malian officials over Wagner ties"
    assert article.url == f"{server.base}/site/report.html"
    assert article.source == f"{server.base}/site/report.html"
    assert (article.published, article.outlet) == ("2023-07-24", "Sahel Monitor")
    assert article.fetched_at is not None and article.fetched_at.endswith("+00:00")


def test_plain_text_url_keeps_its_header(server: Server) -> None:
    article = ingest_url(f"{server.base}/site/notice.txt", allow_private=True)
    assert (article.title, article.published, article.published_source) == \
        ("Asset freeze notice", "2023-07-24", "header")


def test_loopback_is_refused_without_permission(server: Server, kenning_setting: SetSetting) -> None:
    kenning_setting("ALLOW_PRIVATE_URLS", None)
    before = len(server.hits)
    with pytest.raises(FetchError, match=r"refused, 127\.0\.0\.1 is a loopback address"):
        ingest_url(f"{server.base}/site/report.html")
    assert len(server.hits) == before


def test_the_environment_can_allow_a_network(server: Server, kenning_setting: SetSetting) -> None:
    kenning_setting("ALLOW_PRIVATE_URLS", "127.0.0.0/8")
    assert ingest_url(f"{server.base}/site/second.html").outlet == "Brussels Briefing"
    kenning_setting("ALLOW_PRIVATE_URLS", "10.0.0.0/8")
    with pytest.raises(FetchError, match="loopback"):
        ingest_url(f"{server.base}/site/second.html")


@pytest.mark.parametrize(("target", "why"), [
    ("http://127.0.0.2:{port}/site/report.html", r"127\.0\.0\.2 is a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", r"169\.254\.169\.254 is a link-local address"),
    ("http://[::ffff:127.0.0.1]:{port}/site/report.html", r"loopback address \(inside the IPv6 address, "),
    ("http://10.0.0.7/", r"10\.0\.0\.7 is a private address"),
])
def test_redirect_to_a_refused_address_is_refused(server: Server, target: str, why: str) -> None:
    to = target.format(port=server.port)
    with pytest.raises(FetchError, match=why):
        fetch(f"{server.base}/redirect?to={to}", allow_private=["127.0.0.1/32"])


def test_at_most_five_redirects(server: Server) -> None:
    assert fetch(f"{server.base}/hops/5", allow_private=True).url == f"{server.base}/site/report.html"
    with pytest.raises(FetchError, match=r"more than 5 redirects; stopped at .*/site/report\.html"):
        fetch(f"{server.base}/hops/6", allow_private=True)


def test_oversized_body_is_refused_while_streaming(server: Server) -> None:
    with pytest.raises(FetchError, match=r"/big: refused, the body passed the 10\.0 MiB limit while downloading"):
        fetch(f"{server.base}/big", allow_private=True)
    assert server.big_done.wait(10)
    assert server.big_sent < BIG // 2


def test_announced_oversize_is_refused_before_reading(server: Server) -> None:
    with pytest.raises(FetchError, match=r"announces 50\.0 MiB, more than the 10\.0 MiB limit"):
        fetch(f"{server.base}/declared-big", allow_private=True)


def test_wrong_content_type_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match=r"listing\.pdf: content type application/pdf is not HTML"):
        fetch(f"{server.base}/site/listing.pdf", allow_private=True)


def test_slow_server_times_out(server: Server) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: timed out after 0\.3 s"):
        fetch(f"{server.base}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - start < 1.5


def test_http_error_status_is_a_fetch_error(server: Server) -> None:
    with pytest.raises(FetchError, match=r"missing\.html: the server answered HTTP 404"):
        fetch(f"{server.base}/site/missing.html", allow_private=True)


@pytest.mark.parametrize(("url", "why"), [
    ("http://10.1.2.3/", "private"), ("http://172.16.0.1/", "private"), ("http://192.168.1.1/", "private"),
    ("http://127.0.0.1/", "loopback"), ("http://169.254.169.254/", "link-local"),
    ("http://224.0.0.1/", "multicast"), ("http://0.0.0.0/", "unspecified"), ("http://240.0.0.1/", "reserved"),
    ("http://100.64.0.1/", "non-public"), ("http://[::1]/", "loopback"), ("http://[fe80::1]/", "link-local"),
    ("http://[ff02::1]/", "multicast"), ("http://[::]/", "unspecified"), ("http://[fc00::1]/", "private"),
    ("http://[::ffff:10.0.0.1]/", r"private address \(inside the IPv6 address, "),
    ("http://[2002:7f00:1::]/", r"loopback address \(inside the IPv6 address, "),
    ("http://localhost:8080/", "loopback"), ("file:///etc/passwd", "only http and https"),
    ("http:///nohost", "has no host"),
])
def test_guard_refuses_non_public_targets(url: str, why: str) -> None:
    with pytest.raises(FetchError, match=why):
        check_url(url, policy_from(False))


def test_guard_lets_public_addresses_through() -> None:
    check_url("http://93.184.216.34/news", policy_from(False))
    check_url("https://[2606:4700:4700::1111]/", policy_from(False))
    with pytest.raises(FetchError, match="bad allowed network"):
        policy_from(["not-a-network"])


def test_rss_feed_with_broken_entries(server: Server) -> None:
    feed = f"{server.base}/site/rss.xml"
    articles, failures = ingest_feed(feed, allow_private=True)
    assert [a.title for a in articles] == ["Treasury sanctions three Malian officials over Wagner ties",
                                           "Bamako reacts to the asset freeze"]
    undated = articles[1]
    assert (undated.published, undated.published_source, undated.published_text) == \
        ("2023-07-25", "metadata", "Tue, 25 Jul 2023 08:00:00 GMT")
    assert [(f.item, f.error) for f in failures] == [
        (f"{feed} entry 2 ('An entry that lost its link')", ParseError),
        (f"{feed} entry 3 ({server.base}/site/missing.html)", FetchError),
    ]
    assert failures[0].message.endswith("the entry has no link")
    assert "HTTP 404" in failures[1].message


def test_atom_feed_through_the_batch(server: Server) -> None:
    feed = f"{server.base}/site/atom.xml"
    articles, failures = ingest_many([feed, f"{server.base}/site/broken.xml"], allow_private=True)
    assert [a.outlet for a in articles] == ["Brussels Briefing"]
    assert [f.item for f in failures] == [f"{feed} entry 2 ({server.base}/site/listing.pdf)",
                                          f"{server.base}/site/broken.xml"]
    assert "content type application/pdf" in failures[0].message
    assert "broken feed" in failures[1].message


def test_broken_feed_raises_naming_the_feed(server: Server) -> None:
    with pytest.raises(ParseError, match=r"broken\.xml, line 6: broken feed"):
        ingest_feed(f"{server.base}/site/broken.xml", allow_private=True)


def test_batch_counts_a_refused_url(server: Server) -> None:
    articles, failures = ingest_many([f"{server.base}/site/report.html", SITE / "notice.txt"],
                                     allow_private=False)
    assert [a.title for a in articles] == ["Asset freeze notice"]
    assert len(failures) == 1 and failures[0].error is FetchError and failures[0].exit_code == 4
