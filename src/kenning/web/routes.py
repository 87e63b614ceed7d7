"""The web UI's pages: thin handlers that parse the request, call one view function, render one template.

``create_app()`` includes :data:`router` and mounts ``/static`` from :data:`STATIC_DIR`. Every page works
with plain links and GET/POST forms; htmx (vendored in ``static/``) only swaps fragments in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kenning import settings
from kenning.errors import BusyError, InputError, KenningError
from kenning.web.deps import get_screener, get_store
from kenning.web.jobs import INPUT_COLUMNS, JOBS, upload_limit
from kenning.web.templating import render, wants_fragment
from kenning.web.views_news import article_page, dossier_page
from kenning.web.views_search import lists_loaded, search_page
from kenning.web.views_stories import stories_page, story_page

__all__ = ["STATIC_DIR", "router"]

#: The folder ``create_app()`` mounts at ``/static``.
STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def error_page(request: Request, exc: KenningError) -> HTMLResponse:
    """A Kenning error as a page with its HTTP status (404 for an unknown entity, 422 for bad input...)."""
    return render(request, "error.html", {"title": _ERROR_TITLES.get(exc.http_status, "Something went wrong"),
                                          "message": str(exc), "status": exc.http_status},
                  status_code=exc.http_status)


_ERROR_TITLES = {404: "Not found", 422: "That input cannot be used", 503: "The store is not ready"}


def _page(request: Request, template: str, build: Callable[[], dict[str, object]]) -> HTMLResponse:
    """Render ``template`` with what ``build`` returns; a Kenning error (unknown id, empty store) is the
    error page with its status instead."""
    try:
        context = build()
    except KenningError as exc:
        return error_page(request, exc)
    return render(request, template, context)


@router.get("/", name="web_home")
def home(request: Request) -> HTMLResponse:
    """The search form, and the lists a search covers."""
    return _page(request, "search.html",
                 lambda: {"page": search_page(None, "", None), "lists": lists_loaded(get_store(request))})


@router.get("/search", name="web_search")
def search(request: Request, q: str = "", schema: str = "Thing", birth_date: str = "",
           country: str = "") -> HTMLResponse:
    """Screen a name against every loaded list; htmx asks for the results fragment only."""
    try:
        page = search_page(get_screener(request) if q.strip() else None, q, schema, birth_date, country)
    except KenningError as exc:
        return error_page(request, exc)
    if wants_fragment(request):
        return render(request, "_results.html", {"page": page})
    return render(request, "search.html", {"page": page, "lists": []}, status_code=422 if page.error else 200)


@router.get("/entity/{entity_id}", name="web_entity")
def entity(request: Request, entity_id: str) -> HTMLResponse:
    """One listed party's dossier."""
    def build() -> dict[str, object]:
        page, mentions = dossier_page(get_store(request), entity_id, _article_path(request))
        return {"d": page, "mentions": mentions}

    return _page(request, "entity.html", build)


def _article_path(request: Request) -> Callable[[str], str]:
    return lambda article_id: str(request.app.url_path_for("web_article", article_id=article_id))


@router.get("/stories", name="web_stories")
def stories(request: Request) -> HTMLResponse:
    """Every story: reports of one event grouped, latest first."""
    return _page(request, "stories.html", lambda: {"stories": stories_page(get_store(request))})


@router.get("/story/{story_id}", name="web_story")
def story(request: Request, story_id: str) -> HTMLResponse:
    """One story: its sources side by side, facts by status with each source's words."""
    return _page(request, "story.html", lambda: {"s": story_page(get_store(request), story_id)})


@router.get("/article/{article_id}", name="web_article")
def article(request: Request, article_id: str) -> HTMLResponse:
    """One stored report, the mentions linked to list entities marked."""
    return _page(request, "article.html", lambda: {"a": article_page(get_store(request), article_id)})


def _screen_form(request: Request, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    return render(request, "screen.html", {"error": error, "columns": INPUT_COLUMNS,
                                           "max_rows": settings.BATCH_MAX_ROWS,
                                           "max_mb": round(upload_limit() / (1024 * 1024))}, status_code=status_code)


@router.get("/screen", name="web_screen")
def screen_form(request: Request) -> HTMLResponse:
    """The batch upload form."""
    return _screen_form(request)


def _chunks(upload: UploadFile) -> Iterator[bytes]:
    while chunk := upload.file.read(1 << 20):
        yield chunk


@router.post("/screen/upload", name="web_screen_upload")
def screen_upload(request: Request, file: Annotated[UploadFile | None, File()] = None) -> Response:
    """Start screening an uploaded CSV; then go to its job page (303, so a reload does not re-upload)."""
    if file is None or not file.filename:
        return _screen_form(request, "Choose a CSV file to screen.", 422)
    try:
        client = request.client.host if request.client else "unknown"
        job = JOBS.submit(file.filename, _chunks(file), lambda: get_screener(request), client)
    except (InputError, BusyError) as exc:
        return _screen_form(request, str(exc), exc.http_status)
    return RedirectResponse(str(request.app.url_path_for("web_job", job_id=job.id)), status_code=303)


@router.get("/screen/{job_id}", name="web_job")
def job_page(request: Request, job_id: str) -> HTMLResponse:
    """One batch job: progress (refreshed by htmx, or by a link without JavaScript), then the download."""
    try:
        job = JOBS.get(job_id)
    except KenningError as exc:
        return error_page(request, exc)
    return render(request, "_job.html" if wants_fragment(request) else "job.html", {"job": job})


@router.get("/screen/{job_id}/status", name="web_job_status")
def job_status(request: Request, job_id: str) -> HTMLResponse:
    """The job's status fragment (what htmx polls)."""
    try:
        job = JOBS.get(job_id)
    except KenningError as exc:
        return error_page(request, exc)
    return render(request, "_job.html", {"job": job})


@router.get("/screen/{job_id}/results.csv", name="web_job_results", response_model=None)
def job_results(request: Request, job_id: str) -> Response:
    """The results as CSV: one row per input row (best candidate, status, score, why, other matches)."""
    try:
        job = JOBS.get(job_id)
    except KenningError as exc:
        return error_page(request, exc)
    if job.state != "done":
        return render(request, "job.html", {"job": job}, status_code=409)
    return FileResponse(job.result_path, media_type="text/csv; charset=utf-8", filename=job.download_name)
