from django.urls import path

from enrollment import views

app_name = "enrollment"
urlpatterns = [
    path("add/", views.add_start, name="add"),
    path("add/case/<int:pk>/", views.add_case, name="add_case"),
    path("reduce/", views.reduce_list, name="reduce"),
    path("reduce/start/<str:personal_code>/", views.reduce_start, name="reduce_start"),
    path("reduce/case/<int:pk>/", views.reduce_case, name="reduce_case"),
]
