"""A JSON parser that refuses nesting deeper than `MAX_JSON_DEPTH` with a 400, before the
recursive decoder could exhaust the stack (a RecursionError and a 500). The body's size is
bounded by `DATA_UPLOAD_MAX_MEMORY_SIZE` (DRF reads JSON and form bodies through Django's
`request.body`, which checks it; `prm.lib.api.api_exception_handler` answers 413).
(Its own module: DRF imports its parser setting while `rest_framework.views` loads.)"""

import io
import re
from itertools import accumulate

from rest_framework import exceptions, parsers

MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_OPENING, _CLOSING = frozenset(b"[{"), frozenset(b"]}")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in _OPENING | _CLOSING)


def json_depth(body: bytes) -> int:
    """How deeply `body`'s arrays and objects nest, counted without recursion (brackets
    inside strings do not count)."""
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    steps = (1 if byte in _OPENING else -1 for byte in brackets)
    return max(accumulate(steps), default=0)


class BoundedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read()
        if json_depth(body) > MAX_JSON_DEPTH:
            raise exceptions.ParseError(
                f"JSON nested too deeply (at most {MAX_JSON_DEPTH} levels)."
            )
        return super().parse(io.BytesIO(body), media_type, parser_context)


PARSER_CLASSES = [BoundedJSONParser, parsers.FormParser, parsers.MultiPartParser]
