from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Staff addition and reduction")

    def ready(self):
        from enrollment.business import StaffAddition, StaffReduction
        from progress import registry

        registry.register(StaffAddition())
        registry.register(StaffReduction())
