from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Staff addition and reduction")

    def ready(self):
        from enrollment.batch_business import BatchAddition, BatchReduction
        from enrollment.business import StaffAddition, StaffReduction
        from progress import registry

        for business in (StaffAddition, StaffReduction, BatchAddition, BatchReduction):
            registry.register(business())
