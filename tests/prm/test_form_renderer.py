"""The form renderer writes inputs, selects and text areas in Python: the markup must be
exactly what Django's templates write, for every case the templates handle."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from prm.lib.form_renderer import FormRenderer


class EveryWidget(forms.Form):
    text = forms.CharField(
        initial='say "<hi>"',
        widget=forms.TextInput(
            attrs={
                "class": "wide",
                "required": True,
                "disabled": False,
                "data-safe": mark_safe("&amp;"),
            }
        ),  # fmt: skip
    )
    choice = forms.ChoiceField(
        choices=[("", "---"), ("1", "One & <b>"), ("Group", [("2", "Two"), ("3", "Three")])],
        initial="2",
    )
    several = forms.MultipleChoiceField(choices=[("1", "a"), ("2", "b")], initial=["1", "2"])
    typed = forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int, initial=2)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="line\n<tag>")
    empty_notes = forms.CharField(widget=forms.Textarea, initial="")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.BooleanField(initial=True)
    number = forms.IntegerField(initial=5)
    decimal = forms.DecimalField(initial="1.50")
    email = forms.EmailField(initial="a@example.com")
    secret = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="h")
    upload = forms.FileField()
    radio = forms.ChoiceField(choices=[("1", "a")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=[("1", "a")], widget=forms.CheckboxSelectMultiple)


def _html(renderer, data=None):
    return "".join(str(field) for field in EveryWidget(data, renderer=renderer))


def test_unbound_form_markup_is_djangos():
    assert _html(FormRenderer()) == _html(DjangoTemplates())


def test_bound_form_markup_is_djangos():
    data = {"text": "<script>", "choice": "3", "several": ["2"], "notes": "&", "number": "x"}
    assert _html(FormRenderer(), data) == _html(DjangoTemplates(), data)
