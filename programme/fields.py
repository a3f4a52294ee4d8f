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


class ExternalIdField(models.CharField):
    """Another system's identifier for a record: a box office's, a catalogue's, an import file's.

    Unique when set, so a re-import updates the record it created instead of
    adding a second one; blank rows store NULL so any number may lack one.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("external ID"))
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text",
            _("The box office's or an import file's ID, so re-imports update this record."),
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Migrations record a plain CharField: the defaults above are this field's whole point.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value or None
