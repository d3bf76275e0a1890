from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PensionConfig(AppConfig):
    name = "pension"
    verbose_name = _("Pension claims")

    def ready(self):
        from pension.business import PensionClaim
        from progress import registry

        registry.register(PensionClaim())
