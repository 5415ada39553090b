from collections import Counter

import pytest
from django.core.management import call_command

from sendboard.accounts.models import Organisation, User
from sendboard.accounts.roles import Role
from sendboard.core.models import LocalArea
from sendboard.demo.area import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_area_is_worcestershire_with_one_demo_user_per_role():
    call_command("load_demo_area")
    area = LocalArea.objects.get()
    assert (area.name, area.la_code, area.gss_code, area.region_name) == (
        "Worcestershire",
        "885",
        "E10000034",
        "West Midlands",
    )
    roles = Counter(User.objects.values_list("role", flat=True))
    assert set(roles) == set(Role.values)
    # Health professionals twice: the health trust's and the educational psychology service's (ADR 0153).
    assert {role for role, count in roles.items() if count > 1} == {Role.HEALTH_SOCIAL_CARE}
    assert Organisation.objects.filter(name__startswith="Families in Partnership", kind="parent_carer_forum").exists()
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())


def test_the_demo_area_codes_match_the_published_statistics():
    import csv

    from sendboard.demo.area import AREA
    from sendboard.statistics.published import open_published

    with open_published("sen_la.csv") as handle:
        row = next(r for r in csv.DictReader(handle) if r["la_name"] == AREA["name"])
    assert (row["old_la_code"], row["new_la_code"], row["region_code"], row["region_name"]) == (
        AREA["la_code"],
        AREA["gss_code"],
        AREA["region_code"],
        AREA["region_name"],
    )


def test_the_demo_users_are_listed_with_their_roles_in_words(capsys):
    call_command("load_demo_area")
    lines = [line.split(None, 1) for line in capsys.readouterr().out.splitlines() if line.startswith("  demo.")]
    assert dict(lines)["demo.caseworker"] == "SEND caseworker"
    assert dict(lines)["demo.dco"] == "Designated clinical officer"
