"""Small helpers for pages whose regions htmx swaps."""

from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect


def render_page_or_partial(request, template, partial, context, *, status=200):
    """Render the whole page, or only `partial` for an htmx request targeting a region."""
    name = f"{template}#{partial}" if request.htmx and not request.htmx.boosted else template
    return render(request, name, context, status=status)


def render_form_errors(request, template, partial, context):
    """Invalid forms: the form region with status 422 for htmx, the whole page otherwise."""
    return render_page_or_partial(request, template, partial, context, status=422)


def redirect_after_post(request, url):
    """Success of a form: htmx follows a client redirect, a plain POST gets a 302."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
