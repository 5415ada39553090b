"""Parsers for what people type: postcodes, opening times, ages. Each raises ValueError with a message a
member of the public (or a provider filling in a CSV file) can act on."""

from __future__ import annotations

import re
from datetime import time

from sendboard.localoffer.models import Weekday

_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_POSTCODE = re.compile(rf"^({_OUTWARD}) ?([0-9][A-Z]{{2}})$")
_DISTRICT = re.compile(rf"^{_OUTWARD}$")
_SLOT = re.compile(r"^([A-Za-z]{2}) +([0-9]{1,2}):([0-9]{2}) *- *([0-9]{1,2}):([0-9]{2})$")
_TIME = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
WEEKDAYS = [code for code, _ in Weekday.choices]


def postcode_normalise(text: str) -> str:
    """A full UK postcode in its standard form (``wr52np`` becomes ``WR5 2NP``)."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise ValueError("Enter a real postcode, like WR5 2NP")
    return f"{match.group(1)} {match.group(2)}"


def full_postcode(text: str) -> str:
    """The full postcode typed, in standard form, or "" when only a district (or nothing valid) was typed."""
    try:
        return postcode_normalise(text)
    except ValueError:
        return ""


def postcode_district(text: str) -> str:
    """The postcode district (outward code) of a full postcode or of a district on its own: WR5 2NP and WR5
    both give WR5."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _POSTCODE.match(compact)
    if match:
        return match.group(1)
    if _DISTRICT.match(compact):
        return compact
    raise ValueError("Enter a postcode, like WR5 2NP, or the first part of one, like WR5")


def time_parse(text: str) -> time:
    match = _TIME.match((text or "").strip())
    if not match:
        raise ValueError("Enter a time in 24-hour form, like 09:30 or 17:00")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ValueError("Enter a real time, like 09:30 or 17:00")
    return time(hours, minutes)


def opening_times_parse(text: str) -> list[tuple[str, time, time]]:
    """Weekly opening times, one slot per line or separated by semicolons: ``MO 09:00-17:00``."""
    slots = []
    for raw in re.split(r"[;\n]", text or ""):
        part = raw.strip()
        if not part:
            continue
        match = _SLOT.match(part)
        if not match:
            raise ValueError(f"“{part}” should be a day and times, like MO 09:00-17:00")
        day = match.group(1).upper()
        if day not in WEEKDAYS:
            raise ValueError(f"“{part}” should start with a day: {', '.join(WEEKDAYS)}")
        opens = time_parse(f"{match.group(2)}:{match.group(3)}")
        closes = time_parse(f"{match.group(4)}:{match.group(5)}")
        if closes <= opens:
            raise ValueError(f"“{part}” closes before it opens")
        slots.append((day, opens, closes))
    return slots


def opening_times_format(slots) -> str:
    return "\n".join(f"{s.byday} {s.opens_at:%H:%M}-{s.closes_at:%H:%M}" for s in slots)


def age_range_check(minimum: int, maximum: int) -> None:
    if minimum > maximum:
        raise ValueError("The youngest age must not be more than the oldest age")
    if maximum > 25:
        raise ValueError("The Local Offer covers ages 0 to 25")
