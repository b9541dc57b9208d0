from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User
from .notifications import admin as notifications_admin  # noqa: F401 (registers its models)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_superuser", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("PRM", {"fields": ["role", "time_zone", "language"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (("PRM", {"fields": ["role", "email"]}),)
