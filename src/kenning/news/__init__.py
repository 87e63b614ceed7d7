"""News: reports in, linked sanctions events, stories and reconciled facts out.

One subpackage per stage, run in this order (:mod:`kenning.news.pipeline` runs the first four on each
report, :mod:`kenning.news.service` stores them and places them in stories):

* :mod:`~kenning.news.ingest` — files, URLs, feeds → :class:`Article`;
* :mod:`~kenning.news.nlp` — sentences, person/organisation/place mentions, roles;
* :mod:`~kenning.news.link` — mentions → list entries (through :mod:`kenning.matching`);
* :mod:`~kenning.news.events` — sanctions events and claims;
* :mod:`~kenning.news.stories` — reports of one event grouped across outlets;
* :mod:`~kenning.news.reconcile` — what a story's sources agree on, conflict on, say alone.

What passes between stages lives at this level: the :class:`Article` (:mod:`.article`), the result
records (:mod:`.model`) and their JSON codec (:mod:`.codec`), the data-file loader (:mod:`.datafile`),
text fingerprints (:mod:`.fingerprints`) and dates (:mod:`.dates`). The news tables and every query on
them are :mod:`kenning.news.storage`; :mod:`.views` are the read models the CLI, API and web show.
"""

from kenning.news.article import Article

__all__ = ["Article"]
