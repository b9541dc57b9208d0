"""Root URLs: the composition point where each app's pages and API resources are mounted."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

import incentives.api
import partners.api
import partners.orgchart_urls
import performance.api
import planning.api
import relationships.api
import relationships.urls

from . import views
from .account_forms import SignInForm
from .api import TokenView
from .notifications import api as notifications_api


class Router(DefaultRouter):
    # No `.json` suffix routes: `?format=` and the Accept header choose the format, and the
    # suffix variants of the detail actions answered 500 (their handlers take no `format`).
    include_format_suffixes = False


router = Router()
partners.api.register(router)
relationships.api.register(router)
performance.api.register(router)
incentives.api.register(router)
planning.api.register(router)
notifications_api.register(router)

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("prm.inbox.urls")),  # /inbox/… pages and /api/v1/inbox/
    path("healthz", views.healthz, name="healthz"),
    # The language switcher (no language prefix in URLs: they are contracts).
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("prm.account_urls")),
    path("accounts/", include("partners.invitation_urls")),
    path("admin/", admin.site.urls),
    path("search/", include("prm.search.urls")),
    path("api/v1/search/", include("prm.search.api_urls")),
    path("partners/", include("partners.urls")),
    # The org chart's pages are partners' (a partner's people are its facts) but kept the
    # /relationships/ addresses and `relationships:` names bookmarks and integrations use.
    path(
        "relationships/",
        include(
            (
                [*partners.orgchart_urls.urlpatterns, *relationships.urls.urlpatterns],
                relationships.urls.app_name,
            )
        ),
    ),
    path("performance/", include("performance.urls")),
    path("program/", include("incentives.urls")),
    path("planning/", include("planning.urls")),
    path("notifications/", include("prm.notifications.urls")),
    path("portal/performance/", include("performance.portal_urls")),
    path("portal/program/", include("incentives.portal_urls")),
    path("portal/", include("planning.portal_urls")),  # /portal/escalations/
    path("portal/", include("relationships.portal_urls")),  # /portal/surveys/, /portal/feedback/
    path("portal/", include("partners.portal_urls")),
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script from a URL: the CSP allows no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
]
