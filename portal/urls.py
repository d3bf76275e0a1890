from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("Jiangxi Social Insurance Online Service Hall — administration")
admin.site.site_title = _("Online service hall administration")
admin.site.index_title = _("Administration")

handler500 = "portal.unavailable.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers (IE11 above all) ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("backoffice/", include("backoffice.urls")),
    path("roster/", include("roster.urls")),
    path("progress/", include("progress.urls")),
    path("enrollment/", include("enrollment.urls")),
    path("pension/", include("pension.urls")),
    path("contributions/", include("contributions.urls")),
    path("", include("roster.public_urls")),
    path("", include("appcenter.urls")),
]
