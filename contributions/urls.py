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
    path("persons/<str:personal_code>/", views.person_detail, name="person"),
]
