"""LongSelect: a select written in one pass, its options kept per process by key."""

from django import forms

from prm.lib.forms import LongSelect


def test_long_select_renders_like_djangos_select_with_the_choice_selected():
    choices = [("", "Any"), ("a&b", "A & B"), ("c", "<C>")]
    html = LongSelect(choices=choices).render("partner", "a&b", attrs={"id": "id_partner"})

    assert html == (
        '<select id="id_partner" name="partner"><option value="">Any</option>'
        '<option value="a&amp;b" selected>A &amp; B</option>'
        '<option value="c">&lt;C&gt;</option></select>'
    )
    django_html = forms.Select(choices=choices).render("partner", "a&b")
    assert "selected" in django_html and "A &amp; B" in django_html


def test_long_select_writes_its_options_again_only_when_the_key_changes():
    state = {"key": 1, "choices": [("a", "Alpha")]}
    calls = []

    def options_key():
        calls.append(state["key"])
        return state["key"]

    widget = LongSelect(choices=state["choices"], options_key=options_key)
    assert "Alpha" in widget.render("p", None)
    widget.choices = [("b", "Beta")]
    assert "Alpha" in widget.render("p", None)  # same key: the kept options
    state["key"] = 2
    html = widget.render("p", "b")
    assert "Beta" in html and "Alpha" not in html and '<option value="b" selected>' in html
    assert calls == [1, 1, 2]
