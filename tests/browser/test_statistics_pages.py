"""Given published files loaded (crafted excerpts: a council register, a defective annual-reviews file and
neighbours), when an analyst opens each comparators page in Chromium, then each passes page quality and axe."""

from __future__ import annotations

import pytest

from sendboard.accounts.roles import Role
from tests.browser.conftest import visit_and_check
from tests.statistics.conftest import loaded, register  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("loaded")
def test_comparators_pages(page, browser_sign_in):
    browser_sign_in(Role.ANALYST)
    for path in (
        "/statistics/",
        "/statistics/datasets/stats_ehcp_annual_reviews/",
        "/statistics/datasets/stats_ehcp_mi_2014_2022/",
        "/statistics/areas/",
    ):
        visit_and_check(page, path)
