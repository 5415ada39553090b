"""Which app's demo loader runs when: each loader's prerequisites are declared here, and the loaders run in an
order that honours them, whatever the order of INSTALLED_APPS (ADR 0177). INSTALLED_APPS orders apps by what
they build on (documents below returns, say), which is not the order their demo content can be made in: a child's
letters need the register that the returns loader imports."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from django.apps import apps

# {app label: the app labels whose demo loaders must have run first, and why}. Every app with a demo loader is
# named here, so that a new loader says what it needs.
LOADER_NEEDS: dict[str, tuple[str, ...]] = {
    "plans": (),  # the inspection, the plan and its people; the outcomes catalogue is there from the migrations
    "casework": (),  # the SEND team's area and caseworkers, from the demo area itself
    "returns": ("casework",),  # the generated register, held by the team's caseworkers
    "documents": ("returns",),  # letters and advice for children of the register
    "advice": ("returns", "documents"),  # requests for children being assessed, with documents sent
    "reminders": ("advice",),  # reminders about the advice requests, among others
    "localoffer": (),
    "statistics": (),
    "extracts": ("returns",),  # the local extracts are written from the register
    "tracking": ("extracts",),  # the census and the schools' reports come from the extracts
    "outcomes": ("returns", "extracts", "statistics"),  # the first facts refresh reads them all
}


class LoaderOrderError(Exception):
    pass


def _demo_modules() -> list[tuple[str, Callable]]:
    """(label, load_demo) of each app with a ``demo`` module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("sendboard.") or config.name == "sendboard.demo":
            continue
        module_name = f"{config.name}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        found.append((config.label, module.load_demo))
    return found


def loaders_ordered(
    loaders: list[tuple[str, Callable]], needs: dict[str, tuple[str, ...]]
) -> list[tuple[str, Callable]]:
    """``loaders`` with each one after the loaders it needs, otherwise in the order given. Refuses a loader whose
    needs are not declared, a need that is no loader, and needs that go round in a circle."""
    labels = [label for label, _ in loaders]
    undeclared = [label for label in labels if label not in needs]
    unknown = sorted({need for label in labels for need in needs.get(label, ()) if need not in labels})
    if undeclared or unknown:
        raise LoaderOrderError(f"Demo loaders undeclared: {undeclared}; needs that are no loader: {unknown}")
    waiting = list(loaders)
    done: list[tuple[str, Callable]] = []
    while waiting:
        ready = next((item for item in waiting if all(n in {d for d, _ in done} for n in needs[item[0]])), None)
        if ready is None:
            raise LoaderOrderError(f"Demo loaders need each other in a circle: {[label for label, _ in waiting]}")
        waiting.remove(ready)
        done.append(ready)
    return done


def app_demo_loaders() -> Iterator[tuple[str, Callable]]:
    """Each app's ``demo.load_demo(*, stdout)``, each after those it needs. Every loader is idempotent."""
    yield from loaders_ordered(_demo_modules(), LOADER_NEEDS)
