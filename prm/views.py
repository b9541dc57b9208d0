import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from . import menus, panels
from .i18n import supported_languages, user_language_set
from .lib.access import vendor_staff_required

logger = logging.getLogger(__name__)


@require_GET
def home(request):
    """The channel team's dashboard; partner users land on their portal instead."""
    if request.user.is_partner_user:
        return redirect(menus.home_url("portal"))
    return _dashboard(request)


@vendor_staff_required
def _dashboard(request):
    return render(request, "prm/home.html", {"panels": panels.render_panels("dashboard", request)})


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not ok"; the log says why
        logger.exception("Health check: database unreachable")
        return "error"
    return "ok"


def _check_broker() -> str:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("Health check: broker unreachable")
        return "error"
    return "ok"


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own (pages without the <link> too): the SVG mark."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_POST
def set_language(request):
    """The language switcher's POST (Django's set_language: cookie, then back to `next`); a
    signed-in user's choice is also kept on the user, for their other browsers."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in supported_languages():
        user_language_set(user=request.user, language=language)
    return response
