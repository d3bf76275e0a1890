"""站内消息 (R-16): what the unit is told about its cases — written in the transaction of the
transition that causes it — and, for approvals and returns, the push of the same notice to the
agent's 江西人社 app, done by a task after commit (`progress.tasks`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Returned")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Push(models.TextChoices):
        NONE = "", _("Not pushed")
        PENDING = "pending", _("Waiting to be pushed")
        SENT = "sent", _("Pushed")
        FAILED = "failed", _("Push failed")

    unit = models.ForeignKey(
        "roster.Unit", on_delete=models.CASCADE, related_name="notices", verbose_name=_("unit")
    )
    application = models.ForeignKey(
        "progress.Application",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    push = models.CharField(_("push"), max_length=10, choices=Push.choices, blank=True)
    push_attempts = models.PositiveSmallIntegerField(_("push attempts"), default=0)
    push_error = models.CharField(_("push error"), max_length=200, blank=True)
    pushed_at = models.DateTimeField(_("pushed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "read_at"], name="notice_unit_unread")]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"
