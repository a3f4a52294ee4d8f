"""Admin forms for the programme's snippets.

``ScreeningForm`` makes django-recurrence's rule editor work inside the Wagtail
admin and turns every way a rule can be wrong into a message on the field:
django-recurrence itself accepts rules (``INTERVAL=0``, ``BYSETPOS=400``…) that
later fail when they are saved or expanded, and its own messages ("malformed
data") mean nothing to a programmer.
"""

import datetime
import logging

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from recurrence import Recurrence, serialize
from recurrence import forms as recurrence_forms
from recurrence.exceptions import RecurrenceError
from wagtail.admin.forms import WagtailAdminModelForm

from . import conf
from . import recurrence as expansion
from .models import Screening

logger = logging.getLogger(__name__)

UNREADABLE_RULE = _(
    "These repeat rules could not be read (%(detail)s). "
    "Set them again with “Add rule” and “Add date”, or clear the field."
)


def recurrence_catalogue_url() -> str:
    """The JavaScript catalogue that defines ``gettext`` for the rule editor's labels.

    The admin serves it (see wagtail_hooks), so the host's ``urls.py`` need not.
    """
    return reverse("programme_admin_recurrence_jsi18n")


class RecurrenceInput(recurrence_forms.RecurrenceWidget):
    """django-recurrence's widget, with everything its scripts need to run in Wagtail.

    - A ``gettext`` catalogue with django-recurrence's own strings, first.
      django-recurrence looks for a catalogue view that Django no longer has.
    - Our start-up script instead of its recurrence-widget.init.js, which needs
      Django admin's jQuery (``django.jQuery``) only to wait for the page and
      warns in the console when the Django admin's ``#container`` is missing.
      The editor itself (recurrence.js, recurrence-widget.js) is plain JS.
    """

    def _get_media(self):
        return forms.Media(
            js=[
                recurrence_catalogue_url(),
                "recurrence/js/recurrence.js",
                "recurrence/js/recurrence-widget.js",
                "programme/admin/recurrence-widget.js",
            ],
            css={
                "all": [
                    "recurrence/css/recurrence.css",
                    "programme/admin/recurrence-widget.css",
                ]
            },
        )

    media = property(_get_media)

    def format_value(self, value):
        if isinstance(value, Recurrence):
            try:
                return serialize(value)
            except RecurrenceError:
                return ""
        return super().format_value(value)


class ScreeningRecurrenceField(recurrence_forms.RecurrenceField):
    """A rule set that is certain to save and to expand, or a readable error."""

    widget = RecurrenceInput

    def clean(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if not text:
            return None
        try:
            rule_set = super().clean(text)
        except ValidationError as error:
            raise ValidationError(
                UNREADABLE_RULE, code="invalid", params={"detail": "; ".join(error.messages)}
            ) from error
        except Exception as error:  # any parse failure is the editor's text
            raise ValidationError(
                UNREADABLE_RULE, code="invalid", params={"detail": str(error) or "?"}
            ) from error
        if rule_set is None:
            return None
        try:
            expansion.check_rules(rule_set)
        except expansion.RuleError as error:
            raise ValidationError(str(error), code="frequency") from error
        try:
            serialize(rule_set)
            today = timezone.localdate()
            horizon = today + datetime.timedelta(days=conf.occurrence_horizon_days())
            # A dry run with no limit: too many dates is for the model to say,
            # with the real first date; a rule dateutil cannot run is said here.
            expansion.expand_dates(rule_set, today, horizon, limit=10**9)
        except expansion.RuleError:
            pass
        except Exception as error:  # dateutil raises ValueError, OverflowError…
            raise ValidationError(
                UNREADABLE_RULE, code="invalid", params={"detail": str(error) or "?"}
            ) from error
        if not (rule_set.rrules or rule_set.rdates or rule_set.exrules or rule_set.exdates):
            return None
        return rule_set


class ScreeningForm(WagtailAdminModelForm):
    """The Screening snippet's form: the rule editor, tidy show times, errors not crashes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "recurrence" in self.fields:
            model_field = Screening._meta.get_field("recurrence")
            self.fields["recurrence"] = ScreeningRecurrenceField(
                required=False,
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
            )

    def clean_show_times(self):
        text = self.cleaned_data.get("show_times", "")
        try:
            times = expansion.parse_show_times(text)
        except expansion.RuleError as error:
            raise ValidationError(str(error), code="invalid") from error
        return expansion.format_show_times(times)

    def _post_clean(self):
        # Screening.clean() expands the rule at the venue, so it needs one:
        # without a venue (already an error on that field) it cannot run.
        try:
            super()._post_clean()
        except ObjectDoesNotExist:
            if not self._errors:
                raise
        except (ValueError, OverflowError, RecurrenceError) as error:
            logger.info("Screening rule failed to expand: %s", error)
            self.add_error("recurrence", UNREADABLE_RULE % {"detail": str(error) or "?"})


class PriceTableForm(WagtailAdminModelForm):
    """A price table needs at least one price; say so in words a programmer uses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = self.formsets.get("rows")
        if rows is not None:
            # The formset's own check counts rows marked for deletion too.
            rows.error_messages["too_few_forms"] = _("Add at least one price.")
