from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppcenterConfig(AppConfig):
    name = "appcenter"
    verbose_name = _("Jiangxi HRSS app (stand-in)")
