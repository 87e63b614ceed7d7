"""Ongoing monitoring: portfolios of customers screened again whenever a list changes, a customer changes or
the news names them; alerts, analysts' decisions and an audit trail that shows any tampering.

In: the store's list versions and their diffs (:mod:`kenning.store`), stored news reports
(:mod:`kenning.news.storage`), portfolio files. Out: alerts (new, changed, gone, media) with their evidence,
decisions, exports, signed webhooks. It screens with the matcher (:mod:`kenning.matching`): the same
algorithm and retrieval keys, applied pair by pair (:mod:`kenning.monitor.parts`) so that screening only
what changed gives what screening everything would. Its tables are queried only in
:mod:`kenning.monitor.storage`.
"""

__all__: list[str] = []
