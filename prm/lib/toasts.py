"""Messages for htmx requests: the fragment an htmx request gets carries them too.

A full page shows the messages in its toast region (templates/components/messages.html). A
fragment swapped by htmx does not include that region, so messages left by a view answering
htmx (an action done in place, a tab reloaded after a change) would wait for the next full
page, long after the action. This middleware appends them as an out-of-band swap that htmx
adds to the toast region. A client redirect keeps them for the page it leads to.
"""

from django.contrib.messages import get_messages
from django.template.loader import render_to_string

# Responses that send the browser elsewhere: the next page shows the messages.
_GOING_ELSEWHERE = ("HX-Redirect", "HX-Location", "HX-Refresh")
OOB_TEMPLATE = '<div hx-swap-oob="beforeend:#toasts">{}</div>'


def _carries_html(response) -> bool:
    return (
        not response.streaming
        and response.status_code < 300
        and response.get("Content-Type", "").startswith("text/html")
        and not any(header in response for header in _GOING_ELSEWHERE)
    )


class HtmxMessagesMiddleware:
    """Below MessageMiddleware and HtmxMiddleware: runs before the messages are stored again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        htmx = getattr(request, "htmx", None)
        if not htmx or htmx.boosted or not _carries_html(response):
            return response
        storage = get_messages(request)
        # `used`: the response's own template showed them already (a whole page).
        if storage.used or not len(storage):
            return response
        items = render_to_string(
            "components/messages.html#toast-items", {"messages": storage}, request=request
        )
        response.content += OOB_TEMPLATE.format(items).encode(response.charset)
        return response
