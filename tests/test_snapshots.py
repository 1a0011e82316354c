"""Every document in data/raw publishes exactly what its committed snapshot holds (tests/snapshot.py)."""

from __future__ import annotations

import pytest

from tests.snapshot import documents, name_of, snapshot, stored


@pytest.mark.parametrize("paths", documents(), ids=lambda paths: name_of(paths)[:24])
def test_published_outputs_are_byte_identical_to_the_snapshot(paths):
    expected = stored(paths)
    assert expected, f"no snapshot for {name_of(paths)}: run `make snapshots`"
    actual = snapshot(paths)
    assert sorted(actual) == sorted(expected)
    changed = [name for name in expected if actual[name] != expected[name]]
    assert not changed, f"{name_of(paths)}: {changed} differ from tests/snapshots/{name_of(paths)}/"
