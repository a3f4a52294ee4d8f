from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtensionAppConfig(AppConfig):
    name = "tests.extension_app"
    label = "extension_app"
    verbose_name = _("Events (example extension)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from programme.registry import register_access_flag, register_label

        # Rows created after ``migrate`` (programme.registry.ensure_declared_rows);
        # editors then tick them on a screening like any other label or flag.
        register_label("quiz", "Film quiz", "Teams of up to six; answers after the film.")
        register_access_flag(
            "parent-and-baby",
            "Parent and baby",
            abbreviation="P&B",
            description="Lights up a little, sound down, buggies welcome.",
        )
