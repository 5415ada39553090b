"""The check `make check` runs for role names written outside the permission rules (scripts/check_role_names.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_role_names", ROOT / "scripts" / "check_role_names.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)
VALUES = check.role_values()


def _found(source: str) -> list[str]:
    return [what for _line, what in check.python_findings(source, VALUES)]


def test_the_role_values_are_read_from_the_role_table():
    assert {"administrator", "caseworker", "provider_editor"} <= VALUES


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("PLAN_WIDE = {Role.ADMINISTRATOR}", ["Role.ADMINISTRATOR"]),
        ("role = Role('caseworker')", ["Role(...)"]),
        ("User.objects.filter(role__in=['area_leader', 'adviser'])", ["role__in='area_leader'", "role__in='adviser'"]),
        ("User.objects.filter(role='caseworker')", ["role='caseworker'"]),
        ("ok = user.role == 'adviser'", ["a role compared (a rule about roles belongs in the app's permissions.py)"]),
        ("ok = user.role in LEADERS", ["a role compared (a rule about roles belongs in the app's permissions.py)"]),
    ],
)
def test_a_role_named_in_code_is_found(source, expected):
    assert _found(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "fields = [f for f in fields if f.key != 'caseworker']",  # a field that shares a role's name
        "Role.choices",
        "User.objects.filter(role__in=permissions.CASE_HOLDING_ROLES)",
        "role_has_permission(role=user.role, permission=p)",
    ],
)
def test_what_is_not_a_role_rule_is_not_found(source):
    assert _found(source) == []


def test_a_template_comparing_a_role_is_found():
    found = list(check.template_findings('{% if current_user.role in ("administrator",) %}x{% endif %}', VALUES))
    assert found == [(1, "a template compares a role")]
    assert list(check.template_findings("{{ current_user.get_role_display() }}", VALUES)) == []


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("sendboard/accounts/roles.py", True),
        ("sendboard/plans/permissions.py", True),
        ("sendboard/casework/demo.py", True),
        ("sendboard/demo/area.py", True),
        ("tests/plans/test_services.py", True),
        ("sendboard/plans/selectors.py", False),
        ("sendboard/plans/views.py", False),
    ],
)
def test_where_roles_may_be_named(path, allowed):
    assert check.allowed(ROOT / path) is allowed


def test_the_tree_names_roles_only_where_it_may():
    assert list(check.findings([ROOT / "sendboard"])) == []
