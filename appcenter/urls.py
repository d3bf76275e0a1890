from django.urls import path

from appcenter import views

app_name = "appcenter"
urlpatterns = [
    path("app/", views.phone, name="phone"),
    path("app/register/", views.register, name="register"),
    path("app-api/v1/register", views.api_register, name="api_register"),
    path("app-api/v1/login", views.api_login, name="api_login"),
    path("app-api/v1/messages", views.api_messages, name="api_messages"),
]
