from django.urls import path

from contributions import views

app_name = "contributions"
urlpatterns = [
    path("monthly/", views.monthly, name="monthly"),
    path("declaration/", views.declaration, name="declaration"),
    path(
        "declaration/<int:pk>/workbook.xlsx",
        views.declaration_workbook,
        name="declaration_workbook",
    ),
    path("declaration/<int:pk>/errors.xlsx", views.declaration_errors, name="declaration_errors"),
    path("declaration/<int:pk>/notice.pdf", views.declaration_notice, name="declaration_notice"),
    path("monthly/notice.pdf", views.monthly_notice, name="monthly_notice"),
    path("persons/<str:personal_code>/", views.person_detail, name="person"),
]
