"""`{% menu_links "main" as links %}`: the registered entries of a menu (see prm.menus)."""

from django import template

from prm import menus

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context, menu):
    return menus.menu_links(menu, context)


@register.simple_tag
def menu_home(menu):
    """`{% menu_home "portal" %}`: the URL where the menu's pages start."""
    return menus.home_url(menu)
