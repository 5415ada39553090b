from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.localoffer.parsing import (
    WEEKDAYS,
    opening_times_parse,
    postcode_district,
    postcode_normalise,
    time_parse,
)

letters = st.sampled_from("ABCDEFGHIJKLMNOPRSTUWYZ")
outward = st.tuples(
    st.text("ABCDEFGHIJKLMNOPRSTUWYZ", min_size=1, max_size=2), st.integers(1, 9), st.sampled_from(["", "0", "5", "A"])
).map(lambda t: f"{t[0]}{t[1]}{t[2]}")
inward = st.tuples(st.integers(0, 9), letters, letters).map(lambda t: f"{t[0]}{t[1]}{t[2]}")


@given(outward, inward, st.sampled_from(["", " ", "  "]), st.booleans())
def test_any_written_form_of_a_postcode_gives_the_standard_form_and_its_district(out, inw, gap, lower):
    typed = f"{out}{gap}{inw}"
    typed = typed.lower() if lower else typed
    assert postcode_normalise(typed) == f"{out} {inw}"
    assert postcode_district(typed) == out
    assert postcode_district(out.lower()) == out


@pytest.mark.parametrize("typed", ["", "WR", "12345", "WR5 2N", "WR5 2NPX", "W R5", "WR5-2NP"])
def test_what_is_not_a_postcode_is_refused_with_an_example(typed):
    with pytest.raises(ValueError, match="like WR5 2NP"):
        postcode_normalise(typed)


@given(
    st.lists(
        st.tuples(st.sampled_from(WEEKDAYS), st.integers(0, 22), st.integers(0, 59), st.integers(1, 60)), max_size=7
    )
)
def test_opening_times_written_out_are_read_back_exactly(slots):
    expected = []
    lines = []
    for day, hour, minute, length in slots:
        opens = time(hour, minute)
        total = hour * 60 + minute + length
        closes = time(min(total // 60, 23), total % 60 if total // 60 <= 23 else 59)
        if closes <= opens:
            continue
        expected.append((day, opens, closes))
        lines.append(f"{day.lower()} {opens:%H:%M} - {closes:%H:%M}")
    assert opening_times_parse(";".join(lines)) == expected
    assert opening_times_parse("\n".join(lines)) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Monday 9-5", "should be a day and times"),
        ("XX 09:00-17:00", "should start with a day"),
        ("MO 17:00-09:00", "closes before it opens"),
        ("MO 25:00-26:00", "real time"),
    ],
)
def test_malformed_opening_times_say_what_is_wrong(typed, message):
    with pytest.raises(ValueError, match=message):
        opening_times_parse(typed)


@given(st.text(max_size=8))
def test_time_parse_either_gives_a_time_or_says_how_to_write_one(text):
    try:
        assert isinstance(time_parse(text), time)
    except ValueError as error:
        assert "24-hour" in str(error) or "real time" in str(error)
