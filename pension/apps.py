from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PensionConfig(AppConfig):
    name = "pension"
    verbose_name = _("Pension claims")

    def ready(self):
        from django.urls import reverse

        from pension import services
        from pension.approval import PensionApprovalForm
        from pension.views import current_step
        from progress import registry
        from progress.models import Application

        registry.register(
            registry.BusinessType(
                code=Application.BusinessCode.PENSION_CLAIM,
                name=_("Pension claim"),
                detail_template="pension/claim_detail.html",
                approve=services.claim_approve,
                edit_url=lambda application: reverse(
                    "pension:step", args=[application.pk, current_step(application)]
                ),
                approval_form=PensionApprovalForm,
                validate=services.claim_problems,
            )
        )
