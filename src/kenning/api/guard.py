"""The API's guards: request rate per client, request body size, security headers, and API keys.

:class:`GuardMiddleware` runs before routing, so an over-rate client or an oversized body costs almost
nothing: the first gets 429 with ``Retry-After``, the second 413 (at once when ``Content-Length`` says
so, or as soon as a streamed body passes the limit). :func:`require_api_key` protects the write routes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kenning import settings
from kenning.api.errors import Forbidden, PayloadTooLarge, RateLimited, Unauthorized, error_response
from kenning.api.examples import NO_KEYS as NO_KEYS_EXAMPLE
from kenning.api.gate import SCREEN_PATHS
from kenning.api.models import ErrorResponse
from kenning.monitor.access import Principal, identify, match_key

__all__ = ["AUTH_ERRORS", "ApiConfig", "GuardMiddleware", "Principal", "TokenBuckets", "require_admin",
           "require_analyst", "require_api_key", "require_reader"]

#: Paths that are never rate limited (health checks from orchestrators).
EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
#: The Content-Security-Policy of every response that does not set its own: scripts, styles, images and
#: fonts from this server only, no inline script or style, no plugins, no framing, forms post here only.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                           "base-uri 'none'")
_SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                     (b"x-frame-options", b"DENY")]


@dataclass(frozen=True)
class ApiConfig:
    """The settings the API reads, taken from :mod:`kenning.settings` once, when the app is created."""

    api_keys: frozenset[str]
    analyst_keys: dict[str, str]
    cors_origins: tuple[str, ...]
    rate_limit: int
    max_body_bytes: int
    batch_max_rows: int
    match_max_queries: int

    @classmethod
    def from_settings(cls) -> ApiConfig:
        """The current settings (``KENNING_*`` environment variables)."""
        return cls(api_keys=settings.API_KEYS, analyst_keys=dict(settings.API_ANALYST_KEYS),
                   cors_origins=settings.CORS_ORIGINS, rate_limit=settings.RATE_LIMIT,
                   max_body_bytes=settings.MAX_BODY_BYTES, batch_max_rows=settings.BATCH_MAX_ROWS,
                   match_max_queries=settings.MATCH_MAX_QUERIES)


class TokenBuckets:
    """One token bucket per client: ``per_minute`` tokens, refilled continuously, one per request."""

    def __init__(self, per_minute: int, max_clients: int = 100_000) -> None:
        self.capacity = float(max(per_minute, 1))
        self.rate = self.capacity / 60.0
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, client: str, now: float | None = None) -> float:
        """Spend one token of ``client``; returns 0 when allowed, else the seconds until a token is back."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate
        if client not in self._buckets and len(self._buckets) >= self.max_clients:
            self._prune(now)
        self._buckets[client] = (tokens - 1.0, now)
        return 0.0

    def _prune(self, now: float) -> None:
        """Forget the clients whose buckets are full again (they would start full anyway)."""
        full_after = self.capacity / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}


class GuardMiddleware:
    """Rate limit per client IP, cap the request body, add security headers (a pure ASGI middleware)."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, rate_limit: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.rate_limit = rate_limit
        self.buckets = TokenBuckets(rate_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["arrived"] = time.monotonic()
        client = scope.get("client")
        if _screen_gate_full(scope):
            await error_response(scope["app"].state.gates["screen"].refuse())(scope, receive, send)
            return
        if scope["path"] not in EXEMPT_PATHS:
            wait = self.buckets.take(client[0] if client else "unknown")
            if wait > 0:
                message = (f"too many requests: at most {self.rate_limit} per minute from one client; "
                           f"try again in {math.ceil(wait)} s")
                await error_response(RateLimited(message, math.ceil(wait)))(scope, receive, send)
                return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await error_response(_too_large(self.max_body_bytes, int(declared)))(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), _with_headers(send))

    def _counting(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.max_body_bytes

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # An HTTPException passes through FastAPI's body parsing unchanged.
                    raise HTTPException(413, detail=_too_large(limit, None).message)
            return message

        return counted


def _screen_gate_full(scope: Scope) -> bool:
    """Whether this is a screening request and the screening gate's queue is full already."""
    if not scope["path"].startswith(SCREEN_PATHS):
        return False
    gates: dict[str, Any] = getattr(getattr(scope.get("app"), "state", None), "gates", None) or {}
    return "screen" in gates and bool(gates["screen"].full())


def _too_large(limit: int, size: int | None) -> PayloadTooLarge:
    got = f"{size} bytes" if size is not None else "more"
    return PayloadTooLarge(f"request body too large: {got}, the limit is {limit} bytes (KENNING_MAX_BODY_BYTES)")


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), *_SECURITY_HEADERS]
            if not any(name.lower() == b"content-security-policy" for name, _value in headers):
                headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
            message["headers"] = headers
        await send(message)

    return sending


#: The OpenAPI responses of a route behind :func:`require_api_key`.
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No API key"},
    403: {"model": ErrorResponse, "description": "A wrong API key, or no keys configured",
          "content": {"application/json": {"example": NO_KEYS_EXAMPLE}}},
}

_bearer = HTTPBearer(auto_error=False, description="An API key from KENNING_API_KEYS, as a bearer token.")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from KENNING_API_KEYS.")


def _known(key: str, keys: Collection[str]) -> bool:
    """Whether ``key`` is one of ``keys``, comparing every key in constant time (no early exit)."""
    return match_key(key, keys) is not None


def require_api_key(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                    header: Annotated[str | None, Depends(_header)]) -> None:
    """Let a write route run only with a configured API key (``Authorization: Bearer`` or ``X-API-Key``)."""
    config: ApiConfig = request.app.state.config
    if not config.api_keys:
        raise Forbidden("write routes are disabled: no API keys are configured (set KENNING_API_KEYS)")
    key = header or (bearer.credentials if bearer is not None else None)
    if not key:
        raise Unauthorized("this route needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
    if not _known(key, config.api_keys):
        raise Forbidden("the API key is not valid")


def _identify(config: ApiConfig, key: str | None) -> Principal | None:
    """The principal of an API key, None for no key; Forbidden for a key that is not configured."""
    if not key:
        return None
    who = identify(key, config.api_keys, config.analyst_keys)
    if who is None:
        raise Forbidden("the API key is not valid")
    return who


def _principal(request: Request, bearer: HTTPAuthorizationCredentials | None, header: str | None,
               roles: tuple[str, ...]) -> Principal:
    config: ApiConfig = request.app.state.config
    if not config.api_keys and not config.analyst_keys:
        raise Forbidden("monitoring routes are disabled: no API keys are configured (set KENNING_API_KEYS and "
                        "KENNING_API_ANALYST_KEYS)")
    key = header or (bearer.credentials if bearer is not None else None) or request.cookies.get("kenning_key")
    who = _identify(config, key)
    if who is None:
        raise Unauthorized("this route needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'")
    if who.role not in roles:
        raise Forbidden(f"this route is for {' or '.join(r + 's' for r in roles)}; the key is an {who.role}'s")
    return who


def require_reader(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                   header: Annotated[str | None, Depends(_header)]) -> Principal:
    """An analyst's or an administrator's key (monitoring data names customers)."""
    return _principal(request, bearer, header, ("analyst", "admin"))


def require_analyst(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                    header: Annotated[str | None, Depends(_header)]) -> Principal:
    """An analyst's key: only analysts decide alerts."""
    return _principal(request, bearer, header, ("analyst",))


def require_admin(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                  header: Annotated[str | None, Depends(_header)]) -> Principal:
    """An administrator's key: import portfolios, run monitoring, configure webhooks."""
    return _principal(request, bearer, header, ("admin",))
