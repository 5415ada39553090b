from django.core.management.base import BaseCommand

from sendboard.returns.uploads import uploads_clean


class Command(BaseCommand):
    help = "Remove uploads previewed but never loaded once 24 hours old (and failed loads' files after a week)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Removed {uploads_clean()} expired upload(s)")
