"""Score resumes on Apache Spark (extra ``spark``: ``pip install "skillgap[spark]"``).

>>> from analyzer.spark import local_session, score_documents
>>> spark = local_session("local[2]")
>>> docs = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load("inbox/")
>>> ranked = score_documents(docs, as_of="2026-06-30")      # the same columns as `skillgap batch`
>>> ranked.write.parquet("ranked.parquet")

Documents come from ``spark.read.format("binaryFile")`` (columns ``path`` and ``content``) or from
any DataFrame with a text column (``text_col=``, labelled by ``id_col=``). Scoring runs in
``mapInPandas``; each Python worker process builds the pipeline once and keeps it in a module-level
cache (Spark reuses Python workers between tasks), exactly like a worker of :mod:`analyzer.batch`,
and scores each document with the same function (:func:`analyzer.batch.analyze_payload`), so the
rows are the same as the local batch's (one difference: Spark's ``binaryFile`` source skips zero-byte
files, which the local batch reports as ``empty`` error rows). Files with the same content are scored once
(``duplicate_of`` names the first path in sorted order); ``rank`` follows score, then file.

Submit to a cluster with ``spark-submit`` and a one-line launcher (running this file directly would put
``analyzer/`` first on ``sys.path``, where ``types.py`` shadows the standard library); see README::

    echo 'from analyzer.spark import main; raise SystemExit(main())' > skillgap_spark.py
    spark-submit --master yarn skillgap_spark.py hdfs:///inbox/ --out hdfs:///ranked.parquet
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any, Iterator

from analyzer import batch as _b

_ANALYZERS: dict[tuple, Any] = {}  # one pipeline per Python worker process (and per settings)

_SPARK_TYPES = {"int": "LongType", "float": "DoubleType", "bool": "BooleanType", "str": "StringType"}


def spark_schema(blind: bool = False, *, rank: bool = True):
    """The output schema: :data:`analyzer.batch.COLUMNS` as Spark types."""
    from pyspark.sql import types as T

    types = dict(_b.COLUMNS)
    return T.StructType([T.StructField(c, getattr(T, _SPARK_TYPES[types[c]])(), True)
                         for c in _b.columns(blind) if rank or c != "rank"])


def local_session(master: str = "local[2]", app_name: str = "skillgap-batch"):
    """A quiet Spark session for one machine (log level ERROR, no UI), using this interpreter."""
    import sys
    import warnings

    # pyspark warns about the pandas version on every conversion; keep the terminal quiet
    warnings.filterwarnings("ignore", module=r"pyspark(\..*)?$")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(master).appName(app_name)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.driver.extraJavaOptions", "-Dlog4j2.level=ERROR")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _analyzer(settings: _b.Settings):
    key = (settings.role, settings.max_bytes, settings.max_pages, settings.timeout)
    an = _ANALYZERS.get(key)
    if an is None:
        _b._quiet_worker(settings.verbose)
        an = _ANALYZERS[key] = _b.build_analyzer(settings)
    return an


def _score_partition(settings: _b.Settings, batches: Iterator) -> Iterator:
    """mapInPandas body: (file, akey, sha256, kind, text, content) -> content rows."""
    import pandas as pd

    an = None
    out_cols = [c for c in _b.columns(settings.blind) if c not in ("rank", "duplicate_of")] + ["akey"]
    for pdf in batches:
        rows = []
        for rec in pdf.to_dict(orient="records"):
            file = rec["file"]
            if rec["kind"] == "text":
                payload: Any = rec["text"] if isinstance(rec["text"], str) else ""
            else:
                payload = bytes(rec["content"]) if rec["content"] is not None else b""
            if rec["kind"] != "text" and len(payload) > settings.max_bytes:
                row = _b.error_row(settings, "too_large", f"file is too large ({len(payload) / 1e6:.1f} MB; the limit is "
                                                         f"{settings.max_bytes / 1e6:.0f} MB)")
            else:
                an = an or _analyzer(settings)
                row, _ = _b.analyze_payload(an, settings, rec["kind"], Path(file).name or file, payload)
            row.update(file=file, sha256=rec["sha256"], akey=rec["akey"])
            rows.append(row)
        yield _typed(pd, rows, out_cols)


def _typed(pd, rows: list[dict[str, Any]], cols: list[str]):
    types = dict(_b.COLUMNS)
    data = {}
    for c in cols:
        values = [r.get(c) for r in rows]
        t = types.get(c, "str")
        dtype = {"int": "Int64", "float": "float64", "bool": "boolean"}.get(t, "string")
        data[c] = pd.array([float("nan") if (t == "float" and v is None) else v for v in values], dtype=dtype)
    return pd.DataFrame(data, columns=cols)


def score_documents(
    df,
    *,
    role: str | Path | None = None,
    as_of: dt.date | str | None = None,
    blind: bool = False,
    timeout: float = 60.0,
    max_mb: float = 20.0,
    max_pages: int = 50,
    path_col: str = "path",
    content_col: str = "content",
    text_col: str | None = None,
    id_col: str | None = None,
    top_gaps: int = _b.TOP_GAPS,
    rank: bool = True,
    verbose: bool = False,
):
    """Score a Spark DataFrame of documents; returns a DataFrame with the batch columns, ranked.

    ``df`` is either ``spark.read.format("binaryFile")`` output (``path_col``/``content_col``) or,
    with ``text_col=``, a table of resume texts labelled by ``id_col`` (default: ``id`` if present).
    ``rank=False`` skips the global ordering (a single-partition window) for very large inputs.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    settings = _b.Settings(role=None if role is None else str(role),
                           as_of=as_of.isoformat() if isinstance(as_of, dt.date) else (as_of or ""), blind=blind,
                           timeout=float(timeout), max_bytes=int(max_mb * 1024 * 1024), max_pages=int(max_pages),
                           reports=False, top_gaps=top_gaps, verbose=verbose).resolve()
    if text_col is not None:
        label = id_col or ("id" if "id" in df.columns else None)
        if label is None:
            raise _b.UserError("score_documents: a text table needs an id column (id_col=...) to label its rows")
        text = F.coalesce(F.col(text_col).cast("string"), F.lit(""))
        docs = df.select(F.col(label).cast("string").alias("file"), F.lit("text").alias("kind"), text.alias("text"),
                         F.lit(None).cast("binary").alias("content"))
        docs = docs.withColumn("sha256", F.sha2(F.col("text"), 256))
    else:
        file = F.regexp_replace(F.col(path_col), r"^file:(//)?", "")
        docs = df.select(file.alias("file"), F.lit("bytes").alias("kind"), F.lit(None).cast("string").alias("text"),
                         F.col(content_col).alias("content"))
        too_large = F.length(F.col("content")) > settings.max_bytes
        docs = docs.withColumn("sha256", F.when(too_large, F.lit(None)).otherwise(F.sha2(F.col("content"), 256)))
    # one analysis per distinct content; files the batch could not hash are analysed on their own
    docs = docs.withColumn("akey", F.coalesce(F.col("sha256"), F.concat(F.lit("file:"), F.col("file"))))
    docs = docs.withColumn("first", F.min("file").over(Window.partitionBy("akey")))
    todo = docs.where(F.col("file") == F.col("first")).select("file", "akey", "sha256", "kind", "text", "content")
    content_schema = spark_schema(blind, rank=False)
    content_schema = type(content_schema)([f for f in content_schema.fields if f.name != "duplicate_of"])
    from pyspark.sql import types as T

    content_schema = content_schema.add(T.StructField("akey", T.StringType(), True))
    scored = todo.mapInPandas(functools.partial(_score_partition, settings), schema=content_schema)
    scored = scored.drop("file", "sha256")  # per-file columns come from each input row
    out = docs.select("file", "sha256", "akey", "first").join(scored, on="akey", how="left")
    out = out.withColumn("duplicate_of", F.when(F.col("file") != F.col("first"), F.col("first")))
    ok = (F.col("status") == "ok") & F.col("score").isNotNull()
    order = [F.when(ok, 0).otherwise(1), F.when(ok, -F.col("score")).otherwise(0.0), F.col("file")]
    if rank:
        out = out.withColumn("rank", F.when(ok, F.row_number().over(Window.orderBy(*order))).cast("long"))
        cols = _b.columns(blind)
    else:
        cols = [c for c in _b.columns(blind) if c != "rank"]
    return out.select(*cols).orderBy(*order)


def main(argv: list[str] | None = None) -> int:
    """``spark-submit skillgap_spark.py INPUT... --out OUT`` — score files (binaryFile) or a Parquet
    table with a text column, and write the ranked table with Spark's writer (Parquet or CSV)."""
    import argparse

    ap = argparse.ArgumentParser(prog="analyzer/spark.py", description="Score resumes on Spark (skillgap batch columns).")
    ap.add_argument("inputs", nargs="+", help="paths or globs Spark can read (file:, hdfs:, s3a:, ...)")
    ap.add_argument("--out", required=True, help="output directory (.parquet or .csv by extension)")
    ap.add_argument("--text-table", action="store_true", help="inputs are Parquet tables with 'id' and 'text' columns")
    ap.add_argument("--role", default=None)
    ap.add_argument("--as-of", default=None)
    ap.add_argument("--blind", action="store_true")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--glob", default="*.{pdf,docx,txt,md,html,htm}", help="pathGlobFilter for file inputs")
    args = ap.parse_args(argv)
    import warnings

    warnings.filterwarnings("ignore", module=r"pyspark(\..*)?$")
    from pyspark.sql import SparkSession

    owned = SparkSession.getActiveSession() is None
    spark = SparkSession.builder.appName("skillgap-batch").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if args.text_table:
        df = spark.read.parquet(*args.inputs)
        ranked = score_documents(df, text_col="text", role=args.role, as_of=args.as_of, blind=args.blind,
                                 timeout=args.timeout)
    else:
        df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
              .option("pathGlobFilter", args.glob).load(*args.inputs))
        ranked = score_documents(df, role=args.role, as_of=args.as_of, blind=args.blind, timeout=args.timeout)
    writer = ranked.coalesce(1).write.mode("overwrite")
    (writer.option("header", "true").csv(args.out) if args.out.endswith(".csv") else writer.parquet(args.out))
    if owned:
        spark.stop()
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m analyzer.spark` on a machine with a local Spark
    raise SystemExit(main())


__all__ = ["local_session", "main", "score_documents", "spark_schema"]
