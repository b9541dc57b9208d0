"""The Content Security Policy middleware: django-csp's, with one scoped relaxation.

DRF's browsable API (the HTML a browser gets from /api/v1/…) is rendered by DRF's own
templates, which colour code with an inline <style> and hide form parts with style="…". Those
pages alone may apply inline *styles*; inline scripts stay refused there as everywhere. Every
other page — ours, the Swagger UI at /api/docs/ and the admin — gets the policy as configured.
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from rest_framework.renderers import BrowsableAPIRenderer

BROWSABLE_API_UPDATE = {"style-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            parts.update = {**(parts.update or {}), **BROWSABLE_API_UPDATE}
        return parts
