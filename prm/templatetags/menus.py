"""`{% menu_links "main" as links %}`: the registered entries of a menu (see prm.menus)."""

from django import template

from prm import menus

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context, menu):
    return menus.menu_links(menu, context)
