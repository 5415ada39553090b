from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sendboard.accounts.services import otp_devices_remove


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app when they have lost it (ADR 0061): they set up a new one at their next "
        "sign-in. Check who is asking first: with the app gone, the password alone reaches the set-up page. "
        "Administrators can do the same, with a reason, from the person's page under People."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}")
        removed = otp_devices_remove(user=user)
        self.stdout.write(f"Removed {removed} authenticator app(s) for {username}")
