"""`righthelp demo`: two demo partnerships, Stoke-on-Trent and Coventry, each with an account
of each role and synthetic families."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from righthelp.demo.builder import all_accounts, build_demo, demo_partnerships
from righthelp.families.models import Family

PASSWORD_FILE = "demo-password"  # noqa: S105 -- a file name, not a password


class Command(BaseCommand):
    help = "Create the demo partnerships (Stoke-on-Trent, Coventry), their accounts and families."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="password for every demo account "
            "(default: made up once and kept in the data directory)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not getattr(settings, "RIGHTHELP_ALLOW_DEMO", False):
            raise CommandError(
                "The demo has a known password and invented families: it is refused outside "
                "development settings."
            )
        password = options["password"] or self._kept_password()
        built = build_demo(password=password)
        for (partnership, created), demo in zip(built, demo_partnerships(), strict=True):
            if created:
                count = Family.objects.filter(partnership=partnership).count()
                self.stdout.write(f"Created {partnership.name} with {count} families.")
            else:
                self.stdout.write(f"{partnership.name} is already here; demo passwords are set.")
            names = ", ".join(account.username for account in demo.accounts)
            self.stdout.write(f"  {partnership.name}: sign in as any of: {names}")
            self.stdout.write(f"  its public pages: /explore/{partnership.slug}/")
        self.stdout.write(f"Password for every demo account ({len(all_accounts())}): {password}")

    def _kept_password(self) -> str:
        path = settings.DATA_DIR / PASSWORD_FILE
        if path.exists():
            return path.read_text().strip()
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(password)
        path.chmod(0o600)
        return password
