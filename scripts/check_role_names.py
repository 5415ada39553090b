"""Fails when a role is named outside the places that decide what roles may do (ADR 0110).

Roles are named in ``sendboard/accounts/roles.py`` (the role table), in each app's ``permissions.py`` (its
object rules), in the demo loaders (which create demo users) and in tests. Anywhere else, code asks a
permission or an app's rule instead, so that what a role may do is changed in one place. This finds:

- a member of the ``Role`` enum (``Role.AREA_LEADER``) or ``Role("...")``;
- a role's value written as a string where a role is filtered on: ``role="caseworker"``,
  ``role__in=["area_leader", ...]``;
- a role compared at all (``user.role == "adviser"``, ``user.role in LEADERS``): that is a rule;
- a template that compares a role (``current_user.role in (...)``): a page asks its app's rule instead.

Run: ``python scripts/check_role_names.py [PATH ...]`` (the ``sendboard`` package by default). Exit status 1
and one line per finding when any is found.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES_MODULE = ROOT / "sendboard" / "accounts" / "roles.py"
TEMPLATE_ROLE_TEST = re.compile(r"\brole\s*(==|!=|\bin\b|\bnot\s+in\b)")


def role_values() -> set[str]:
    """The ``Role`` enum's values, read from roles.py itself (no Django needed)."""
    tree = ast.parse(ROLES_MODULE.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Role":
            values = set()
            for item in node.body:
                if isinstance(item, ast.Assign) and isinstance(item.value, ast.Tuple) and item.value.elts:
                    first = item.value.elts[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        values.add(first.value)
            return values
    raise SystemExit(f"No Role enum found in {ROLES_MODULE}")


def allowed(path: Path) -> bool:
    """Files where roles may be named."""
    parts = path.parts
    return (
        path.resolve() == ROLES_MODULE
        or path.name == "permissions.py"
        or path.name == "demo.py"  # each app's demo loader
        or path.resolve().is_relative_to(ROOT / "sendboard" / "demo")  # the demo area's loader
        or "migrations" in parts
        or "tests" in parts
    )


def _constants(node: ast.AST) -> list[ast.Constant]:
    """String constants of a node that is one, or a list, tuple or set of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [elt for elt in node.elts if isinstance(elt, ast.Constant) and isinstance(elt.value, str)]
    return []


def _names_role(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "role") or (
        isinstance(node, ast.Name) and node.id == "role"
    )


def python_findings(source: str, values: set[str]) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
            and node.attr.isupper()
        ):
            yield node.lineno, f"Role.{node.attr}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Role":
            yield node.lineno, "Role(...)"
        elif isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[0] == "role":
            for constant in _constants(node.value):
                if constant.value in values:
                    yield constant.lineno, f"{node.arg}={constant.value!r}"
        elif isinstance(node, ast.Compare) and any(_names_role(side) for side in [node.left, *node.comparators]):
            yield node.lineno, "a role compared (a rule about roles belongs in the app's permissions.py)"


def template_findings(source: str, values: set[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(source.splitlines(), start=1):
        if TEMPLATE_ROLE_TEST.search(line):
            yield number, "a template compares a role"


def findings(paths: list[Path]) -> Iterator[str]:
    values = role_values()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in {".py", ".html"})
        for path in files:
            if allowed(path):
                continue
            source = path.read_text(encoding="utf-8")
            found = python_findings(source, values) if path.suffix == ".py" else template_findings(source, values)
            for line, what in found:
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                yield f"{shown}:{line}: {what}: name roles only in accounts/roles.py or the app's permissions.py"


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or [ROOT / "sendboard"]
    problems = list(findings(paths))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} role name(s) written outside the permission rules", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
