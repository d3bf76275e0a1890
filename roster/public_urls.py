from django.urls import path

from roster import views

urlpatterns = [path("verify/", views.verify, name="verify")]
