"""Every document in data/raw publishes exactly what its committed snapshot holds (tests/snapshot.py)."""

from __future__ import annotations

import pytest

from tests.snapshot import documents, snapshot, stored


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem[:24])
def test_published_outputs_are_byte_identical_to_the_snapshot(path):
    expected = stored(path)
    assert expected, f"no snapshot for {path.name}: run `make snapshots`"
    actual = snapshot(path)
    assert sorted(actual) == sorted(expected)
    changed = [name for name in expected if actual[name] != expected[name]]
    assert not changed, f"{path.name}: {changed} differ from tests/snapshots/{path.stem}/"
