"""Render Django form fields as GOV.UK Design System components, in one place.

Templates call ``govuk_field(form.field)`` and ``govuk_error_summary(form)``; neither maps errors by hand.
The component macros come from govuk-frontend-jinja, which tracks the pinned govuk-frontend release.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from typing import Any

from django import forms
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape
from markupsafe import Markup, escape


@cache
def _components_environment() -> Environment:
    """GOV.UK Frontend's macros expect lenient undefined handling, so they get an environment of their own."""
    return Environment(
        loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def _macro_name(component: str) -> str:
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


@cache
def component_macros() -> dict[str, object]:
    """Every component macro of the installed govuk-frontend-jinja, by its Nunjucks name (govukButton, ...)."""
    env = _components_environment()
    macros = {}
    for folder in files("govuk_frontend_jinja").joinpath("templates", "components").iterdir():
        if folder.joinpath("macro.html").is_file():
            module = env.get_template(f"govuk_frontend_jinja/components/{folder.name}/macro.html").module
            macros[_macro_name(folder.name)] = getattr(module, _macro_name(folder.name))
    return macros


def _macro(name: str):
    return component_macros()[name]


# --- components rendered once per process for each set of parameters -------------------------------------

KEPT_COMPONENTS = 512
_kept_lock = threading.Lock()
_kept: OrderedDict[tuple, str] = OrderedDict()
_SLOT = "<!--sendboard-slot-{}-->"


def _frozen(value: Any) -> tuple:
    """A component's parameters as a key: equal only for parameters that render equally (markup and text with the
    same characters differ, as do 1 and True). TypeError for anything else (then the component is not kept)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("list", tuple(_frozen(v) for v in value))
    if value is None or type(value) in (str, Markup, int, float, bool):
        return (type(value).__name__, value)
    raise TypeError(type(value).__name__)


def component_kept(name: str, params: dict, *, filled: dict[str, str] | None = None, **slots: str) -> Markup:
    """``govuk…(params)`` for a component whose HTML is a function of its parameters alone (the macros read
    nothing else): rendered once per process for each distinct set of parameters (ADRs 0171, 0172), which are all
    passed in on every call; nothing read from the database is kept unless the caller passes it in.

    ``slots``: the component's slots whose HTML differs on every request (a form's CSRF token), put in after
    rendering exactly where the component puts a slot (verbatim). ``filled``: placeholders in the params and the
    text that replaces them, escaped, in the HTML: what a visitor typed is put in afterwards and never kept. A
    placeholder must only stand where the macro shows the text as it is (a value, a link), so that the escaped text
    in its place is what the macro would have drawn."""
    slots = {slot: value for slot, value in slots.items() if value}  # an empty slot is drawn as no slot
    marked = {slot: Markup(_SLOT.format(slot)) for slot in slots}
    given = {**params, "slots": {**params.get("slots", {}), **marked}} if marked else params
    try:
        key = (name, _frozen(params), tuple(sorted(slots)))
    except TypeError:  # a parameter that cannot be a key: drawn afresh, not kept
        key, html = None, None
    else:
        with _kept_lock:
            html = _kept.get(key)
            if html is not None:
                _kept.move_to_end(key)
    if html is None:
        html = str(_macro(name)(given))
        if key is not None:
            with _kept_lock:
                _kept[key] = html
                while len(_kept) > KEPT_COMPONENTS:
                    _kept.popitem(last=False)
    for slot, value in slots.items():
        html = html.replace(_SLOT.format(slot), str(value), 1)
    for placeholder, text in (filled or {}).items():
        html = html.replace(placeholder, str(escape(text)))
    return Markup(html)


def kept_clear() -> None:
    """Forget every kept component (tests)."""
    with _kept_lock:
        _kept.clear()


def link_html(href: str, text: str, *, hidden: str = "") -> Markup:
    """A GOV.UK link as markup, for a component's "html" parameter, with the text (and any visually hidden
    words that tell a screen reader what the link is about) escaped.

    Templates must not build this by joining strings with ``~``: once one part is escaped markup, Jinja
    escapes the literal ``<a ...>`` too, and the page shows the tag as text.
    """
    extra = Markup('<span class="govuk-visually-hidden"> {}</span>').format(hidden) if hidden else Markup("")
    return Markup('<a class="govuk-link" href="{}">{}{}</a>').format(href, text, extra)


def code_names(text: str, names) -> Markup:
    """``text`` with each of ``names`` (column names, say) set out as <code>, so a page that documents a file
    layout shows the literal names as names, not as words of a sentence."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return Markup.escape(text)
    pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, names)) + r")(?![\w])")
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(Markup.escape(text[last : match.start()]))
        parts.append(Markup("<code>{}</code>").format(match.group(1)))
        last = match.end()
    parts.append(Markup.escape(text[last:]))
    return Markup("").join(parts)


def format_date(value: date | datetime | None) -> str:
    """GOV.UK style dates: 5 March 2018."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def first_input_id(bound_field: forms.BoundField) -> str:
    """The id an error summary link should move focus to."""
    widget = bound_field.field.widget
    if isinstance(widget, SplitDateWidget):
        return f"{bound_field.auto_id}_day"
    # Radios and checkboxes: the macro gives the first item the id prefix itself (then prefix-2, prefix-3...).
    return bound_field.auto_id


def _label_text(bound_field: forms.BoundField) -> str:
    label = str(bound_field.label)
    return label if bound_field.field.required else f"{label} (optional)"


def _common(bound_field: forms.BoundField) -> dict[str, Any]:
    params: dict[str, Any] = {"id": bound_field.auto_id, "name": bound_field.html_name}
    if bound_field.help_text:
        params["hint"] = {"text": str(bound_field.help_text)}
    if bound_field.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in bound_field.errors)}
    return params


def _value(bound_field: forms.BoundField) -> str:
    value = bound_field.value()
    return "" if value is None else str(value)


def field(bound_field: forms.BoundField, *, kept: bool = False, **options: Any) -> Markup:
    """One GOV.UK component for one Django bound field; ``options`` override or add macro params.

    ``kept=True`` keeps the HTML in this process for the next request with the same params (``component_kept``),
    for a field whose label and choices are fixed in code (a public search's filters), never for one whose choices
    are read from the database. What a visitor typed is never kept: a text box's HTML is kept with a placeholder
    where its value goes, and a field with an error (which may quote the value) is drawn afresh."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return Markup('<input type="hidden" name="{}" value="{}">').format(bound_field.html_name, _value(bound_field))
    macro, params = _field_params(bound_field, widget, options)
    if not kept or bound_field.errors:
        return Markup(_macro(macro)(params))
    typed = params.get("value") if macro in _TYPED_INTO else None
    if not typed:
        return component_kept(macro, params)
    params["value"] = _TYPED_PLACEHOLDER
    return component_kept(macro, params, filled={_TYPED_PLACEHOLDER: typed})


# Components whose "value" param is what the visitor typed, shown as the value attribute of the input.
_TYPED_INTO = frozenset({"govukInput", "govukTextarea"})
_TYPED_PLACEHOLDER = "sendboard-typed-value-placeholder"


def _field_params(bound_field: forms.BoundField, widget: forms.Widget, options: dict[str, Any]):
    """The component macro's name for the field, and its params."""
    params = _common(bound_field)
    label = {"text": _label_text(bound_field)}
    if options.pop("is_page_heading", False):
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})
    # The macros take these as params of their own; passing them as attributes too would duplicate them.
    text_params = {k: widget.attrs[k] for k in ("autocomplete", "inputmode") if k in widget.attrs}
    if "spellcheck" in widget.attrs:
        text_params["spellcheck"] = str(widget.attrs["spellcheck"]).lower() == "true"

    if isinstance(widget, SplitDateWidget):
        values = bound_field.value() or {}
        if isinstance(values, (date, datetime)):
            values = {"day": values.day, "month": values.month, "year": values.year}
        error_class = " govuk-input--error" if bound_field.errors else ""
        params.update(
            {
                "namePrefix": bound_field.html_name,
                "fieldset": {"legend": {"text": _label_text(bound_field), "classes": "govuk-fieldset__legend--s"}},
                "items": [
                    {
                        "id": f"{bound_field.auto_id}_{part}",
                        "name": part,
                        "label": part.capitalize(),
                        "value": "" if values.get(part) in (None, "") else str(values.get(part)),
                        "classes": f"govuk-input--width-{4 if part == 'year' else 2}{error_class}",
                    }
                    for part in ("day", "month", "year")
                ],
            }
        )
        del params["name"]
        macro = "govukDateInput"
    # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (bound_field.value() or [])}
        params.update(
            {
                "idPrefix": bound_field.auto_id,
                "fieldset": {"legend": {"text": _label_text(bound_field), "classes": "govuk-fieldset__legend--s"}},
                "items": [
                    {"value": str(value), "text": str(text), "checked": str(value) in chosen}
                    for value, text in bound_field.field.choices
                ],
            }
        )
        del params["id"]
        macro = "govukCheckboxes"
    elif isinstance(widget, forms.RadioSelect):
        params.update(
            {
                "idPrefix": bound_field.auto_id,
                "fieldset": {"legend": {"text": _label_text(bound_field), "classes": "govuk-fieldset__legend--s"}},
                "items": [
                    {"value": str(value), "text": str(text), "checked": str(value) == _value(bound_field)}
                    for value, text in bound_field.field.choices
                ],
            }
        )
        del params["id"]
        macro = "govukRadios"
    elif isinstance(widget, forms.CheckboxInput):
        params.update(
            {
                "idPrefix": bound_field.auto_id,
                "items": [{"value": "on", "text": str(bound_field.label), "checked": bool(bound_field.value())}],
            }
        )
        del params["id"]
        macro = "govukCheckboxes"
    elif isinstance(widget, forms.Select):
        params.update(
            {
                "label": label,
                "items": [
                    {"value": str(value), "text": str(text), "selected": str(value) == _value(bound_field)}
                    for value, text in bound_field.field.choices
                ],
            }
        )
        macro = "govukSelect"
    elif isinstance(widget, forms.FileInput):
        params["label"] = label
        macro = "govukFileUpload"
    elif isinstance(widget, forms.Textarea):
        params.update({"label": label, "value": _value(bound_field), **text_params})
        macro = "govukTextarea"
    elif isinstance(widget, forms.PasswordInput):
        params.update({"label": label, "value": "", **text_params})
        macro = "govukPasswordInput"
    else:
        params.update({"label": label, "value": _value(bound_field), **text_params})
        input_type = getattr(widget, "input_type", "text")
        if input_type in {"email", "tel", "url", "number"}:
            params["type"] = input_type
        if input_type == "email":
            params["spellcheck"] = False
        macro = "govukInput"
    params.update(options)
    return macro, params


def error_summary(form: forms.BaseForm) -> Markup:
    """The GOV.UK error summary, each error linking to the field it belongs to."""
    if not form.errors:
        return Markup("")
    error_list: list[dict[str, str]] = [{"text": str(e)} for e in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            error_list.append({"text": str(error), "href": f"#{first_input_id(bound_field)}"})
    return Markup(_macro("govukErrorSummary")({"titleText": "There is a problem", "errorList": error_list}))


class SplitDateWidget(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input pattern asks, named as its macro names them
    (``<name>-day``, ``<name>-month``, ``<name>-year``)."""

    def __init__(self, attrs: dict | None = None) -> None:
        widgets = {"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}
        super().__init__(widgets, attrs)

    def decompress(self, value: date | None) -> list:
        if value is None:
            return [None, None, None]
        return [value.day, value.month, value.year]

    def value_from_datadict(self, data, files, name) -> dict[str, str]:
        return {part: (data.get(f"{name}-{part}") or "").strip() for part in ("day", "month", "year")}

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class GovukDateField(forms.Field):
    """A date entered as day, month and year, with the GOV.UK pattern's error messages."""

    widget = SplitDateWidget

    def to_python(self, value: dict[str, str] | date | None) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        parts = {k: (value.get(k) or "").strip() for k in ("day", "month", "year")}
        if not any(parts.values()):
            return None
        label = str(self.label or "The date").lower()
        missing = [k for k in ("day", "month", "year") if not parts[k]]
        if missing:
            raise forms.ValidationError(f"The {label} must include a {' and '.join(missing)}", code="incomplete")
        try:
            day, month, year = int(parts["day"]), int(parts["month"]), int(parts["year"])
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"The {label} must be a real date", code="invalid") from None


def format_datetime(value: datetime | None) -> str:
    """GOV.UK style date and time in UK local time: 5 March 2018 at 14:30."""
    if value is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{format_date(local)} at {local:%H:%M}"
