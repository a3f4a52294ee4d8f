"""Price tables: validation and locale-aware formatting through babel."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programme.models import PriceRow
from programme.templatetags.programme_tags import money
from tests.factories import PriceTableFactory


@pytest.mark.parametrize(
    "language, amount, currency, expected",
    [
        ("en-gb", "15", "GBP", "£15"),
        ("en-gb", "11.50", "GBP", "£11.50"),
        ("en-us", "15", "USD", "$15"),
        ("de", "9", "EUR", "9\xa0€"),
        ("de", "1500.50", "EUR", "1.500,50\xa0€"),
        ("fr", "7.5", "EUR", "7,50\xa0€"),
        ("en-gb", "0", "GBP", "Free"),
    ],
)
def test_money_follows_the_locale(language, amount, currency, expected):
    with translation.override(language):
        assert money(Decimal(amount), currency) == expected


@pytest.mark.django_db
def test_from_amount_ignores_free_rows_unless_all_are_free():
    table = PriceTableFactory(
        rows=[("Regular", "15", ""), ("Youth", "9", "ages 3–17"), ("Under 3", "0", "")]
    )
    assert table.from_amount == Decimal("9")
    free = PriceTableFactory(rows=[("Members", "0", "")])
    assert free.from_amount == Decimal("0")
    empty = PriceTableFactory(rows=[])
    assert empty.from_amount is None


@pytest.mark.django_db
def test_negative_amount_is_invalid():
    table = PriceTableFactory()
    row = PriceRow(table=table, label="Refund", amount=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "amount" in error.value.message_dict


@pytest.mark.django_db
def test_unknown_currency_is_invalid():
    table = PriceTableFactory.build(currency="XYZ")
    with pytest.raises(ValidationError) as error:
        table.full_clean()
    assert "currency" in error.value.message_dict
