"""The service navigation in the header: what the public sees, and for staff what their role lets them do.

One table, in the order the header shows it. Staff items are chosen by permission (the role table in
``accounts.roles`` decides who has which), so a person only sees sections they can open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendboard.accounts.access import user_has_permission
from sendboard.accounts.roles import Permission
from sendboard.core.reversing import reverse_kept


@dataclass(frozen=True)
class NavigationItem:
    text: str
    url_name: str
    permission: Permission | None = None  # None: a public page


PUBLIC_NAVIGATION: tuple[NavigationItem, ...] = (
    NavigationItem("Local Offer", "localoffer:home"),
    NavigationItem("Ask for an assessment", "core:request-assessment"),
    NavigationItem("Advice and support", "core:sendiass"),
    NavigationItem("How the area is improving", "plans:public"),
)

STAFF_NAVIGATION: tuple[NavigationItem, ...] = (
    NavigationItem("Your work", "core:home", Permission.VIEW_HOME),
    NavigationItem("Improvement plan", "plans:index", Permission.VIEW_PLANS),
    NavigationItem("Casework", "casework:my-cases", Permission.MANAGE_CASEWORK),
    NavigationItem("Vulnerable learners", "tracking:overview", Permission.VIEW_VULNERABLE_LEARNERS),
    NavigationItem("Report a pupil", "tracking:setting", Permission.REPORT_PUPILS),
    NavigationItem("Outcomes", "outcomes:dashboard", Permission.VIEW_OUTCOMES),
    NavigationItem("Local Offer", "localoffer:team", Permission.MANAGE_LOCAL_OFFER),
    NavigationItem("Your services", "localoffer:provider-services", Permission.EDIT_OWN_SERVICES),
    NavigationItem("Data files", "returns:upload", Permission.IMPORT_RETURNS),
    NavigationItem("People", "accounts:people", Permission.MANAGE_PEOPLE),
    NavigationItem("Audit log", "audit:log", Permission.VIEW_AUDIT_LOG),
)


def navigation_for(user, *, path: str) -> list[dict]:
    """govukServiceNavigation items for ``user`` (public items when signed out), the current section active.

    The active item is the one whose address is the longest start of ``path``, so /plans/actions/7/ marks
    "Improvement plan" and / marks nothing.
    """
    if user is not None and user.is_authenticated:
        items = [item for item in STAFF_NAVIGATION if user_has_permission(user, item.permission)]
    else:
        items = list(PUBLIC_NAVIGATION)
    hrefs = [reverse_kept(item.url_name) for item in items]
    matching = [href for href in hrefs if href != "/" and path.startswith(href)]
    active = max(matching, key=len) if matching else None
    return [
        {"href": href, "text": item.text, "active": href == active} for item, href in zip(items, hrefs, strict=True)
    ]
