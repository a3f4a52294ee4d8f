from django.db import migrations

DEFAULT_FLAGS = [
    ("captioned", "Captioned", "CC", "Descriptive subtitles for d/Deaf and hard-of-hearing viewers."),
    ("audio-described", "Audio described", "AD", "A described soundtrack on headsets."),
    ("relaxed", "Relaxed screening", "RS", "Lights low, sound softer, moving about welcome."),
    ("parent-and-baby", "Parent and baby", "P&B", "For parents with babies under one."),
    ("dementia-friendly", "Dementia-friendly", "DF", "A gentle screening with a break and refreshments."),
    ("signed", "BSL/ASL interpreted", "SL", "Introduction or Q&A interpreted in sign language."),
]


def add_flags(apps, schema_editor):
    AccessFlag = apps.get_model("programme", "AccessFlag")
    for slug, name, abbreviation, description in DEFAULT_FLAGS:
        AccessFlag.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "abbreviation": abbreviation, "description": description},
        )


def remove_flags(apps, schema_editor):
    AccessFlag = apps.get_model("programme", "AccessFlag")
    AccessFlag.objects.filter(slug__in=[flag[0] for flag in DEFAULT_FLAGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(add_flags, remove_flags)]
