"""Portal pages of channel planning (mounted at /portal/): a partner's own escalations."""

app_name = "planning-portal"

urlpatterns: list = []
