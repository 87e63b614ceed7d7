"""``POST /news``, ``GET /stories``, ``GET /stories/{id}``, ``GET /articles/{id}`` (thin routers over
:mod:`news_service`).

``GET /stories`` is also the web UI's story page: this route answers only clients that ask for JSON
(``Accept: application/json``, ranked at least as high as ``text/html``); every other request (a
browser, htmx, ``*/*``) falls through to the page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.routing import Match
from starlette.types import Scope

from kenning.api import examples as ex
from kenning.api.gate import arrival, gate_of
from kenning.api.guard import AUTH_ERRORS, require_api_key
from kenning.api.models import ErrorResponse, InvalidResponse
from kenning.api.news_service import add_report, article, stories, story
from kenning.api.responses import json_response
from kenning.state import AppState, get_state

__all__ = ["NewsReport", "json_router", "router", "wants_json"]

router = APIRouter(tags=["News"])


def _quality(accept: str, kind: str) -> float:
    """The q-value ``accept`` gives a media type (0 when it is not named; wildcards do not count)."""
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() == kind:
            for param in params:
                name, _, value = param.partition("=")
                if name.strip() == "q":
                    try:
                        return float(value)
                    except ValueError:
                        return 0.0
            return 1.0
    return 0.0


def wants_json(scope: Scope) -> bool:
    """Whether the client named JSON in ``Accept`` and ranked it at least as high as HTML."""
    accept = Headers(scope=scope).get("accept", "")
    json_q = _quality(accept, "application/json")
    return json_q > 0 and json_q >= _quality(accept, "text/html")


class JsonOnlyRoute(APIRoute):
    """A route that matches only requests asking for JSON, so a page at the same path serves the rest."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match is not Match.NONE and not wants_json(scope):
            return Match.NONE, {}
        return match, child


#: Routes that share their path with a web page (included before the web UI's router).
json_router = APIRouter(tags=["News"], route_class=JsonOnlyRoute)


class NewsReport(BaseModel):
    """One report: its text, its HTML, or its URL (exactly one), and for a text what it does not say."""

    text: str | None = Field(None, description="A plain-text report (an optional `Title:`/`Date:` header "
                             "block, a blank line, then the body)")
    html: str | None = Field(None, description="An HTML page (its main text and metadata are extracted)")
    url: str | None = Field(None, description="An http(s) URL to fetch; private, loopback and other non-public "
                            "addresses are refused")
    title: str | None = Field(None, description="With `text`: the headline")
    published: str | None = Field(None, description="With `text`: the publication date, YYYY-MM-DD")
    outlet: str | None = Field(None, description="With `text`: the publisher")
    source_url: str | None = Field(None, description="With `text`: where the text was published")


_NEWS_ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_ERRORS,
    422: {"model": InvalidResponse, "description": "Not exactly one of text/html/url, a refused or malformed URL, "
          "or a report with no text", "content": {"application/json": {"example": ex.PRIVATE_URL}}},
    502: {"model": ErrorResponse, "description": "The URL could not be fetched"},
    503: {"model": ErrorResponse, "description": "No lists are loaded"},
}


@router.post("/news", summary="Add a news report", dependencies=[Depends(require_api_key)],
             responses={200: {"description": "What became of the report: added (with its story), or a duplicate",
                              "content": {"application/json": {"example": ex.NEWS_ADDED}}}, **_NEWS_ERRORS})
async def add_news(request: Request, report: Annotated[NewsReport, Body(openapi_examples=ex.NEWS_BODIES)],
                   state: Annotated[AppState, Depends(get_state)]) -> Any:
    """Ingest one report (text, HTML or a URL), link the people and companies it names to listed parties,
    extract its sanction events, place it in a story and store it. Needs an API key."""
    return json_response(await gate_of(request, "news").run(add_report, state, report.model_dump(),
                                                              arrived=arrival(request)))


@json_router.get("/stories", summary="Every story",
            responses={200: {"description": "Stories, latest first, each with its reports (send "
                             "`Accept: application/json`; other clients get the web page)",
                             "content": {"application/json": {"example": ex.STORIES},
                                         "text/html": {"schema": {"type": "string"},
                                                       "example": "<!doctype html>..."}}}})
def list_stories(state: Annotated[AppState, Depends(get_state)]) -> Any:
    """Every story (reports of one event, grouped across outlets), the latest first, with its reports.
    Ask for JSON with `Accept: application/json`: the same path serves the web UI's page otherwise."""
    return json_response(stories(state))


@router.get("/stories/{story_id}", summary="One story's reconciliation",
            responses={200: {"content": {"application/json": {"example": ex.STORY}}},
                       404: {"model": ErrorResponse, "description": "Unknown story"}})
def get_story(story_id: Annotated[str, Path(description="A story id from `GET /stories`")],
              state: Annotated[AppState, Depends(get_state)]) -> Any:
    """The reconciliation report of one story: a summary of who was sanctioned, by whom and when (each
    target checked against the stored lists; dates with their words and range), then each fact as
    conflicting, possibly different events, complementary, agreed or single-source across its reports, with
    every source's own words."""
    return json_response(story(state, story_id))


@router.get("/articles/{article_id}", summary="One stored report",
            responses={200: {"content": {"application/json": {"example": ex.ARTICLE}}},
                       404: {"model": ErrorResponse, "description": "Unknown article"}})
def get_article(article_id: Annotated[str, Path(description="An article id (16 hex characters)")],
                state: Annotated[AppState, Depends(get_state)]) -> Any:
    """One stored report: its text and metadata, its mentions linked to listed parties, its events, its
    story and its known copies."""
    return json_response(article(state, article_id))
