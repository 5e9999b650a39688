from django import forms

from .models import Audience
from .selectors import DURATIONS


class CatalogueFilterForm(forms.Form):
    audience = forms.ModelMultipleChoiceField(
        label="Who it is for",
        queryset=Audience.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    duration = forms.ChoiceField(
        label="How long it takes",
        choices=[("", "Any length"), *((key, label) for key, (label, _) in DURATIONS.items())],
        required=False,
        widget=forms.RadioSelect,
    )


class ReflectionForm(forms.Form):
    block_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Your answer",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only you can see this. You can change it at any time.",
        error_messages={
            "required": "Write your answer before saving",
            "max_length": "Your answer must be 5,000 characters or fewer",
        },
    )
