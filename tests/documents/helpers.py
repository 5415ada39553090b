"""Files and people for the documents tests."""

from __future__ import annotations

import io
import zipfile

from sendboard.accounts.models import Organisation
from sendboard.accounts.roles import Role
from tests.casework.helpers import team
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def casework_user(role: str = Role.CASEWORKER, *, organisation: Organisation | None = None, area=None, **fields):
    """A member of a SEND team that works ``area`` (Worcestershire unless named)."""
    organisation = organisation or OrganisationFactory()
    team(organisation, area)
    return UserFactory(role=role, organisation=organisation, **fields)


def partner_user(**fields):
    return UserFactory(role=Role.HEALTH_SOCIAL_CARE, organisation=OrganisationFactory(), **fields)
