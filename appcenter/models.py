"""Stand-in for the 江西人社 app platform: the people registered in the app.

The portal never reads these tables; it reaches the app only through a push backend.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppUser(models.Model):
    """A person registered in the 江西人社 app with ID number, name and mobile phone (R-3.2)."""

    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("app user")
        verbose_name_plural = _("app users")
        ordering = ["-registered_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number[:4]}…{self.id_number[-4:]}）"


class Message(models.Model):
    """A message in a person's 消息中心, such as a pushed verification code."""

    app_user = models.ForeignKey(
        AppUser, on_delete=models.CASCADE, related_name="messages", verbose_name=_("app user")
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    code = models.CharField(_("verification code"), max_length=12, blank=True)
    # The sender's name for the message: sent again with the same key, it is shown once.
    key = models.CharField(_("message key"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("app message")
        verbose_name_plural = _("app messages")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["app_user", "key"], condition=~models.Q(key=""), name="app_message_key"
            )
        ]

    def __str__(self) -> str:
        return self.title
