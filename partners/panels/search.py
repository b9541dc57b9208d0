"""What partners registers with the global search: partners (vendor staff) and people (vendor
staff, and partner users for their own company's). Each result says what it is in one line and
links to where it lives for the user's side."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from prm import search
from prm.lib.countries import country_name

from .orgchart import chart_url


def partner_result(partner, *, portal: bool) -> search.Result:
    tier = f"{partner.tier.name} tier" if partner.tier_id else "No tier"
    parts = [partner.get_partner_type_display(), partner.get_status_display(), tier]
    if country := country_name(partner.country):
        parts.append(country)
    return search.Result(partner.name, " · ".join(parts), partner.get_absolute_url())


def partner_list_url(text: str, *, portal: bool) -> str | None:
    """The partner list filters by name and website, as the search does."""
    return None if portal else f"{reverse('partners:partner-list')}?{urlencode({'q': text})}"


def contact_result(contact, *, portal: bool) -> search.Result:
    if portal:
        return _portal_contact_result(contact)
    parts = [contact.title, contact.partner.name]
    if contact.left_on:
        parts.append(f"left {date_format(contact.left_on, 'j M Y')}")
    # The person's box on the org chart: every branch open, so the anchor is on the page.
    url = f"{chart_url(contact.partner)}?expand=all#person-{contact.pk}"
    return search.Result(contact.full_name, " · ".join(p for p in parts if p), url)


def _portal_contact_result(contact) -> search.Result:
    """A colleague's result opens their row on the portal's People page."""
    unit = contact.org_unit.name if contact.org_unit_id else ""
    parts = [contact.title, unit, contact.email or contact.phone]
    url = f"{reverse('portal:people')}#person-{contact.pk}"
    return search.Result(contact.full_name, " · ".join(p for p in parts if p), url)


def register() -> None:
    search.register_kind(
        "partners", label=_("Partners"), order=10,
        selector="partners.selectors.search.search_partners", present=partner_result,
        audiences=(search.STAFF,), more=partner_list_url,
    )  # fmt: skip
    search.register_kind(
        "people", label=_("People"), order=20,
        selector="partners.selectors.search.search_contacts", present=contact_result,
        audiences=(search.STAFF, search.PORTAL),
    )  # fmt: skip
