from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    name = "roster"
    verbose_name = _("Units and insured persons")

    def ready(self) -> None:
        from roster.triggers import dropped_before_migrate, installed_after_migrate

        pre_migrate.connect(dropped_before_migrate, sender=self)
        post_migrate.connect(installed_after_migrate, sender=self)
