"""Languages: every portal page in German, with nothing left in English; the templates of the
portal mark all their text; the committed catalog is the compiled .po; the switcher; money and
dates in the reader's locale.

The portal pages are discovered from the URL configuration (every route under /portal/, plus
the partner user's inbox and notifications), so a new portal page is covered as soon as it
exists: its text must be marked and translated in locale/de/LC_MESSAGES/django.po.
"""

import datetime
import gettext
import html
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.template import engines
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import ContactCorrection, Invitation, PartnerMembership
from partners.services import team as team_services
from prm.lib.dates import day_label
from prm.lib.days import days_ago_text
from prm.lib.money import format_money
from tests.i18n_support import bare_text, read_po, visible_text
from tests.isolation.test_tenant_isolation import OWNER_PATH, RESOURCES, discover_routes

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
pytestmark = pytest.mark.django_db

# Pages a partner user opens outside /portal/: their inbox and notifications.
PARTNER_PAGES_ELSEWHERE = (
    "inbox:inbox", "inbox:panel", "notifications:notification-list",
    "notifications:notification-preferences", "password_change",
)  # fmt: skip


# Phrases the pages still show in English: the evidence of each score component is written in
# English when the scoring job runs and stored with the run (it names the latest audit, the
# plan actions of our side and the partner's side, the deals to register), and the names of
# reference data the admins keep (the metric "Certified people"). Remove an entry once that
# text is translatable; never add a template's text here.
NOT_YET_TRANSLATED = {
    "Latest audit", "Our side", "Partner side", "Register deal", "Certified people",
}  # fmt: skip


def portal_routes():
    return [route for route in discover_routes() if route.text.startswith("portal/")]


# Routes addressed by something other than an object's id: the values to visit each with.
OTHER_KWARGS = {"kind": lambda: ContactCorrection.Kind.values}


def _urls_of(route, partner) -> dict[str, str]:
    """The route's URLs by name: one for `partner`'s own object, or one per value of another
    argument (a kind of correction); none when there is no such object to show."""
    others = [name for name in route.kwargs if name != "pk"]
    if not others:
        url = _url_of(route, partner)
        return {route.key: url} if url else {}
    if others != ["kind"] or "pk" in route.kwargs:
        return {}
    return {
        f"{route.key} {value}": reverse(route.key, kwargs={"kind": value})
        for value in OTHER_KWARGS["kind"]()
    }


def _url_of(route, partner):
    """The route's URL for `partner`'s own object (None: no such object to show)."""
    if "pk" not in route.kwargs:
        return reverse(route.key)
    label = RESOURCES.get(route.key, "").removeprefix("shared:")
    if not label:
        return None
    model = apps.get_model(label)
    owned = model.objects.all()
    if label in OWNER_PATH:
        owned = owned.filter(**{OWNER_PATH[label]: partner.pk})
    obj = owned.order_by("pk").first()
    return reverse(route.key, kwargs={"pk": obj.pk}) if obj else None


class PortalInGerman:
    """Every portal page a partner admin can GET, requested in German (by cookie)."""

    def __init__(self):
        call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
        membership = PartnerMembership.objects.select_related("user", "partner").get(
            user__username="portal-a"
        )
        PartnerMembership.objects.filter(pk=membership.pk).update(
            role=PartnerMembership.Role.PARTNER_ADMIN
        )
        self.user, self.partner = membership.user, membership.partner
        self.client = Client()
        self.client.force_login(self.user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
        self.pages = {}  # URL name -> response
        self.templates = set()
        urls = {}
        for route in portal_routes():
            urls |= _urls_of(route, self.partner)
        urls |= {name: reverse(name) for name in PARTNER_PAGES_ELSEWHERE}
        for name, url in urls.items():
            self._visit(name, url)
        # The page an invitation's link opens, read by the invited colleague (not signed in).
        self._visit("invitation-accept", _invitation_url(self.partner, self.user), anonymous=True)
        # What the pages load after they show (htmx, hx-trigger="load"): the inbox count, the
        # bell, the panels, found on the pages themselves.
        for url in sorted({url for page in list(self.pages.values()) for url in _lazy_urls(page)}):
            self._visit(f"fragment {url}", url, HTTP_HX_REQUEST="true")

    def _visit(self, name, url, anonymous=False, **headers):
        client = self.client
        if anonymous:
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
        response = client.get(url, **headers)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            self.pages[name] = response
            self.templates |= {t.name for t in response.templates if t.name}


def _invitation_url(partner, inviter) -> str:
    """The link of an open invitation to `partner`'s portal (as its email carries it)."""
    invitation = Invitation(
        partner=partner, email="invited-de@example.com", role=PartnerMembership.Role.MEMBER,
        invited_by=inviter,
    )  # fmt: skip
    secret = team_services._new_secret(invitation, timezone.now())
    invitation.save()
    return reverse("invitation-accept", args=[team_services.invitation_token(invitation, secret)])


LAZY_TAG = re.compile(r"<[^>]*\bhx-trigger=\"[^\"]*\bload\b[^>]*>")
HX_GET = re.compile(r'\bhx-get="([^"]+)"')


def _lazy_urls(response) -> set[str]:
    urls = set()
    for tag in LAZY_TAG.findall(response.content.decode()):
        match = HX_GET.search(tag)
        if match and match.group(1).startswith("/"):
            urls.add(html.unescape(match.group(1)))
    return urls


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield PortalInGerman()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def german_phrases():
    """The catalog's translated phrases (without placeholders) of three words or more, or two
    starting with a capital: where one is on a German page in English, a string was left
    unmarked or untranslated. (Shorter lower-case fragments, "a month", also occur in the
    partners' own data.)"""
    phrases = set()
    for entry in read_po(PO_FILE):
        text = entry.msgid
        if not entry.msgid or "%" in text or "{" in text or entry.msgid_plural:
            continue
        words = text.split()
        long_enough = len(words) >= 3 or (len(words) == 2 and text[0].isupper())
        if long_enough and entry.msgstr.get(0) and entry.msgstr[0] != text:
            phrases.add(" ".join(text.split()))
    return phrases


# --- every portal page in German ----------------------------------------------------------


def test_portal_pages_are_found(portal):
    found = set(portal.pages)
    assert {"portal:home", "performance-portal:deal-list", "performance-portal:deal-detail",
            "incentives-portal:claim-list", "inbox:inbox"} <= found  # fmt: skip
    fragments = {name for name in found if name.startswith("fragment ")}
    assert f"fragment {reverse('inbox:count')}" in fragments, fragments
    # Every portal route without an id answers a partner admin's GET (a POST-only route 405).
    listed = {route.key for route in portal_routes() if not route.kwargs}
    post_only = {"performance-portal:plan-action-status", "portal:team-invite"}
    assert listed - found <= post_only, listed - found
    # Every page of an object the partner has in the demo (a survey, a fund request, ...) is
    # visited too, and the page an invitation opens.
    with_ids = {route.key for route in portal_routes() if "pk" in route.kwargs}
    assert {"relationships-portal:survey-detail", "incentives-portal:fund-request-detail",
            "incentives-portal:fund-request-claim", "invitation-accept"} <= found, (
        with_ids - found
    )  # fmt: skip
    assert {f"portal:correction-propose {kind}" for kind in ContactCorrection.Kind.values} <= found


def test_every_portal_page_is_german(portal, german_phrases):
    problems = {}
    for name, response in sorted(portal.pages.items()):
        html = response.content.decode()
        if '<html lang="de">' not in html and "<html" in html:
            problems[name] = ["<html lang> is not de"]
            continue
        text = visible_text(html)
        english = sorted(phrase for phrase in german_phrases - NOT_YET_TRANSLATED if phrase in text)
        if english:
            problems[name] = english
    assert not problems, f"English on German pages: {problems}"


def test_a_portal_page_is_german_by_accept_language(portal):
    client = Client(headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})
    client.force_login(portal.user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Partnerportal" in html and "Abmelden" in html


def test_portal_templates_mark_all_their_text(portal):
    names = set(portal.templates)
    names |= {
        str(path.relative_to(TEMPLATES_DIR))
        for folder in ("portal", "components")
        for path in (TEMPLATES_DIR / folder).rglob("*.html")
    }
    names.add("base.html")
    problems = {}
    for name in sorted(names):
        if name.startswith("django/"):
            continue  # Django's own form widgets
        template = engines["django"].engine.get_template(name.split("#")[0])
        bare = bare_text(template.source)
        if bare:
            problems[name] = bare
    assert not problems, f"Text outside {{% translate %}}: {problems}"


# --- the catalog --------------------------------------------------------------------------


def test_committed_mo_is_the_compiled_po():
    with open(MO_FILE, "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    expected = {}
    for entry in read_po(PO_FILE):
        if "fuzzy" in entry.flags or not entry.translated:
            continue  # msgfmt leaves these out
        if entry.msgid_plural:
            for index, text in entry.msgstr.items():
                expected[(entry.catalog_key, index)] = text
        else:
            expected[entry.catalog_key] = entry.msgstr[0]
    # The header (msgid "") is metadata, not a translation.
    expected.pop("", None)
    catalog.pop("", None)
    assert catalog == expected, "locale/de is out of date: run `make messages`"


def test_portal_strings_are_translated_and_not_fuzzy(portal):
    portal_templates = {f"templates/{name.split('#')[0]}" for name in portal.templates}
    problems = []
    for entry in read_po(PO_FILE):
        if not entry.msgid:
            continue
        assert "fuzzy" not in entry.flags, f"fuzzy translation of {entry.msgid!r}"
        files = {reference.rsplit(":", 1)[0] for reference in entry.references}
        if files & portal_templates and not entry.translated:
            problems.append(entry.msgid)
    assert not problems, f"Untranslated portal strings: {problems}"


# --- the switcher -------------------------------------------------------------------------


def test_switcher_is_in_both_layouts(client_for, manager, partner_admin):
    for user, url in ((manager, reverse("home")), (partner_admin, reverse("portal:home"))):
        html = client_for(user).get(url).content.decode()
        assert f'action="{reverse("set_language")}"' in html
        assert 'name="language" value="de"' in html


def test_setlang_switches_the_language_and_remembers_it(client_for, partner_admin):
    client = client_for(partner_admin)
    home = reverse("portal:home")
    response = client.post(reverse("set_language"), {"language": "de", "next": home})
    assert response.status_code == 302 and response["Location"] == home
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    page = client.get(home).content.decode()
    assert '<html lang="de">' in page and "Abmelden" in page
    partner_admin.refresh_from_db()
    assert partner_admin.language == "de"
    # Another browser without the cookie: the user's saved choice.
    other = Client()
    other.force_login(partner_admin)
    assert '<html lang="de">' in other.get(home).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": home})
    assert '<html lang="en">' in client.get(home).content.decode()


def test_setlang_returns_to_the_page_it_was_sent_from(client_for, partner_admin):
    client = client_for(partner_admin)
    deals = reverse("performance-portal:deal-list")
    response = client.post(
        reverse("set_language"),
        {"language": "de"},
        headers={"referer": f"http://testserver{deals}"},
    )
    assert response.status_code == 302 and response["Location"] == f"http://testserver{deals}"
    assert "Deal-Registrierungen" in client.get(deals).content.decode()


def test_setlang_works_signed_out_and_refuses_get(client):
    url = reverse("set_language")
    assert client.get(url).status_code == 405
    response = client.post(url, {"language": "de", "next": reverse("login")})
    assert response.status_code == 302
    assert "Anmelden" in client.get(reverse("login")).content.decode()


def test_setlang_ignores_an_unknown_language(client_for, partner_admin):
    client = client_for(partner_admin)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    partner_admin.refresh_from_db()
    assert partner_admin.language == ""


def test_switcher_adds_no_query(client_for, partner_admin, count_queries):
    client = client_for(partner_admin)
    url = reverse("portal:home")
    before = count_queries(client, url, warm=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert count_queries(client, url, warm=True) == before


# --- money, numbers and dates in the reader's locale --------------------------------------


@pytest.mark.parametrize(
    "amount, currency, decimals, english, german",
    [
        (Decimal("1234.5"), "EUR", 2, "1,234.50 EUR", "1.234,50 €"),
        (Decimal("1234.5"), "EUR", 0, "1,235 EUR", "1.235 €"),
        (Decimal("12500"), "USD", 0, "12,500 USD", "12.500 $"),
        (Decimal("-987654.321"), "GBP", 2, "-987,654.32 GBP", "-987.654,32 £"),
        (Decimal("1000"), "CHF", 0, "1,000 CHF", "1.000 CHF"),
        (7, "", 0, "7", "7"),
        (None, "EUR", 0, "", ""),
    ],
)
def test_money_in_the_readers_locale(amount, currency, decimals, english, german):
    with translation.override("en"):
        assert format_money(amount, currency, decimals=decimals) == english
    with translation.override("de"):
        assert format_money(amount, currency, decimals=decimals) == german


def test_money_filter_in_german():
    template = engines["django"].from_string("{{ amount|money:'EUR' }} {{ amount|money_exact }}")
    with translation.override("de"):
        text = template.render({"amount": Decimal("1234.5")})
    assert text == "1.235 € 1.234,50 $"


def test_day_label_in_the_readers_locale():
    day = datetime.date(2027, 3, 5)
    with translation.override("en"):
        assert day_label(day) == "5 Mar 2027"
    with translation.override("de"):
        assert day_label(day) == "5. März 2027"


@pytest.mark.parametrize(
    "days, english, german",
    [
        (0, "today", "heute"),
        (1, "yesterday", "gestern"),
        (-1, "tomorrow", "morgen"),
        (12, "12 days ago", "vor 12 Tagen"),
        (-3, "in 3 days", "in 3 Tagen"),
    ],
)
def test_days_ago_in_the_readers_locale(days, english, german):
    with translation.override("en"):
        assert days_ago_text(days) == english
    with translation.override("de"):
        assert days_ago_text(days) == german


# --- emails in the recipient's language ---------------------------------------------------


def test_notification_email_in_the_recipients_language(partner_admin, manager):
    from prm.notifications import notify
    from prm.notifications.emails import notification_message

    partner_admin.language = "de"
    partner_admin.save(update_fields=["language"])
    deal_approved = {"verb": "approved your deal", "object_label": "Initech",
                     "url": "/portal/performance/deals/", "partner_label": "Acme"}  # fmt: skip
    (german,) = notify(kind="deal_approved", recipients=[partner_admin], **deal_approved)
    message = notification_message(german)
    html = message.alternatives[0][0]
    assert message.body.startswith("Hallo ") and "Öffnen: " in message.body
    assert '<html lang="de">' in html and "In PRM öffnen" in html
    assert "„Deal-Registrierung genehmigt“" in html
    (english,) = notify(kind="deal_registered", recipients=[manager], **deal_approved)
    body = notification_message(english).body
    assert body.startswith("Hello ") and "Open it: " in body
    assert not translation.get_language().startswith("de")  # the override ended
