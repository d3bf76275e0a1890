"""`manage.py seed_demo [--manifest PATH]`: load the fictional demo data (idempotent)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.manifest import build_manifest
from demo.seed import is_stale, seed


class Command(BaseCommand):
    help = "Load the fictional demo data (counties, units, persons, logins); safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--manifest", type=Path, help="write the demo manifest JSON here")

    def handle(self, *args, manifest: Path | None = None, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is off in this environment (set DEMO_DATA_ALLOWED=True to load it)."
            )
        plan, created = seed()
        if is_stale(plan):
            self.stderr.write(
                "Note: the demo data was seeded on another day, so the scenario dates (pension"
                " eligibility) are placed relative to that day; `make reset-demo` seeds afresh."
            )
        content = build_manifest(plan)
        if manifest:
            manifest.parent.mkdir(parents=True, exist_ok=True)
            manifest.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n")
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(f"Demo data: {'created ' + summary if summary else 'already loaded'}.")
        self._print_logins(content, manifest)

    def _print_logins(self, content: dict, manifest: Path | None) -> None:
        write = self.stdout.write
        write("")
        write("Demo logins (all data fictional). A unit's user name is its unit code: the")
        write("10-digit code + 00, or the 12-digit code as it is. The password is the initial one")
        write("(the last six characters of the agent's ID number); the first login asks to change")
        write("it, and `make reset-demo` then `make run` starts afresh.")
        for unit in content["units"]:
            agent = unit["agent"]
            registered = "app registered" if unit["app_registered"] else "app NOT registered"
            write(
                f"  unit   {unit['username']:<16} password {unit['password']:<10}"
                f" {unit['name']} (unit code {unit['code']}; {registered})"
            )
            write(
                f"         agent {agent['name']}, ID {agent['id_number']}, mobile {agent['phone']}"
            )
        write("The login code is pushed to the stand-in 江西人社 app at /app/: log in there with")
        write(
            "the agent's ID number and mobile (registered agents), click 获取验证码 on the portal's"
        )
        write("login page, and read the code in the app's 消息中心.")
        for staff in content["staff"]:
            write(
                f"  staff  {staff['username']:<16} password {staff['password']:<14}"
                f" county {staff['county']}  /backoffice/"
            )
        admin = content["admin"]
        write(f"  admin  {admin['username']:<16} password {admin['password']:<14} /admin/")
        if manifest:
            write(f"Manifest: {manifest}")
