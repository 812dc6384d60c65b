"""Every hand-labelled passage (tests/data/*.yaml) read exactly: each citation's key, date and
issuer, each percentage's value and subject, in order, nothing more. `baocao eval` only needs 98 %
over them all; one passage read wrong is a change a user would see, so each is its own test,
named by its file and the office it was written for."""
import pytest
import yaml

from conftest import ROOT
from pipeline.citations import find_citations, resolve_short_forms
from pipeline.quantities import find_quantities

PASSAGES = [(f"{path.stem}#{i} {passage['source']}", passage)
            for path in sorted((ROOT / "tests" / "data").glob("*.yaml"))
            for i, passage in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["passages"], 1)]


@pytest.mark.parametrize("passage", [p for _, p in PASSAGES], ids=[name for name, _ in PASSAGES])
def test_every_labelled_passage_is_read_as_labelled(passage):
    text = passage["text"]
    citations = find_citations(text)
    resolve_short_forms(citations)
    assert [(c.key, c.date, c.issuer) for c in citations] == \
        [(c["key"], c.get("date"), c.get("issuer")) for c in passage.get("citations", [])]
    figures = find_quantities(text, exclude=[(c.start, c.core_end) for c in citations])
    assert [(q.value, q.subject) for q in figures if q.kind == "percent"] == \
        [(p["value"], p.get("subject")) for p in passage.get("percents", [])]
