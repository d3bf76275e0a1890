from django.urls import path

from enrollment import batch_views, views

app_name = "enrollment"
urlpatterns = [
    path("add/", views.add_start, name="add"),
    path("reduce/", views.reduce_list, name="reduce"),
    path("reduce/start/<str:personal_code>/", views.reduce_start, name="reduce_start"),
    path("batch/add/", batch_views.batch_start, {"kind": "add"}, name="batch_add"),
    path("batch/reduce/", batch_views.batch_start, {"kind": "reduce"}, name="batch_reduce"),
    path("batch/<str:kind>/template.xlsx", batch_views.batch_template, name="batch_template"),
    path("batch/case/<int:pk>/errors.xlsx", batch_views.batch_errors, name="batch_errors"),
]
