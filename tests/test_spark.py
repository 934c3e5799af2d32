"""Spark: mapInPandas scoring on local[2] gives the same rows as the local batch."""

from __future__ import annotations

import os
import shutil
import sys

import pandas as pd
import pytest

from conftest import AS_OF, SAMPLES

pyspark = pytest.importorskip("pyspark")
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning:pyspark.*", "ignore::Warning:pyspark.*")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

from analyzer import batch as B  # noqa: E402
from analyzer import spark as S  # noqa: E402

DAY = AS_OF.isoformat()


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = S.local_session("local[2]", "skillgap-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    d = tmp_path_factory.mktemp("spark_inbox")
    for name in ("lead_ai_engineer.pdf", "ai_director.docx", "junior_ml_engineer.txt", "off_target_chef.txt",
                 "senior_ai_engineer.pdf"):
        shutil.copy(SAMPLES / name, d / name)
    shutil.copy(SAMPLES / "junior_ml_engineer.txt", d / "z_copy.txt")  # duplicate content
    pdf = (SAMPLES / "ai_engineer.pdf").read_bytes()
    (d / "broken.pdf").write_bytes(pdf[: len(pdf) // 4])
    (d / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return d


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (None for every kind of missing), for an exact comparison."""
    out = []
    for rec in df.astype(object).to_dict(orient="records"):
        out.append({k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else
                        (int(v) if hasattr(v, "is_integer") and not isinstance(v, (bool, float)) else v))
                    for k, v in rec.items()})
    return out


def _same(spark_df: pd.DataFrame, local_df: pd.DataFrame) -> None:
    assert list(spark_df.columns) == list(local_df.columns)
    got, want = _records(spark_df), _records(local_df)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_binary_files_match_local_batch(spark, inbox):
    local = B.to_frame(B.analyze_many([inbox], as_of=DAY, workers=0))
    docs = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(str(inbox))
    ranked = S.score_documents(docs, as_of=DAY)
    assert ranked.schema == S.spark_schema()
    got = ranked.toPandas()
    assert len(got) == 8 and list(got["file"]) == list(local["file"])
    _same(got, local)
    rows = {os.path.basename(f): r for f, r in zip(got["file"], got.to_dict(orient="records"))}
    assert rows["z_copy.txt"]["duplicate_of"] == str(inbox / "junior_ml_engineer.txt")
    assert rows["broken.pdf"]["status"] == "error" and rows["legacy.doc"]["error_kind"] == "unsupported"
    assert list(got["rank"][:6]) == [1, 2, 3, 4, 5, 6]


def test_text_column_matches_local_batch_blind(spark):
    texts = [(p.stem, p.read_text("utf-8")) for p in sorted(SAMPLES.glob("*.txt"))] + [("blank", "   ")]
    local = B.to_frame(B.analyze_many([B.TextInput(i, t) for i, t in texts], as_of=DAY, workers=0, blind=True))
    df = spark.createDataFrame(pd.DataFrame(texts, columns=["id", "text"]))
    got = S.score_documents(df, text_col="text", as_of=DAY, blind=True).toPandas()
    assert "name" not in got.columns and "email" not in got.columns
    _same(got, local)
    assert got.iloc[-1]["file"] == "blank" and got.iloc[-1]["error_kind"] == "empty"
