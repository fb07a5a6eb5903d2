"""Batched reading of a TinyDB document gives exactly what one whole-file parse gives, or says it cannot."""

from __future__ import annotations

import contextlib
import json

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vcf_tui.store.batches import Unbatchable, table_batches

TRICKY_TEXT = ['},"1":{', '}, "2": {', "é€😀", '\\"},"', "}", '"', "\\", "\n"]

texts = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(max_size=12))
leaves = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), texts)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(texts, st.integers(0, 99).map(str)), inner, max_size=3),
    ),
    max_leaves=12,
)
records = st.dictionaries(st.one_of(texts, st.sampled_from(["value", "1", "22"])), values, max_size=4)
tables = st.dictionaries(
    st.one_of(st.sampled_from(["meta", "answers", "sessions"]), texts),
    st.dictionaries(st.integers(1, 10**6).map(str), records, max_size=8),
    max_size=4,
)


def merged(data: bytes, batch_bytes: int) -> dict:
    result: dict = {}
    for table, batch in table_batches(data, batch_bytes):
        result.setdefault(table, {}).update(batch)
    return result


def layouts(document: dict) -> list[bytes]:
    return [
        orjson.dumps(document),
        json.dumps(document, indent=4, ensure_ascii=False).encode(),
        json.dumps(document).encode(),  # ASCII escapes, ", " and ": " separators
        b"\n " + json.dumps(document, indent="\t", separators=(" ,", " : ")).encode() + b" \n",
    ]


@settings(max_examples=300, deadline=None)
@given(tables, st.sampled_from([1, 7, 64, 1 << 20]))
def test_batches_equal_one_parse(document: dict, batch_bytes: int) -> None:
    for data in layouts(document):
        assert merged(data, batch_bytes) == orjson.loads(data)


def test_batches_are_slices_of_about_the_size_asked() -> None:
    document = {"meta": {"1": {"file_id": "f"}}, "answers": {str(n): {"n": n, "t": "x" * 50} for n in range(1, 2001)}}
    batches = list(table_batches(orjson.dumps(document), 10_000))
    answer_batches = [batch for table, batch in batches if table == "answers"]
    assert len(answer_batches) > 10
    assert sum(len(batch) for batch in answer_batches) == 2000
    assert batches[0][0] == "meta"


def test_a_record_full_of_nested_candidates_is_read_whole() -> None:
    nested = {str(n): {"k": {}} for n in range(5000)}  # '},"n":{' inside one record, thousands of times
    document = {"answers": {"1": nested, "2": {"a": 1}}, "meta": {}}
    assert merged(orjson.dumps(document), 64) == document


def test_empty_tables_and_documents() -> None:
    assert merged(b"{}", 10) == {}
    assert list(table_batches(b' { "answers" : { } } ', 10)) == [("answers", {})]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[]",
        b'{"answers": []}',
        b'{"answers": {"1": {}}',  # not closed
        b'{"answers": {"1": {}}} x',
        b'{"answers": {"1": {}}, "answers": {"2": {}}}',  # a table given twice: the last would win
        b'{"answers": {"1": {"a": 1,}}}',
        b'{"answers": {"1": {"a": 1}, "2": {"a": 1}, "3": {"a": tru}}}',
        b'{"answers": {"1": {"a": "\xff"}}}',
        b'{"answers": 5}',
        b'{"answers": {"1": {}}, "x\x01y": {}}',  # a table name orjson refuses
        b'{"answers": {"1": {}}, "\\uZZZZ": {}}',
    ],
)
def test_what_cannot_be_batched_says_so(data: bytes) -> None:
    with pytest.raises(Unbatchable):
        merged(data, 4)


def test_batches_stay_near_their_size_when_records_hold_objects() -> None:
    """Bounded memory needs bounded batches: records with nested objects (a ``},"`` inside each record)."""
    answers = {
        str(n): {"answer_id": f"a{n}", "scale": {"min": 1, "max": 5}, "story": {"section": "s", "step": {"n": n}}}
        for n in range(1, 3001)
    }
    answers["77"]["value"] = {"1": {"row": 1}, "2": {"row": 2}}  # look-alikes of document ids, once
    data = orjson.dumps({"meta": {"1": {"file_id": "f"}}, "answers": answers})
    sizes = [len(orjson.dumps(batch)) for table, batch in table_batches(data, 4096) if table == "answers"]
    assert max(sizes) < 3 * 4096, sorted(sizes)[-5:]
    assert sum(len(batch) for table, batch in table_batches(data, 4096) if table == "answers") == 3000


def test_many_small_tables_are_read_in_bounded_work_or_left_to_one_parse() -> None:
    document = {"meta": {"1": {"a": 1}}} | {f"t{n}": {"1": {"pad": "x" * 1000}} for n in range(3000)}
    data = orjson.dumps(document)
    with contextlib.suppress(Unbatchable):  # each table parsed up to a far boundary again: one parse is cheaper
        assert merged(data, 1 << 20) == document
