from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeDemoConfig(AppConfig):
    name = "programme_demo"
    label = "programme_demo"
    verbose_name = _("Film programme demo content")
