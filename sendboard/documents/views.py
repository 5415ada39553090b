"""A child's documents, the letters a caseworker produces, and the council's wording of them (ADR 0157, 0158)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from sendboard.accounts.access import requires
from sendboard.accounts.roles import Permission
from sendboard.casework import selectors as casework
from sendboard.casework.services import children_shown_record
from sendboard.core.forms import form_errors_apply
from sendboard.documents import letters, permissions, presenters, selectors, services
from sendboard.documents.forms import DocumentUploadForm, LetterChoiceForm, LetterTemplateForm
from sendboard.documents.models import LetterKind


def _child_documents_url(child) -> str:
    return reverse("documents:child-documents", args=[child.public_id])


@requires(Permission.VIEW_CHILDREN)
def child_documents(request: HttpRequest, child_id) -> HttpResponse:
    child = casework.child_get_for_user(request.user, child_id)
    documents = selectors.documents_for_child(request.user, child)
    children_shown_record(user=request.user, children=[child])
    services.documents_shown_record(user=request.user, documents=documents)
    return render(
        request,
        "documents/child_documents.html",
        {
            "child": child,
            "documents": presenters.document_rows(documents),
            "can_add": permissions.may_add_documents_for(request.user, child),
        },
    )


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, child_id) -> HttpResponse:
    child = casework.child_get_for_user(request.user, child_id)
    form = DocumentUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        partners=selectors.partner_organisations(request.user),
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        try:
            document = services.document_store(
                user=request.user,
                child=child,
                kind=data["kind"],
                title=data["title"],
                document_date=data["document_date"],
                filename=upload.name,
                content=upload.read(),
                shared_with=[int(pk) for pk in data["shared_with"]],
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"{document.title} added")
            return HttpResponseRedirect(_child_documents_url(child))
    children_shown_record(user=request.user, children=[child])
    return render(request, "documents/upload.html", {"form": form, "child": child})


@requires(Permission.VIEW_HOME)
def download(request: HttpRequest, public_id) -> HttpResponse:
    """A document's file, for whoever may see it (casework staff of the area, a partner it is shared with);
    every download is logged."""
    document = selectors.document_get_for_user(request.user, public_id)
    services.documents_shown_record(user=request.user, documents=[document], how="downloaded")
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    return response


@requires(Permission.MANAGE_CASEWORK)
def letter_choose(request: HttpRequest, child_id) -> HttpResponse:
    child = casework.child_get_for_user(request.user, child_id)
    form = LetterChoiceForm(request.GET if "letter" in request.GET else None)
    if form.is_bound and form.is_valid():
        return HttpResponseRedirect(
            reverse("documents:letter-preview", args=[child.public_id, form.cleaned_data["letter"]])
        )
    children_shown_record(user=request.user, children=[child])
    return render(request, "documents/letter_choose.html", {"form": form, "child": child})


def _letter_context(request: HttpRequest, child, letter: str) -> dict:
    row = selectors.letter_wording(child.local_area, letter)
    values = letters.record_values(
        child,
        council_name=selectors.council_name(child.local_area),
        labels=casework.code_labels(),
        today=timezone.localdate(),
    )
    return {
        "child": child,
        "letter": letter,
        "name": row.name,
        "row": row,
        "values": values,
        "missing": letters.missing_values(letter, values),
        "filled": letters.letter_fill(row.wording, values),
    }


@requires(Permission.MANAGE_CASEWORK)
@require_http_methods(["GET", "POST"])
def letter_preview(request: HttpRequest, child_id, letter: str) -> HttpResponse:
    """The letter filled from the record, to read before it is saved as a PDF among the child's documents."""
    if letter not in LetterKind.values:
        raise Http404("No such letter")
    child = casework.child_get_for_user(request.user, child_id)
    if not permissions.may_add_documents_for(request.user, child):
        raise PermissionDenied("letters")
    error = ""
    if request.method == "POST":
        try:
            document = services.letter_produce(
                user=request.user,
                child=child,
                letter=letter,
                council_name=selectors.council_name(child.local_area),
                labels=casework.code_labels(),
                wording=selectors.letter_wording(child.local_area, letter).wording,
            )
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, f"{document.title} saved as a PDF")
            return HttpResponseRedirect(_child_documents_url(child))
    children_shown_record(user=request.user, children=[child])
    context = _letter_context(request, child, letter)
    return render(request, "documents/letter_preview.html", {**context, "error": error}, status=400 if error else 200)


@requires(Permission.MANAGE_LETTER_TEMPLATES)
def letter_templates(request: HttpRequest) -> HttpResponse:
    areas = selectors.letter_template_areas(request.user)
    return render(
        request,
        "documents/letter_templates.html",
        {"areas": [(area, selectors.letter_rows(area)) for area in areas]},
    )


@requires(Permission.MANAGE_LETTER_TEMPLATES)
@require_http_methods(["GET", "POST"])
def letter_template_edit(request: HttpRequest, la_code: str, letter: str) -> HttpResponse:
    area = selectors.letter_template_area_get(request.user, la_code)
    row = selectors.letter_wording(area, letter)
    form = LetterTemplateForm(
        request.POST if request.method == "POST" else None,
        initial={
            "subject": row.wording.subject,
            "body": row.wording.body,
            "version": services.letter_wording_version(row.wording),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(
                user=request.user,
                local_area=area,
                letter=letter,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_errors_apply(form, error)
        else:
            messages.success(request, f"Wording of the letter saved: {row.name}")
            return HttpResponseRedirect(reverse("documents:letter-templates"))
    return render(
        request,
        "documents/letter_template_edit.html",
        {"form": form, "area": area, "row": row, "placeholders": letters.PLACEHOLDERS},
    )
