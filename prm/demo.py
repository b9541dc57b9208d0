"""Demo users. `seed_demo` calls `seed(state)` in every installed app that has a `demo` module,
in INSTALLED_APPS order, passing one shared state (random generator, options, users made)."""

from django.contrib.auth import get_user_model

STAFF = [
    # username, first, last, role, superuser
    ("admin", "Ada", "Admin", "administrator", True),
    ("manager", "Morgan", "Reyes", "channel_manager", False),
    ("manager2", "Priya", "Natarajan", "channel_manager", False),
    ("manager3", "Lukas", "Berg", "channel_manager", False),
    ("manager4", "Chloé", "Martin", "channel_manager", False),
]


def ensure_user(
    username, *, password, first_name="", last_name="", role, superuser=False, email=""
):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email or f"{username}@example.com",
            "role": role,
            "is_staff": superuser or role == "administrator",
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def seed(state) -> None:
    state.users = {
        username: ensure_user(
            username,
            password=state.password,
            first_name=first,
            last_name=last,
            role=role,
            superuser=superuser,
        )
        for username, first, last, role, superuser in STAFF
    }
    state.report("staff users", len(STAFF))
