from django.urls import path

from pension import views

app_name = "pension"
urlpatterns = [
    path("", views.start, name="start"),
]
