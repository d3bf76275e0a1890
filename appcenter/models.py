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
