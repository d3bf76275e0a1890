from django.urls import path

from progress import views

app_name = "progress"
urlpatterns = [
    path("in-progress/", views.in_progress, name="in_progress"),
    path("completed/", views.completed, name="completed"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
