from django.urls import path

from enrollment import views

app_name = "enrollment"
urlpatterns = [
    path("add/", views.add_start, name="add"),
    path("reduce/", views.reduce_list, name="reduce"),
    path("reduce/start/<str:personal_code>/", views.reduce_start, name="reduce_start"),
]
