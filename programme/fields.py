"""Model fields the app needs that neither Django nor its dependencies provide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import language_choices


class LanguageListField(models.JSONField):
    """An ordered list of ISO 639 language codes, edited as a multiple choice.

    Stored as a JSON list so that it needs no join table and reads in one query;
    filtering by language is done on screenings, which carry a single code.
    """

    description = _("List of language codes")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _name in language_choices()}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown language code: %(codes)s"), params={"codes": ", ".join(unknown)}
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": language_choices,
            "required": not self.blank,
            "widget": forms.SelectMultiple(attrs={"size": 8}),
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form class; go straight to Field's.
        return models.Field.formfield(self, **defaults)
