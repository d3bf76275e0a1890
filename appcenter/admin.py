from django.contrib import admin

from appcenter.models import AppUser


@admin.register(AppUser)
class AppUserAdmin(admin.ModelAdmin):
    list_display = ["name", "id_number", "phone", "registered_at"]
    search_fields = ["name", "id_number", "phone"]
