from django.urls import path

from backoffice import declaration_views, rating_views, review_views, views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("agents/register/", views.register_search, name="register_search"),
    path("agents/register/<str:code>/", views.register_agent, name="register_agent"),
    path("agents/register/<str:code>/done/", views.register_done, name="register_done"),
    path("agents/change/", views.change_search, name="change_search"),
    path("agents/change/<str:code>/", views.change_agent, name="change_agent"),
    path("accounts/<str:code>/unlock/", views.unlock_account, name="unlock_account"),
    path("accounts/<str:code>/restore-password/", views.restore_password, name="restore_password"),
    path("audit/", views.audit_log, name="audit_log"),
    path("reviews/", review_views.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", review_views.review_case, name="review_case"),
    path("reviews/<int:pk>/approve/", review_views.review_approve, name="review_approve"),
    path("reviews/<int:pk>/reject/", review_views.review_reject, name="review_reject"),
    path(
        "reviews/<int:pk>/files/<int:attachment_pk>/",
        review_views.review_attachment,
        name="review_attachment",
    ),
    path("ratings/", rating_views.low_ratings, name="ratings"),
    path("declarations/", declaration_views.declaration_statuses, name="declarations"),
    path("ratings/summary/", rating_views.rating_summary, name="rating_summary"),
    path("ratings/<int:pk>/", rating_views.follow_up, name="rating_follow_up"),
    path("security/otp/", views.otp_setup, name="otp_setup"),
]
