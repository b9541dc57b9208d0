"""Dates in words the way the pages write them (Django's "j M Y"): "5 Mar 2027", never "05"."""

import datetime


def day_label(value: datetime.date) -> str:
    return f"{value.day} {value:%b %Y}"
