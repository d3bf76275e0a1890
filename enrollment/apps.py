from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Staff addition and reduction")

    def ready(self):
        from django.urls import reverse

        from enrollment import services
        from enrollment.rules import reduction_material_required
        from progress import registry
        from progress.models import Application

        registry.register(
            registry.BusinessType(
                code=Application.BusinessCode.STAFF_ADDITION,
                name=_("Staff addition"),
                detail_template="enrollment/addition_detail.html",
                approve=services.addition_approve,
                edit_url=lambda application: reverse("enrollment:add_case", args=[application.pk]),
            )
        )
        registry.register(
            registry.BusinessType(
                code=Application.BusinessCode.STAFF_REDUCTION,
                name=_("Staff reduction"),
                detail_template="enrollment/reduction_detail.html",
                approve=services.reduction_approve,
                edit_url=lambda application: reverse(
                    "enrollment:reduce_case", args=[application.pk]
                ),
                material_required=lambda application, material: reduction_material_required(
                    application.data.get("reason", "")
                ),
            )
        )
