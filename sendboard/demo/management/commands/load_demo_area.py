from django.core.management.base import BaseCommand

from sendboard.demo.area import AREA, DEMO_PASSWORD, demo_area_load


class Command(BaseCommand):
    help = "Load the demo local area (Worcestershire) and its demo users. Safe to run again."

    def handle(self, *args, **options) -> None:
        users = demo_area_load()
        self.stdout.write(self.style.SUCCESS(f"Demo area loaded: {AREA['name']} ({AREA['la_code']}, {AREA['gss_code']})"))
        self.stdout.write("Demo users (demo only, never use these in a real installation):")
        for user in users:
            self.stdout.write(f"  {user.username:<24} {user.role}")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
