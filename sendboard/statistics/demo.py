"""Demo content: the real published comparators (shipped with sendboard, or SENDBOARD_PUBLISHED_DATA_DIR) at the county
scale (about 10 s; each file once, by checksum). At the small scale (tests) nothing is loaded: the tests
load the files they need themselves."""

from __future__ import annotations

from django.conf import settings

from sendboard.statistics.loading import published_statistics_load, result_line
from sendboard.statistics.published import published_data_dir


def load_demo(*, stdout) -> None:
    if settings.SENDBOARD_DEMO_SCALE == "small":
        stdout.write("Published comparators: not loaded at the small scale")
        return
    folder = published_data_dir()
    if not folder.is_dir():
        stdout.write(
            "Published comparators: the folder named by SENDBOARD_PUBLISHED_DATA_DIR does not exist; "
            "leave it empty to load the files sendboard ships"
        )
        return
    for result in published_statistics_load(directory=folder):
        stdout.write(f"Published comparators: {result_line(result)}")
