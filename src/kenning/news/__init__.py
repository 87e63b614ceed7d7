"""News reports in: text, HTML, URLs and feeds become clean :class:`Article` records for the later stages."""

from kenning.news.article import Article

__all__ = ["Article"]
