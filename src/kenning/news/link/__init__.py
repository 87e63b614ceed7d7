"""The link stage: mentions in, list entries out.

In: an annotated :class:`~kenning.news.model.ArticleResult` and a :class:`~kenning.matching.Screener`.
Out: the same result with each person and organisation mention's ``links``: the listed parties it names,
each with the matcher's score and the context (country, role, dates, co-mentions) that confirmed or
weakened it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.link.linker import Linker, link, link_many

__all__ = ["Linker", "link", "link_many"]

__getattr__ = lazy_exports(__name__, {
    "linker": ("Linker", "link", "link_many"),
})
