"""Canonical JSON and YAML: the converter, the layout, and every structure problem."""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua import io
from thidua.errors import ThiduaError, UnreadableInputError
from thidua.hierarchy import (
    UNION_SCHEME,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Level,
    LevelScheme,
    Link,
    Role,
    Unit,
)
from thidua.io._converter import _readers
from thidua.problems import Pointer, Problem


def _load(doc: Any) -> io.LoadResult:
    return io.loads_json(json.dumps(doc, ensure_ascii=False), name="h.json")


def _only(result: io.LoadResult, code: str) -> Problem:
    found = result.report.by_code(code)
    assert len(found) == 1, str(result.report)
    return found[0]


UNIT = {"id": "HK", "name": "LĐLĐ quận Hoàn Kiếm", "kind": "district"}
HK_UNIT = Unit(id="HK", name="LĐLĐ quận Hoàn Kiếm", kind="district")


# --------------------------------------------------------------------------
# The converter
# --------------------------------------------------------------------------


def test_make_converter_returns_a_new_converter_each_time() -> None:
    first, second = io.make_converter(), io.make_converter()
    assert first is not second
    first.register_unstructure_hook(pendulum.Date, lambda d: "changed")
    assert second.unstructure(pendulum.Date(2025, 7, 1)) == "2025-07-01"


def test_unstructure_omits_source_none_and_empty_defaults_but_not_relation() -> None:
    conv = io.make_converter()
    link = Link(child="G1", parent="D1", source=Pointer(file="links.csv", row=2))
    assert conv.unstructure(link) == {"child": "G1", "parent": "D1", "relation": "admin"}
    member = GroupMember(group="C1", unit="HK")
    assert conv.unstructure(member) == {"group": "C1", "unit": "HK", "role": "member"}
    event = ChangeEvent(
        id="E1",
        kind=EventKind.MERGE,
        date=pendulum.Date(2025, 7, 1),
        originals=("A", "B"),
        results=("C",),
    )
    assert conv.unstructure(event) == {
        "id": "E1",
        "kind": "merge",
        "date": "2025-07-01",
        "originals": ["A", "B"],
        "results": ["C"],
    }


def test_scheme_is_written_as_name_and_levels() -> None:
    scheme = LevelScheme.from_ranks("state", {"province": 0}, {"province": "Tỉnh"})
    doc = io.make_converter().unstructure(Dataset(scheme=scheme))
    assert doc["scheme"] == {
        "name": "state",
        "levels": [{"kind": "province", "rank": 0, "label": "Tỉnh"}],
    }
    assert list(doc) == [
        "format",
        "schema_version",
        "metadata",
        "scheme",
        "roots",
        "units",
        "links",
        "groups",
        "members",
        "events",
    ]


def test_structure_accepts_dmy_text_date_objects_numbers_and_vietnamese_enums() -> None:
    conv = io.make_converter()
    assert conv.structure("1/7/2025", pendulum.Date) == pendulum.Date(2025, 7, 1)
    assert conv.structure(dt.date(2025, 7, 1), pendulum.Date) == pendulum.Date(2025, 7, 1)
    assert type(conv.structure(dt.date(2025, 7, 1), pendulum.Date)) is pendulum.Date
    assert conv.structure("khối", GroupKind) is GroupKind.BLOCK
    assert conv.structure("Sáp nhập", EventKind) is EventKind.ABSORB
    group = conv.structure({"id": 12, "name": "Cụm 1", "kind": "cụm"}, Group)
    assert group == Group(id="12", name="Cụm 1", kind=GroupKind.CLUSTER)


@pytest.mark.parametrize(
    ("value", "cls"),
    [
        ({"id": "A", "name": "x", "kind": "k", "source": "x"}, Unit),
        ({"id": "A", "name": "x", "kind": "k", "extra": 1}, Unit),
        ({"id": "", "name": "x", "kind": "k"}, Unit),
        ({"id": "A", "name": ["x"], "kind": "k"}, Unit),
        ({"child": "A", "parent": "B", "valid_to": "2025-13-01"}, Link),
        ({"id": "E", "kind": "merge", "date": "2025-07-01", "originals": "A"}, ChangeEvent),
        ({"id": "E", "kind": "merge", "date": None}, ChangeEvent),
        ({"group": "C", "unit": "U", "role": "chief"}, GroupMember),
    ],
)
def test_structure_is_strict(value: dict[str, Any], cls: type[Any]) -> None:
    with pytest.raises(Exception):  # noqa: B017 - cattrs raises the value function's error
        io.make_converter().structure(value, cls)


# --------------------------------------------------------------------------
# Layout and determinism
# --------------------------------------------------------------------------


def test_json_layout_is_one_record_per_line(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(id="HK", name="Hoàn Kiếm", kind="district"),
            Unit(id="BĐ", name="Ba Đình", kind="district"),
        ],
        roots=["HN"],
    )
    io.write_json(ds, tmp_path / "h.json")
    raw = (tmp_path / "h.json").read_bytes()
    text = raw.decode("utf-8")
    assert raw.endswith(b"}\n")
    assert "Hoàn Kiếm" in text  # not \\u escaped
    lines = text.splitlines()
    start = lines.index('  "units": [')
    assert lines[start + 1] == '    {"id": "HK", "name": "Hoàn Kiếm", "kind": "district"},'
    assert lines[start + 2] == '    {"id": "BĐ", "name": "Ba Đình", "kind": "district"}'
    assert '  "roots": [' in lines
    assert json.loads(text)["format"] == "thidua.hierarchy"


def test_nfd_names_are_read_as_nfc_and_d_lookalike_is_kept() -> None:
    nfd = unicodedata.normalize("NFD", "Liên đoàn Lao động quận Hoàn Kiếm")
    result = _load(
        {
            "units": [
                {
                    "id": "HK",
                    "name": nfd,
                    "kind": "district",
                    "short_name": "ÐHK",
                    "attributes": {nfd: nfd},
                }
            ]
        }
    )
    unit = result.dataset.units[0]
    assert unit.name == "Liên đoàn Lao động quận Hoàn Kiếm"
    assert unicodedata.is_normalized("NFC", unit.name)
    assert unit.short_name == "\u00d0HK"  # never silently changed to Đ
    assert unit.attributes == {unit.name: unit.name}


def test_ids_given_as_numbers_are_text_without_problem() -> None:
    result = _load(
        {
            "units": [{"id": 101, "name": "A", "kind": "grassroots"}],
            "links": [{"child": 101, "parent": 7}],
            "roots": [7],
        }
    )
    assert not result.report
    assert result.dataset.units[0].id == "101"
    assert result.dataset.links[0] == Link(child="101", parent="7")
    assert result.dataset.roots == ("7",)


def test_records_carry_their_json_path() -> None:
    result = _load({"units": [UNIT, UNIT], "links": [{"child": "HK", "parent": "HN"}]})
    assert str(result.dataset.units[1].source) == "h.json $.units[1]"
    assert result.dataset.links[0].source == Pointer(file="h.json", path="$.links[0]")


# --------------------------------------------------------------------------
# Problems, with exact pointers
# --------------------------------------------------------------------------


def test_bad_date_is_s003_and_the_record_is_kept_with_none() -> None:
    result = _load(
        {"units": [UNIT, {**UNIT, "id": "BĐ", "founded": "31/02/2025", "dissolved": "1/7/2025"}]}
    )
    problem = _only(result, "S003")
    assert problem.pointer == Pointer(file="h.json", path="$.units[1].founded")
    assert problem.subject == "BĐ"
    assert problem.is_error
    unit = result.dataset.units[1]
    assert (unit.founded, unit.dissolved) == (None, pendulum.Date(2025, 7, 1))
    assert not result.report.ok


def test_missing_required_field_is_s002_and_the_record_skipped() -> None:
    result = _load({"units": [UNIT, {"id": "X", "kind": "district"}, {**UNIT, "id": "BĐ"}]})
    problem = _only(result, "S002")
    assert str(problem.pointer) == "h.json $.units[1].name"
    assert "'name' is missing" in problem.message
    assert result.dataset.unit_ids() == ("HK", "BĐ")


def test_empty_or_null_id_is_s004() -> None:
    result = _load(
        {
            "links": [
                {"child": "", "parent": "HN"},
                {"child": "A", "parent": None},
                {"child": "A", "parent": "B"},
            ]
        }
    )
    assert [str(p.pointer) for p in result.report.by_code("S004")] == [
        "h.json $.links[0].child",
        "h.json $.links[1].parent",
    ]
    assert result.dataset.links == (Link(child="A", parent="B"),)


def test_bad_enum_is_s006_listing_the_accepted_values() -> None:
    result = _load(
        {
            "groups": [{"id": "C1", "name": "Cụm 1", "kind": "team"}],
            "members": [{"group": "C1", "unit": "HK", "role": "boss"}],
        }
    )
    kinds, roles = result.report.by_code("S006")
    assert str(kinds.pointer) == "h.json $.groups[0].kind"
    assert "'team' is not one of cluster, block (or cụm" in kinds.message
    assert str(roles.pointer) == "h.json $.members[0].role"
    assert "member, leader, deputy" in roles.message
    assert result.dataset.groups == ()
    # An optional field that cannot be read falls back to its default, with an error.
    assert result.dataset.members == (GroupMember(group="C1", unit="HK"),)


@pytest.mark.parametrize(
    ("record", "path", "words"),
    [
        ({**UNIT, "name": ["a"]}, "$.units[0].name", "expected text, got a list"),
        ({**UNIT, "id": 1.5}, "$.units[0].id", "expected text, got 1.5"),
        ({**UNIT, "id": True}, "$.units[0].id", "expected text, got True"),
        ({**UNIT, "attributes": [1]}, "$.units[0].attributes", "expected an object"),
        ({**UNIT, "attributes": {"a": [1]}}, "$.units[0].attributes.a", "expected text, a num"),
        ("HK", "$.units[0]", "expected an object, got 'HK'"),
    ],
)
def test_wrong_types_are_s006(record: Any, path: str, words: str) -> None:
    problem = _only(_load({"units": [record]}), "S006")
    assert problem.pointer is not None
    assert problem.pointer.path == path
    assert words in problem.message


def test_event_lists_and_shares() -> None:
    result = _load(
        {
            "events": [
                {
                    "id": "E1",
                    "kind": "split",
                    "date": "2024-03-01",
                    "originals": ["A"],
                    "results": ["B", "C"],
                    "shares": [0.6, "0,4"],
                },
                {"id": "E2", "kind": "merge", "date": "2024-03-01", "originals": "A;B"},
                {"id": "E3", "kind": "split", "date": "2024-03-01", "shares": ["x"]},
                {"id": "E4", "kind": "found", "date": "hôm qua"},
            ]
        }
    )
    assert result.dataset.events[0].shares == (0.6, 0.4)
    assert [str(p.pointer) for p in result.report.by_code("S006")] == [
        "h.json $.events[1].originals",
        "h.json $.events[2].shares",
    ]
    assert str(_only(result, "S003").pointer) == "h.json $.events[3].date"
    # A required date that cannot be read drops the event.
    assert [e.id for e in result.dataset.events] == ["E1", "E2", "E3"]


def test_unknown_keys_are_s007_warnings_naming_the_key() -> None:
    result = _load(
        {
            "units": [{**UNIT, "sector": "y tế"}],
            "comment": "x",
            "scheme": {"name": "s", "levels": [], "note": 1},
        }
    )
    assert [(str(p.pointer), p.is_error) for p in result.report.by_code("S007")] == [
        ("h.json $.comment", False),
        ("h.json $.units[0].sector", False),
        ("h.json $.scheme.note", False),
    ]
    assert result.report.ok
    assert result.dataset.units == (HK_UNIT,)


def test_a_source_key_in_the_input_is_unknown() -> None:
    result = _load({"units": [{**UNIT, "source": "excel"}]})
    assert str(_only(result, "S007").pointer) == "h.json $.units[0].source"
    assert result.dataset.units[0].source == Pointer(file="h.json", path="$.units[0]")


def test_unknown_schema_version_is_s005_and_reading_goes_on() -> None:
    result = _load({"format": "thidua.hierarchy", "schema_version": 3, "units": [UNIT]})
    assert str(_only(result, "S005").pointer) == "h.json $.schema_version"
    assert "reads versions 1 and 2" in _only(result, "S005").message
    assert result.dataset.unit_ids() == ("HK",)


@pytest.mark.parametrize("version", [1, 2])
def test_versions_1_and_2_are_read_and_the_workspace_sections_are_known_keys(
    version: int,
) -> None:
    doc = {"schema_version": version, "units": [UNIT], "indicators": [], "figures": [{}]}
    result = _load(doc)
    assert result.report.ok
    assert not result.report.by_code("S007")
    assert result.dataset.unit_ids() == ("HK",)


def test_wrong_format_name_is_s006() -> None:
    result = _load({"format": "other", "units": []})
    assert str(_only(result, "S006").pointer) == "h.json $.format"


def test_scheme_and_metadata_problems() -> None:
    result = _load(
        {
            "scheme": {
                "name": "s",
                "levels": [{"kind": "a", "rank": 0}, {"kind": "b", "rank": "x"}],
            },
            "metadata": {"title": "Hà Nội", "n": 3, "bad": {}},
        }
    )
    assert result.dataset.scheme == LevelScheme("s", (Level(kind="a", rank=0),))
    assert result.dataset.metadata == {"title": "Hà Nội", "n": "3"}
    assert [str(p.pointer) for p in result.report.by_code("S006")] == [
        "h.json $.metadata.bad",
        "h.json $.scheme.levels[1].rank",
    ]
    missing = _load({"scheme": {"levels": []}})
    assert missing.dataset.scheme is UNION_SCHEME
    assert str(_only(missing, "S002").pointer) == "h.json $.scheme.name"


def test_a_section_that_is_not_a_list_is_s006() -> None:
    result = _load({"units": {"HK": UNIT}, "roots": "HN"})
    assert [str(p.pointer) for p in result.report.by_code("S006")] == [
        "h.json $.units",
        "h.json $.roots",
    ]


def test_every_problem_is_collected_in_one_pass() -> None:
    result = _load(
        {
            "units": [
                {"id": "", "name": "a", "kind": "k"},
                {"id": "B", "name": "b", "kind": "k", "founded": "x"},
                {"id": "C", "name": "c", "kind": "k"},
            ],
            "links": [{"child": "C"}],
        }
    )
    assert result.report.codes() == ["S002", "S003", "S004"]
    assert result.dataset.unit_ids() == ("B", "C")


# --------------------------------------------------------------------------
# Unreadable input
# --------------------------------------------------------------------------


def test_not_json_raises_unreadable(tmp_path: Path) -> None:
    (tmp_path / "h.json").write_text("{units: }", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match="not JSON"):
        io.read_json(tmp_path / "h.json")
    with pytest.raises(UnreadableInputError, match="no such file"):
        io.read(tmp_path / "missing.json")
    with pytest.raises(UnreadableInputError, match="not an object"):
        io.loads_json("[1, 2]")
    (tmp_path / "latin.json").write_bytes('{"x": "Hà"}'.encode("cp1258"))
    with pytest.raises(UnreadableInputError, match="not UTF-8"):
        io.read_json(tmp_path / "latin.json")


def test_json_with_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "h.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"units": [UNIT]}).encode())
    assert io.read_json(tmp_path / "h.json").dataset.unit_ids() == ("HK",)


def test_read_json_reports_progress(tmp_path: Path) -> None:
    io.write_json(Dataset(units=[HK_UNIT]), tmp_path / "h.json")
    calls: list[tuple[str, int, int | None]] = []
    io.read_json(tmp_path / "h.json", progress=lambda *a: calls.append(a))
    assert ("units", 1, 1) in calls


# --------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------


def test_yaml_native_dates_and_numbers(tmp_path: Path) -> None:
    (tmp_path / "h.yml").write_text(
        "units:\n"
        "- id: 7\n  name: Công đoàn cơ sở\n  kind: grassroots\n  founded: 2025-07-01\n"
        "  attributes: {members: 120, active: yes}\n"
        "links:\n- {child: 7, parent: HN, valid_from: 1/7/2025}\n",
        encoding="utf-8",
    )
    result = io.read(tmp_path / "h.yml")
    assert not result.report, str(result.report)
    unit = result.dataset.units[0]
    assert (unit.id, unit.founded) == ("7", pendulum.Date(2025, 7, 1))
    assert unit.attributes == {"members": 120, "active": True}
    assert result.dataset.links[0].valid_from == pendulum.Date(2025, 7, 1)


def test_yaml_is_read_safely(tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(
        "units: !!python/object/apply:os.system ['true']\n", encoding="utf-8"
    )
    with pytest.raises(UnreadableInputError, match="not YAML"):
        io.read_yaml(tmp_path / "h.yaml")


def test_yaml_problems_point_into_the_document(tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(
        "units:\n- {id: A, name: a, kind: k, dissolved: 2025-02-30}\n", encoding="utf-8"
    )
    result = io.read_yaml(tmp_path / "h.yaml")
    assert str(_only(result, "S003").pointer) == "h.yaml $.units[0].dissolved"


def test_yaml_quotes_text_that_looks_like_other_types(tmp_path: Path) -> None:
    ds = Dataset(
        units=[
            Unit(id="007", name="yes", kind="null", attributes={"since": "2025-07-01", "n": "12"})
        ],
        metadata={"on": "true"},
    )
    io.write_yaml(ds, tmp_path / "h.yaml")
    assert io.read_yaml(tmp_path / "h.yaml").dataset == ds


def test_missing_yaml_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(io.MissingExtraError, match=r"pip install thidua\[yaml\]") as info:
        io.write_yaml(Dataset(), tmp_path / "h.yaml")
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, ThiduaError)
    (tmp_path / "h.yaml").write_text("units: []\n", encoding="utf-8")
    with pytest.raises(ImportError, match="PyYAML"):
        io.read(tmp_path / "h.yaml")


def test_missing_excel_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(io.MissingExtraError, match=r"pip install thidua\[excel\]"):
        io.write(Dataset(), tmp_path / "h.xlsx")


def test_group_and_role_round_trip_through_json() -> None:
    ds = Dataset(
        groups=[
            Group(
                id="C1", name="Cụm 1", kind=GroupKind.CLUSTER, owner="HN", attributes={"năm": 2025}
            )
        ],
        members=[
            GroupMember(
                group="C1",
                unit="HK",
                role=Role.LEADER,
                valid_from=pendulum.Date(2025, 1, 1),
                valid_to=pendulum.Date(2026, 1, 1),
            )
        ],
    )
    assert io.loads_json(io.dumps_json(ds)).dataset == ds


# --------------------------------------------------------------------------
# The fast path and the collecting path agree
# --------------------------------------------------------------------------

_JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            " ",
            "A",
            "Hà Nội",
            "1/7/2025",
            "2025-07-01",
            "31/02/2025",
            "0,5",
            "merge",
            "cụm trưởng",
            "khối",
            "admin",
            "x;y",
        ]
    )
    | st.dates().map(lambda d: dt.date(d.year, d.month, d.day)),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=2)
    ),
    max_leaves=5,
)


@pytest.mark.parametrize("section", ["units", "links", "groups", "members", "events", "levels"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fast_and_collecting_paths_agree(section: str, data: st.DataObject) -> None:
    readers = _readers()
    reader = getattr(readers, section)
    keys = [f.name for f in reader.fields]
    raw = data.draw(st.dictionaries(st.sampled_from([*keys, "extra"]), _JSONISH, max_size=8))
    pointer = Pointer(file="h.json", path=f"$.{section}[0]")
    fast_problems: list[Problem] = []
    slow_problems: list[Problem] = []
    fast = reader.read(dict(raw), pointer, fast_problems)
    slow = reader._read_slowly(dict(raw), pointer, slow_problems)
    assert fast == slow
    assert fast_problems == slow_problems
    if fast is not None and not fast_problems:
        # Whatever the strict converter accepts, the collecting path accepts silently.
        assert (
            reader._fast({**raw, "source": pointer} if reader.has_source else raw, reader.cls)
            == slow
        )
