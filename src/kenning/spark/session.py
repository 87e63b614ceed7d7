"""The Spark session Kenning's commands run in, and the check that Spark can run at all."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING

from kenning.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["spark_session"]


def _require_spark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ConfigError("pyspark is not installed: `pip install kenning[spark]` (and a Java 17+ runtime)") from exc
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise ConfigError("Spark needs a Java runtime (17 or later): install one (`make` does: Debian's "
                          "openjdk-17-jre-headless) or set JAVA_HOME")


def spark_session(master: str | None = None, app_name: str = "kenning",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """The active session, or a new one on ``master`` (default: spark-submit's, else local[*]).

    A local session runs its Python workers on this interpreter (so they import this Kenning) and binds to
    127.0.0.1, which also spares it a host name lookup that can take seconds on machines without DNS."""
    _require_spark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName(app_name)
    # Under spark-submit the driver joins the JVM spark-submit started (PYSPARK_GATEWAY_PORT), master and all.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = master or (None if submitted else "local[*]")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
