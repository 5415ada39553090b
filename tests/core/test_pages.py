import pytest
from django.urls import reverse

from sendboard.accounts.roles import Role
from sendboard.core.models import NonWorkingDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["core:start", "core:accessibility", "core:cookies", "accounts:sign-in", "accounts:password-reset"]
)
def test_public_pages_are_open_to_everyone(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_start_page_names_the_service_and_the_area(client):
    from sendboard.demo.area import demo_area_load

    demo_area_load()
    html = client.get(reverse("core:start")).content.decode()
    assert "Worcestershire SEND partnership" in html
    assert "sendboard" in html


def test_no_gov_uk_branding(client):
    html = client.get(reverse("core:start")).content.decode()
    assert "govuk-logo" not in html and "crown" not in html.lower()
    assert "GOV.UK" not in html


def test_the_stylesheet_does_not_load_the_gds_transport_font(settings):
    css = (settings.STATICFILES_DIRS[0] / "build" / "sendboard.css").read_text()
    assert "GDS Transport" not in css
    assert "govuk-template" in css  # it is the GOV.UK Frontend stylesheet, built


def test_an_unknown_page_gets_the_designed_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_500_page_renders_without_the_database(client, django_assert_num_queries):
    from sendboard.core.views import error_500

    with django_assert_num_queries(0):
        response = error_500(None)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


class TestNonWorkingDays:
    def test_an_administrator_adds_a_day(self, client, sign_in):
        sign_in(Role.ADMINISTRATOR)
        response = client.post(
            reverse("core:non-working-days"),
            {"date-day": "29", "date-month": "12", "date-year": "2026", "reason": "Offices closed"},
        )
        assert response.status_code == 302
        assert NonWorkingDay.objects.get().reason == "Offices closed"
        page = client.get(reverse("core:non-working-days")).content.decode()
        assert "29 December 2026" in page

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (
                {"date-day": "", "date-month": "", "date-year": "", "reason": "Closed"},
                "Enter the date of the non-working day",
            ),
            (
                {"date-day": "31", "date-month": "2", "date-year": "2026", "reason": "Closed"},
                "The date must be a real date",
            ),
            (
                {"date-day": "3", "date-month": "", "date-year": "2026", "reason": "Closed"},
                "The date must include a month",
            ),
            ({"date-day": "26", "date-month": "12", "date-year": "2026", "reason": "Closed"}, "That date is a weekend"),
            (
                {"date-day": "25", "date-month": "12", "date-year": "2025", "reason": "Closed"},
                "already a bank holiday (Christmas Day)",
            ),
            (
                {"date-day": "19", "date-month": "9", "date-year": "2022", "reason": "Closed"},
                "already a bank holiday (State Funeral",
            ),
            (
                {"date-day": "29", "date-month": "12", "date-year": "2026", "reason": ""},
                "Enter why this is a non-working day",
            ),
        ],
    )
    def test_bad_input_is_explained_keeps_what_was_typed_and_changes_nothing(self, client, sign_in, data, message):
        sign_in(Role.ADMINISTRATOR)
        response = client.post(reverse("core:non-working-days"), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html
        assert message in html
        assert html.count(message) == 2  # in the error summary and beside the field
        for value in data.values():
            if value:
                assert f'value="{value}"' in html
        assert NonWorkingDay.objects.count() == 0

    def test_error_summary_links_go_to_the_field(self, client, sign_in):
        sign_in(Role.ADMINISTRATOR)
        html = client.post(reverse("core:non-working-days"), {"reason": ""}).content.decode()
        assert 'href="#id_date_day"' in html
        assert 'href="#id_reason"' in html
        assert 'id="id_date_day"' in html
