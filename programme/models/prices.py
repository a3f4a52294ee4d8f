"""Price tables: reusable, ordered ticket prices in one currency."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from ..conf import default_currency
from ..languages import currency_choices
from .screenings import Screening, ScreeningQuerySet


class PriceTable(index.Indexed, ClusterableModel):
    """A venue's or a screening's prices, e.g. regular, concessions, members.

    A zero amount means free; the footnote carries rules that are not a price
    ("free for members at Film Lover level and above").
    """

    name = models.CharField(_("name"), max_length=255)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=default_currency
    )
    footnote = models.TextField(_("footnote"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("currency")]),
        InlinePanel("rows", label=_("Price"), min_num=1),
        FieldPanel("footnote"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("price table")
        verbose_name_plural = _("price tables")

    def __str__(self) -> str:
        return self.name

    def cache_screenings(self) -> ScreeningQuerySet:
        """The screenings priced by this table, their own or their venue's default.

        Their pages go when it changes (the page cache).
        """
        return Screening.objects.filter(
            Q(price_table=self) | Q(price_table__isnull=True, venue__default_price_table=self)
        )

    @property
    def from_amount(self) -> Decimal | None:
        """The lowest amount a paying reader can see; ``0`` when everything is free."""
        amounts = [row.amount for row in self.rows.all()]
        paid = [amount for amount in amounts if amount > 0]
        if paid:
            return min(paid)
        return Decimal("0") if amounts else None


class PriceRow(Orderable):
    table = ParentalKey(PriceTable, on_delete=models.CASCADE, related_name="rows")
    label = models.CharField(_("label"), max_length=255, help_text=_('e.g. "Seniors and students"'))
    amount = models.DecimalField(
        _("amount"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 means free."),
    )
    conditions = models.CharField(
        _("conditions"), max_length=255, blank=True, help_text=_('e.g. "ages 3–17"')
    )

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("amount"), FieldPanel("conditions")])]

    class Meta(Orderable.Meta):
        verbose_name = _("price")
        verbose_name_plural = _("prices")

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"
