"""Kenning on Apache Spark: batch screening and news extraction over DataFrames (``pip install kenning[spark]``).

- :func:`~kenning.spark.screening.screen_frame`: a DataFrame of customers (``name`` and the optional columns of
  a batch file) becomes the rows ``kenning screen --output results.csv`` writes, computed with ``mapInPandas``.
  Each Python worker opens the persisted index once (shipped with ``SparkFiles``, or read from a path every
  executor shares) and keeps it for every later task.
- :func:`~kenning.spark.news.news_frames`: a DataFrame of reports becomes DataFrames of mentions, links and
  sanctions events.
- :func:`~kenning.spark.session.spark_session`: a session for local runs (local mode binds to 127.0.0.1 and
  runs its workers on this interpreter); under ``spark-submit`` the cluster's session is used as it is.

pyspark is imported only by the modules of this package, never by the rest of Kenning.
"""

from __future__ import annotations

__all__: list[str] = []
