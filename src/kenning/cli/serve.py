"""``kenning serve``: the API and the web UI on uvicorn (store and screener opened once, at start-up)."""

from __future__ import annotations

import click

__all__ = ["serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each loads the index: about 200 MB; rate limits are per worker).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="Server log level.")
def serve(host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the HTTP API (yente-compatible /match, /search, /entities...) and the web UI.

    Settings come from KENNING_* variables: API_KEYS for the write routes, RATE_LIMIT (requests per
    minute per client), MAX_BODY_BYTES, BATCH_MAX_ROWS, CORS_ORIGINS, TRUSTED_PROXIES (the reverse proxies
    whose X-Forwarded-For is believed; none by default). OpenAPI docs at /docs.
    """
    import uvicorn

    from kenning import settings

    proxies = settings.TRUSTED_PROXIES
    uvicorn.run("kenning.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, proxy_headers=bool(proxies), forwarded_allow_ips=",".join(proxies) or None,
                server_header=False)
