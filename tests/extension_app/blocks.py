"""The event body: every programme block plus a running order."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from programme.blocks import ProgrammeStreamBlock


class RunningOrderItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"))
    item = blocks.CharBlock(label=_("What happens"), max_length=255)


class RunningOrderBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=100)
    entries = blocks.ListBlock(RunningOrderItemBlock(), label=_("Entries"))

    class Meta:
        icon = "time"
        template = "extension_app/blocks/running_order.html"
        description = _("The evening hour by hour: doors, film, quiz, bar.")


class EventBodyBlock(ProgrammeStreamBlock):
    """Subclassing keeps every programme block (screenings, films, prices…) and adds ours."""

    running_order = RunningOrderBlock()
