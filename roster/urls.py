from django.urls import path

from roster import views

app_name = "roster"
urlpatterns = [
    path("unit/", views.unit_info, name="unit"),
    path("active/", views.active_roster, name="active"),
    path("retired/", views.retired_roster, name="retired"),
    path("certificates/unit/", views.unit_certificate, name="unit_certificate"),
    path("certificates/unit/pdf/", views.unit_certificate_pdf, name="unit_certificate_pdf"),
    path("certificates/persons/", views.person_certificates, name="person_certificates"),
    path(
        "certificates/persons/<str:personal_code>/",
        views.person_certificate,
        name="person_certificate",
    ),
    path(
        "certificates/persons/<str:personal_code>/pdf/",
        views.person_certificate_pdf,
        name="person_certificate_pdf",
    ),
]
