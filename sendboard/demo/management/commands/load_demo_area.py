from django.core.management.base import BaseCommand

from sendboard.accounts.roles import Role
from sendboard.demo.area import AREA, DEMO_PASSWORD, demo_area_load
from sendboard.demo.loaders import app_demo_loaders


class Command(BaseCommand):
    help = "Load the demo local area (Worcestershire), its demo users and every app's demo content. Safe to run again."

    def handle(self, *args, **options) -> None:
        users = demo_area_load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo area loaded: {AREA['name']} ({AREA['la_code']}, {AREA['gss_code']})")
        )
        for label, load_demo in app_demo_loaders():
            load_demo(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {label}"))
        self.stdout.write("Demo users (demo only, never use these in a real installation):")
        for user in users:
            self.stdout.write(f"  {user.username:<24} {Role(user.role).label}")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
