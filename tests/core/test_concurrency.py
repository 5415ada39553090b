"""The version an edit form carries: any change to a value it was made from is found and named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.core.concurrency import EditConflict, version_check, version_token

values = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
    st.one_of(st.none(), st.text(max_size=50), st.integers(), st.dates(), st.lists(st.integers(), max_size=4)),
    min_size=1,
    max_size=6,
)


@given(values)
def test_a_record_unchanged_since_the_form_opened_is_saved(record):
    version_check(version=version_token(record), values=record)


@given(values, st.data())
def test_a_change_to_any_one_value_is_refused_naming_that_field_and_its_value_now(record, data):
    name = data.draw(st.sampled_from(sorted(record)))
    changed = {**record, name: ["changed", record[name]]}
    with pytest.raises(EditConflict) as refused:
        version_check(version=version_token(record), values=changed)
    assert refused.value.changed == {name: changed[name]}
    assert refused.value.version == version_token(changed)


def test_no_version_is_not_checked_and_an_unreadable_one_is_refused():
    version_check(version=None, values={"title": "x"})
    with pytest.raises(EditConflict):
        version_check(version="unknown", values={"title": "x"})
