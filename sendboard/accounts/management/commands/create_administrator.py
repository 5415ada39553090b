import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sendboard.accounts.services import administrator_create_first

PASSWORD_VARIABLE = "SENDBOARD_ADMINISTRATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Make an installation's first administrator (ADR 0137), who then invites everyone else from the People "
        "pages. The password is asked for, or read from SENDBOARD_ADMINISTRATOR_PASSWORD when there is no terminal; "
        "the administrator sets up an authenticator app at their first sign-in."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--organisation", required=True, help="The council's name; added as a council if it is new")

    def handle(
        self, *args, username: str, email: str, first_name: str, last_name: str, organisation: str, **options
    ) -> None:
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask()
        try:
            user = administrator_create_first(
                username=username,
                email=email,
                first_name=first_name,
                last_name=last_name,
                organisation_name=organisation,
                password=password,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            f"Made the administrator {user.username} of {user.organisation.name}. They set up an "
            "authenticator app when they first sign in, then invite people from People."
        )

    def _ask(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords do not match")
        return first
