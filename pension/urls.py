from django.urls import path

from pension import views

app_name = "pension"
urlpatterns = [
    path("", views.start, name="start"),
    path("claims/<int:pk>/", views.claim, name="claim"),
    path("claims/<int:pk>/submit/", views.submit, name="submit"),
    path("claims/<int:pk>/<slug:step>/", views.step, name="step"),
]
