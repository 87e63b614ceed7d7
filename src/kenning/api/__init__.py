"""Kenning's HTTP API: ``create_app()`` (yente-compatible matching, search, entities, news, batches)."""

from kenning.api.app import create_app

__all__ = ["create_app"]
