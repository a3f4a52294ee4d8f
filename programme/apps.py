from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    label = "programme"
    verbose_name = _("Film programme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks, signal_handlers  # noqa: F401
        from .caching import signals as caching_signals  # noqa: F401
        from .compat import ensure_page_model_setting
        from .registry import ensure_declared_rows

        # Before any migration module is imported (they are loaded after ready()).
        ensure_page_model_setting()
        post_migrate.connect(ensure_declared_rows, sender=self)
