from django.urls import path

from progress import service_views, step_views, views

app_name = "progress"
urlpatterns = [
    path("in-progress/", views.in_progress, name="in_progress"),
    path("completed/", views.completed, name="completed"),
    path("guides/<slug:business_code>/", service_views.guide, name="guide"),
    path("notices/", service_views.notices, name="notices"),
    path("notices/read/", service_views.notices_read, name="notices_read"),
    path("notices/<int:pk>/", service_views.notice_open, name="notice"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", step_views.case_resume, name="resume"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/receipt/", service_views.receipt, name="receipt"),
    path("<int:pk>/rating/", service_views.rate, name="rate"),
    path("<int:pk>/again/", views.restart, name="restart"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    # A step of the case, 上传资料 included (keys never clash with the paths above).
    path("<int:pk>/<slug:step>/", step_views.case_step, name="step"),
]
