"""Keep the stored occurrence table in step with the things it is derived from."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import FilmPage, Occurrence, Screening, VenuePage


@receiver(post_save, sender=Screening)
def regenerate_screening_occurrences(sender, instance: Screening, raw=False, **kwargs):
    if raw:
        return
    Occurrence.objects.regenerate(instance)


@receiver(page_published, sender=VenuePage)
@receiver(page_published, sender=FilmPage)
def regenerate_after_publish(sender, instance, **kwargs):
    """A venue's time zone or a film's runtime moves every show's times or end."""
    for screening in instance.screenings.select_related("film", "venue"):
        Occurrence.objects.regenerate(screening)
