"""Whole days in words ("today", not "0 days ago"); the favicon pages and browsers ask for."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from performance.models import DealRegistration
from prm.templatetags.days import days_ago
from tests.helpers import page_text
from tests.performance.deals_factories import DealRegistrationFactory

TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TODAY, "today"),
        (TODAY - datetime.timedelta(days=1), "yesterday"),
        (TODAY - datetime.timedelta(days=12), "12 days ago"),
        (TODAY + datetime.timedelta(days=1), "tomorrow"),
        (TODAY + datetime.timedelta(days=3), "in 3 days"),
        (datetime.datetime(2026, 3, 10, 0, 5), "today"),
        (0, "today"),
        (1, "yesterday"),
        (7, "7 days ago"),
        (None, ""),
        ("", ""),
    ],
)
def test_days_ago_in_words(value, expected):
    assert days_ago(value, TODAY) == expected


def test_days_ago_of_an_aware_datetime_counts_local_days():
    now = timezone.now()
    assert days_ago(now) == "today"
    assert days_ago(now - datetime.timedelta(days=2)) == "2 days ago"


def test_days_ago_filter_in_a_template():
    template = Template("{% load days %}{{ on|days_ago:today }}|{{ n|days_ago }}")
    context = Context({"on": TODAY, "today": TODAY, "n": 1})
    assert template.render(context) == "today|yesterday"


@pytest.mark.django_db
def test_deal_queue_says_today_for_a_registration_made_today(client_for, manager, partner):
    DealRegistrationFactory(partner=partner, customer_name="Fresh Co")
    old = DealRegistrationFactory(partner=partner, customer_name="Older Co")
    DealRegistration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    text = page_text(client_for(manager).get(reverse("performance:deal-list")))
    assert "today" in text and "3 days ago" in text
    assert "0 minutes" not in text and "0 days" not in text


@pytest.mark.django_db
def test_base_page_links_the_svg_favicon(client_for, manager):
    html = client_for(manager).get(reverse("home")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_svg_without_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    svg = client.get(response["Location"])
    assert svg.status_code == 200
    content = b"".join(svg.streaming_content) if svg.streaming else svg.content
    assert b"<svg" in content and b"#2457c5" in content
    assert client.post("/favicon.ico").status_code == 405
