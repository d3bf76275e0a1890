from django.urls import path

from contributions import views

app_name = "contributions"
urlpatterns = [
    path("monthly/", views.monthly, name="monthly"),
    path("declaration/", views.declaration, name="declaration"),
    path("persons/<str:personal_code>/", views.person_detail, name="person"),
]
