"""The official lists in their original formats: one module per list, one ``parse`` contract.

In: the files of one publication of a list (OFAC CSV, UK OFSI CSV/XLSX, UN XML, EU FSF XML), as named
in ``sources.yml``. Out: FollowTheMoney entities with stable ids (``{dataset}-{source_id}``), plus the
publication date, counts and warnings the load reports (:mod:`kenning.sources.base`).
"""
