"""Say where a local area's register is kept (ADR 0145): recorded in sendboard, or imported as SEN2 files."""

from django.core.management.base import BaseCommand, CommandError

from sendboard.casework.models import RegisterSource
from sendboard.core.models import LocalArea


class Command(BaseCommand):
    help = "Set a local area's register source: 'recorded' (in sendboard) or 'imported' (SEN2 from another system)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("la_code", help="The local authority's three-digit code, for example 885")
        parser.add_argument("source", choices=[s.value for s in RegisterSource.Source])

    def handle(self, *args, la_code: str, source: str, **options) -> None:
        area = LocalArea.objects.filter(la_code=la_code).first()
        if area is None:
            raise CommandError(f"No local area has the code {la_code}")
        RegisterSource.objects.update_or_create(local_area=area, defaults={"source": source})
        self.stdout.write(f"{area.name}'s register: {RegisterSource.Source(source).label.lower()}")
