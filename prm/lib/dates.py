"""Dates in words the way the pages write them, in the reader's language: "5 Mar 2027" (Django's
"j M Y", never "05"), in German "5. März 2027"."""

import datetime

from django.utils.dateformat import format as date_format
from django.utils.translation import pgettext


def day_label(value: datetime.date) -> str:
    # Translators: a Django date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date)
    return date_format(value, pgettext("day label date format", "j M Y"))
